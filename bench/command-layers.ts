/**
 * (k) The command path's own layers, each timed alone on one payment of (d)'s shape, on an account with
 * 50 earlier payments: validating the body, deciding and folding, chaining the event. Set beside (d)'s
 * CPU a command, service against bare route, they say how much of the difference is these layers and
 * how much is what they leave out (guards, HTTP, the PostgreSQL client, GC). Pure CPU, no database.
 */
import { decide, evolve, type AccountCommand, type AccountEvent } from '@arrears/domain';
import { chained, chainKeyFrom, type EventMetadata } from '@arrears/event-store';
import { strictValidationPipe } from '@arrears/platform';
import { RecordPaymentRequest } from '../apps/api/src/payments/payments.requests';
import { microsecondsPer } from './cpu-loop';
import { accountWith } from './fold';

export interface CommandLayerFigure {
  layer: string;
  microseconds: number;
}

const body = (n: number) => ({ paymentId: `next-${n}`, amount: 100, currency: 'EUR', receivedOn: '2026-02-10', method: 'card' as const });
const recordPayment = (n: number): AccountCommand => ({ type: 'RecordPayment', data: body(n), now: '2026-03-01T12:00:00.000Z' });

/** As the command path records a payment's event: the fields `SealAndChain` gives it before chaining. */
const metadata: EventMetadata = {
  correlationId: '0f5c7a52-6a0e-4d4e-9a53-3f0c1f2b7d10',
  causationId: '0f5c7a52-6a0e-4d4e-9a53-3f0c1f2b7d10',
  actor: { id: 'bench-system', role: 'system' },
  occurredAt: '2026-03-01T12:00:00.000Z',
  occurredOn: '2026-02-10',
  recordedAt: '2026-03-01T12:00:00.000Z',
  schemaVersion: 1,
  creditorId: 'cred-1',
};

export async function measureCommandLayers(): Promise<CommandLayerFigure[]> {
  const pipe = strictValidationPipe();
  const state = accountWith(50);
  const [event] = decide(recordPayment(0), state) as [AccountEvent];
  const key = chainKeyFrom('bench-chain-key-of-at-least-thirty-two-characters');
  const content = { streamId: 'account-acc-1', id: '6c1f0a8e-2b0d-4a51-8f7e-3d9a7c5b1e20', type: event.type, data: event.data, metadata };
  return [
    {
      layer: 'validating the body (the strict pipe; a flat request’s short way)',
      microseconds: await microsecondsPer((n) => pipe.transform(body(n), { type: 'body', metatype: RecordPaymentRequest })),
    },
    { layer: 'deciding and folding', microseconds: await microsecondsPer((n) => decide(recordPayment(n), state).reduce(evolve, state)) },
    {
      layer: 'chaining the event (HMAC over canonical JSON)',
      microseconds: await microsecondsPer((n) => chained({ ...content, revision: BigInt(51 + n) }, 'a'.repeat(64), key)),
    },
  ];
}
