import type { ExpectedRecovery, ScoreExplanation } from '../api/schemas';
import { money, percent } from '../shared/format';

const segmentWords = { low: 'low risk', medium: 'medium risk', high: 'high risk' } as const;

/** "62 % likely to pay · medium risk": the score in one line. */
export const likelihood = (score: ScoreExplanation) => `${percent(score.probability * 100)} likely to pay · ${segmentWords[score.segment]}`;

/** Expected recovery and its three parts, in words: "$123.00 = $300.00 overdue × 41 % × contactable now". */
export function expectedRecoveryText(recovery: ExpectedRecovery, currency: string | null): string {
  const { overdueAmount, propensity, contactableNow } = recovery.parts;
  return `${money(recovery.total, currency)} = ${money(overdueAmount, currency)} overdue × ${percent(propensity * 100)} × ${contactableNow ? 'contactable now' : 'not contactable now (0)'}`;
}

/**
 * Why the score is what it is: each feature's part, largest first, as raising or lowering the chance of
 * paying against the average account the model was trained on.
 */
export function ScoreReasons({ score, limit }: { score: ScoreExplanation; limit?: number }) {
  const shown = score.contributions.filter((part) => Math.abs(part.contribution) >= 0.005).slice(0, limit);
  return (
    <>
      <ul className="score-reasons">
        {shown.map((part) => (
          <li key={part.feature}>
            {part.label}: {part.contribution > 0 ? 'raises' : 'lowers'} the chance of paying ({part.contribution > 0 ? '+' : '−'}
            {Math.abs(part.contribution).toFixed(2)})
          </li>
        ))}
      </ul>
      <p className="muted">
        Against an average account ({percent(score.baselineProbability * 100)}), in log-odds · model {score.modelVersion} ({score.arm})
      </p>
    </>
  );
}
