import { randomUUID } from 'node:crypto';

/** The metadata of the events the bench writes: one system actor, one creditor, a fixed day. */
export const benchMetadata = {
  correlationId: randomUUID(),
  causationId: randomUUID(),
  actor: { id: 'bench', role: 'system' },
  occurredAt: '2026-01-01T00:00:00.000Z',
  recordedAt: '2026-01-01T00:00:00.000Z',
  schemaVersion: 1,
  creditorId: 'cred-bench',
};
