import type { ScoreModel } from '@arrears/domain';

/** The model's metrics, for a reader: AUC and the calibration table on the held-out accounts. */
export function summary(model: ScoreModel): string {
  const { from, to, examples, heldOut, auc, calibration } = model.training;
  const rows = calibration.map(
    (decile, i) => `  ${String(i + 1).padStart(2)}  ${String(decile.accounts).padStart(7)}  ${decile.predicted.toFixed(3)}  ${decile.observed.toFixed(3)}`,
  );
  return [
    `${model.version}: pays ${model.targetShare * 100} % of the overdue balance within ${model.horizonDays} days; cutoffs ${from} to ${to}`,
    `examples: ${examples} trained on, ${heldOut} held out; AUC on the held-out: ${auc.toFixed(3)}`,
    'decile  examples  predicted  observed',
    ...rows,
  ].join('\n');
}
