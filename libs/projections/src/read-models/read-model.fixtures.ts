import type { RecordedEvent } from '@arrears/event-store';
import type { ProjectedDocument, Projection } from '../projection';
import { applyEvent } from '../runner/batch-writes';

/** Folds events through a projection in memory, as the runner would: the documents it ends with. */
export function projectAll<Document extends ProjectedDocument>(
  projection: Projection<Document>,
  events: RecordedEvent[],
  documents = new Map<string, ProjectedDocument | null>(),
): Map<string, Document> {
  for (const event of events) {
    if (projection.handles.includes(event.type) && projection.documentIds(event).length) {
      applyEvent(projection as unknown as Projection, documents, event);
    }
  }
  return new Map([...documents].filter((entry): entry is [string, Document] => entry[1] !== null));
}

/**
 * Records account events as the store would: consecutive positions across the whole log,
 * consecutive revisions per stream, at the times given.
 */
export function eventLog() {
  let position = 0;
  const revisions = new Map<string, number>();
  return (accountId: string, creditorId = 'cred-1') =>
    (type: string, data: Record<string, unknown>, recordedAt = '2026-03-01T12:00:00.000Z'): RecordedEvent => {
      const revision = revisions.get(accountId) ?? 0;
      revisions.set(accountId, revision + 1);
      position++;
      return {
        id: `evt-${position}`,
        streamId: `account-${accountId}`,
        revision: BigInt(revision),
        position: BigInt(position),
        type,
        data,
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
  opened: (accountId: string, creditorId = 'cred-1') => ({
    accountId,
    creditorId,
    debtor: { reference: `D-${accountId}`, name: 'Ada Lovelace', timeZone: 'UTC' },
  }),
  invoice: (invoiceId: string, amount: number, issuedOn: string, dueOn: string) => ({
    invoiceId,
    amount,
    currency: 'EUR',
    issuedOn,
    dueOn,
    terms: { graceDays: 0 },
  }),
  payment: (paymentId: string, amount: number, receivedOn: string, allocations: { invoiceId: string; amount: number }[], credited = 0) => ({
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
