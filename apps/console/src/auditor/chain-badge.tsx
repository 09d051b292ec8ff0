import { api, answer } from '../api/client';
import type { ChainVerification } from '../api/schemas';
import { instant } from '../shared/format';
import { useCommand } from '../shared/use-command';
import { CommandOutcome } from '../shared/command-outcome';
import { useState } from 'react';

/** Recomputes the account's hash chain on request: intact (and how far a signed checkpoint vouches for it), or broken from a named revision. */
export function ChainBadge({ accountId }: { accountId: string }) {
  const [report, setReport] = useState<ChainVerification | null>(null);
  const command = useCommand(() => undefined);
  const verify = () =>
    void command.send(async () => {
      setReport(answer(await api.GET('/accounts/{accountId}/history/verify', { params: { path: { accountId } } })));
    }, 'Verified.');
  const caveats = report?.status === 'intact' ? caveatsOf(report) : [];
  return (
    <section aria-labelledby="chain-title" className="chain">
      <h2 id="chain-title">Hash chain</h2>
      <button type="button" onClick={verify} disabled={command.sending}>
        Verify chain
      </button>
      {report && (
        <div role="status">
          <p className={`badge ${report.status === 'intact' && caveats.length > 0 ? 'caveat' : report.status}`}>
            {report.status === 'intact'
              ? `Intact: ${report.events} events${caveats.length > 0 ? ', with caveats' : ''}`
              : `Broken at revision ${report.firstBrokenRevision ?? '?'}${report.reason ? ` (${report.reason})` : ''}${report.detail ? `: ${report.detail}` : ''}`}
            <span className="muted"> · verified {instant(report.verifiedAt)}</span>
          </p>
          {caveats.length > 0 && (
            <ul className="facts" aria-label="Caveats">
              {caveats.map((caveat) => (
                <li key={caveat}>{caveat}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {command.outcome.state === 'refused' && <CommandOutcome outcome={command.outcome} />}
    </section>
  );
}

/**
 * What an intact chain does not prove. The key catches an edit, but not the newest events deleted, nor a
 * stream re-chained with the old unkeyed hash: only a signed checkpoint that saw them vouches for those
 * (README, "Anchors" and its limits).
 */
function caveatsOf({ events, anchoredRevision = null, unkeyedEvents = 0 }: ChainVerification): string[] {
  // -1: no checkpoint saw any of the stream's events.
  const vouchedThrough = anchoredRevision ?? -1;
  const lastRevision = events - 1;
  const caveats: string[] = [];
  if (vouchedThrough < 0) caveats.push('Not yet vouched by a signed checkpoint: its newest events could have been deleted unnoticed.');
  else if (vouchedThrough < lastRevision)
    caveats.push(
      `Revisions ${vouchedThrough + 1}–${lastRevision} not yet vouched by a signed checkpoint (the latest saw up to ${vouchedThrough}): they could have been deleted unnoticed.`,
    );
  if (unkeyedEvents - 1 > vouchedThrough)
    caveats.push(
      `${unkeyedEvents} of the events are chained with the old unkeyed hash, which needs no key to redo: only a signed checkpoint that saw them vouches that they were not rewritten.`,
    );
  return caveats;
}
