/**
 * The command path's floor: a bare Fastify route that appends the same `PaymentReceived` through the
 * project's own `store.append`, with none of the service around it (no authentication, validation,
 * decision, idempotency or hash chain). `npm run bench` runs it in its own process, as it runs the
 * service, and loads both alike, so section (d) is a ratio against what this machine can do at most.
 */
import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@arrears/event-store';
import { serveBare } from './bare-server';

type PaymentBody = {
  paymentId: string;
  amount: number;
  currency: string;
  receivedOn: string;
  method: string;
};

serveBare(async (app) => {
  const url = process.env.EVENT_STORE_URL as string;
  const store = await PostgresEventStore.connect({ connectionString: url, poolSize: Number(process.env.DATABASE_POOL_SIZE ?? 16) });
  app.post<{ Params: { id: string }; Body: PaymentBody }>('/accounts/:id/payments', async (request, reply) => {
    const at = new Date().toISOString();
    const correlationId = randomUUID();
    const actor = { id: 'bench', role: 'system' };
    const metadata = { correlationId, causationId: correlationId, actor, occurredAt: at, recordedAt: at, schemaVersion: 1, creditorId: 'cred-bench' };
    const event = { id: randomUUID(), type: 'PaymentReceived', data: request.body, metadata };
    const { nextExpectedRevision } = await store.append(`account-${request.params.id}`, [event], { expectedRevision: 'any' });
    return reply.code(201).send({ accountId: request.params.id, revision: Number(nextExpectedRevision) });
  });
  return store;
});
