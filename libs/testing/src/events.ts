import type { NewEvent } from '@arrears/event-store';
import { randomUUID } from 'node:crypto';

/** An event ready to append, with fresh ids and complete metadata, for store and projection tests. */
export const newEvent = (type = 'Tested', data: Record<string, unknown> = {}): NewEvent => ({
  id: randomUUID(),
  type,
  data,
  metadata: {
    correlationId: randomUUID(),
    causationId: randomUUID(),
    actor: { id: 'test', role: 'system' },
    occurredAt: '2026-01-01T00:00:00.000Z',
    recordedAt: '2026-01-01T00:00:00.000Z',
    schemaVersion: 1,
    creditorId: 'cred-test',
  },
});
