import { foldAccount } from '@arrears/commands';
import { examplesOf, type IsoDate, type OpenedAccount, type ScoreTarget, type TrainingExample } from '@arrears/domain';
import { readStreams, type EventStore, type RecordedEvent } from '@arrears/event-store';
import type { ReportingZones } from '@arrears/platform';
import type { RecordedAccountEvent } from '@arrears/projections';
import { happenedBy } from '../audit/account-replay';

/** Accounts read from the store at once. */
const readBatch = 200;
/** Events read at once while listing the account streams. */
const listPage = 5_000;

/** Which business dates the examples are read on, and what they are labelled by. */
export interface ExampleWindow extends ScoreTarget {
  cutoffs: readonly IsoDate[];
}

/** Every account stream in the store, in the order first written. */
export async function accountStreams(store: EventStore): Promise<string[]> {
  const streams = new Set<string>();
  for (let after = 0n; ;) {
    const page = await store.readAll({ after, maxCount: listPage });
    for (const event of page) if (event.type === 'AccountOpened') streams.add(event.streamId);
    const last = page[page.length - 1];
    if (!last) return [...streams];
    after = last.position;
  }
}

/**
 * The examples of the portfolio's accounts: each account read whole, folded as it stands now (for
 * its payments) and as it stood at each cutoff, by business date in its creditor's reporting zone
 * (the as-at replay of the audit: `happenedBy`).
 */
export async function portfolioExamples(
  store: EventStore,
  zones: ReportingZones,
  streamIds: readonly string[],
  window: ExampleWindow,
): Promise<TrainingExample[]> {
  const examples: TrainingExample[] = [];
  for (let from = 0; from < streamIds.length; from += readBatch) {
    const batch = streamIds.slice(from, from + readBatch);
    const streams = await readStreams(store, batch);
    for (const streamId of batch) examples.push(...accountExamples(streams.get(streamId) ?? [], zones, window));
  }
  return examples;
}

function accountExamples(recorded: RecordedEvent[], zones: ReportingZones, window: ExampleWindow): TrainingExample[] {
  const today = foldAccount(recorded);
  if (today.status === 'unopened') return [];
  const events = recorded as unknown as RecordedAccountEvent[];
  const asAt = (cutoff: IsoDate): OpenedAccount | null => {
    const account = foldAccount(happenedBy(events, cutoff, zones));
    return account.status === 'unopened' ? null : account;
  };
  return examplesOf(today, asAt, window.cutoffs, window);
}
