import type { CommandState } from './use-command';
import { ProblemView } from './problem-view';

export function CommandOutcome({ outcome, debtorZone }: { outcome: CommandState; debtorZone?: string }) {
  if (outcome.state === 'refused') return <ProblemView problem={outcome.problem} debtorZone={debtorZone} />;
  if (outcome.state === 'done')
    return (
      <p className="done" role="status">
        {outcome.message}
      </p>
    );
  return null;
}
