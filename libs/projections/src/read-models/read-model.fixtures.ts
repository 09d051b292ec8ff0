import type { AccountEvent, Allocation, IsoDate } from '@arrears/domain';
import { reportingZones } from '@arrears/platform';
import { accountProjectionFor } from './account/account.projection';
import type { ProjectedDocument, Projection } from '../projection';
import { applyEvent } from '../runner/batch-writes';
import type { RecordedAccountEvent } from './account-events';
import { isKpiDay } from './kpis/kpi-days';
import { isKpiMonth } from './kpis/kpi-months';
import { windowStart } from './kpis/kpi-series';

/** Folds events through a projection in memory, as the runner would: the documents it ends with, by `collection/id`. */
export function projectAll<Document extends ProjectedDocument>(
  projection: Projection<Document, AccountEvent>,
  events: RecordedAccountEvent[],
  documents = new Map<string, ProjectedDocument | null>(),
): Map<string, Document> {
  for (const event of events) {
    if (projection.handles.includes(event.type) && projection.documentIds(event).length) {
      applyEvent(projection, documents, event);
    }
  }
  return new Map([...documents].filter((entry): entry is [string, Document] => entry[1] !== null));
}

/** The data of the account event of a type, as the domain declares it. */
export type DataOf<Type extends AccountEvent['type']> = Extract<AccountEvent, { type: Type }>['data'];

/**
 * Records account events as the store would: consecutive positions across the whole log,
 * consecutive revisions per stream, at the times given. Each event is the domain's own, typed by
 * its type as in the decider specs: data of the wrong shape does not compile.
 */
export function eventLog() {
  let position = 0;
  const revisions = new Map<string, number>();
  return (accountId: string, creditorId = 'cred-1') =>
    <Type extends AccountEvent['type']>(type: Type, data: DataOf<Type>, recordedAt = '2026-03-01T12:00:00.000Z'): RecordedAccountEvent => {
      const revision = revisions.get(accountId) ?? 0;
      revisions.set(accountId, revision + 1);
      position++;
      const event = { type, data } as AccountEvent; // the pair is typed at the call; TypeScript cannot correlate it here
      return {
        ...event,
        id: `evt-${position}`,
        streamId: `account-${accountId}`,
        revision: BigInt(revision),
        position: BigInt(position),
        metadata: {
          correlationId: `corr-${position}`,
          causationId: `cause-${position}`,
          actor: { id: 'agent-7', role: 'agent' },
          occurredAt: recordedAt,
          recordedAt,
          schemaVersion: 1,
          creditorId,
        },
      };
    };
}

/** Typical account events' data, for read-model specs. */
export const facts = {
  opened: (accountId: string, creditorId = 'cred-1'): DataOf<'AccountOpened'> => ({
    accountId,
    creditorId,
    debtor: { reference: `D-${accountId}`, name: 'Ada Lovelace', timeZone: 'UTC' },
  }),
  invoice: (invoiceId: string, amount: number, issuedOn: string, dueOn: string): DataOf<'InvoiceIssued'> => ({
    invoiceId,
    amount,
    currency: 'EUR',
    issuedOn,
    dueOn,
    terms: { graceDays: 0 },
  }),
  payment: (paymentId: string, amount: number, receivedOn: string, allocations: Allocation[], credited = 0): DataOf<'PaymentReceived'> => ({
    paymentId,
    amount,
    currency: 'EUR',
    receivedOn,
    method: 'card',
    allocations,
    installmentAllocations: [],
    credited,
  }),
};

/** The account fold as configured by default: every creditor reports in UTC. */
export const accountProjection = accountProjectionFor(reportingZones({}));

/**
 * What GET /kpis reads of a scope for a period, from the documents of `projectAll`: its month totals
 * before the window, and the window's day documents (see windowStart).
 */
export function kpiWindowOf(documents: Map<string, ProjectedDocument>, scope: string, from: IsoDate, to: IsoDate) {
  const start = windowStart(from);
  const kpis = [...documents.values()];
  return {
    days: kpis.filter(isKpiDay).filter((day) => day.scope === scope && day.date >= start && day.date <= to),
    months: kpis.filter(isKpiMonth).filter((month) => month.scope === scope && month.date < start),
  };
}
