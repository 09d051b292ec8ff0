import { api, answer } from '../api/client';
import type { ChainVerification } from '../api/schemas';
import { instant } from '../shared/format';
import { useCommand } from '../shared/use-command';
import { CommandOutcome } from '../shared/command-outcome';
import { useState } from 'react';

/** Recomputes the account's hash chain on request: intact, or broken from a named revision. */
export function ChainBadge({ accountId }: { accountId: string }) {
  const [report, setReport] = useState<ChainVerification | null>(null);
  const command = useCommand(() => undefined);
  const verify = () =>
    void command.send(async () => {
      setReport(answer(await api.GET('/accounts/{accountId}/history/verify', { params: { path: { accountId } } })));
    }, 'Verified.');
  return (
    <section aria-labelledby="chain-title" className="chain">
      <h2 id="chain-title">Hash chain</h2>
      <button type="button" onClick={verify} disabled={command.sending}>
        Verify chain
      </button>
      {report && (
        <p className={`badge ${report.status}`} role="status">
          {report.status === 'intact'
            ? `Intact: ${report.events} events`
            : `Broken at revision ${report.firstBrokenRevision ?? '?'}${report.reason ? ` (${report.reason})` : ''}${report.detail ? `: ${report.detail}` : ''}`}
          <span className="muted"> · verified {instant(report.verifiedAt)}</span>
        </p>
      )}
      {command.outcome.state === 'refused' && <CommandOutcome outcome={command.outcome} />}
    </section>
  );
}
