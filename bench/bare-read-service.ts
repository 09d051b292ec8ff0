/**
 * The read path's floor: bare Fastify routes that make the same store reads as `GET /accounts/:id` and
 * `GET /worklist` through the project's own read store, slim shapes included, and send what they read,
 * with none of the service around them (no authentication, access check, view or contact rules, and the pool's
 * defaults for its connections).
 * `npm run bench` paces it at the rates it paces the service, so section (f)'s paced p99 stands beside
 * what this machine answers at that rate at most: on two cores shared with the load generator and
 * PostgreSQL, that floor is itself milliseconds.
 */
import { dateIn } from '@arrears/domain';
import { accountReadModel, withStoredShapes, worklistReadModel } from '@arrears/projections';
import { PostgresReadStore } from '@arrears/read-store';
import { serveBare } from './bare-server';

serveBare(async (app) => {
  const url = process.env.EVENT_STORE_URL as string;
  const store = withStoredShapes(await PostgresReadStore.connect(url, Number(process.env.DATABASE_POOL_SIZE ?? 10)));
  app.get<{ Params: { id: string } }>('/accounts/:id', async (request, reply) => {
    const document = await store.get(accountReadModel.collection, request.params.id);
    return document ? reply.send(document) : reply.code(404).send({ status: 404 });
  });
  // The worklist's first page for a token of every creditor: listed lines past due by the calendar furthest ahead, by rank.
  app.get<{ Querystring: { limit?: string } }>('/worklist', async (request, reply) => {
    const limit = Number(request.query.limit ?? 20);
    const today = dateIn(new Date().toISOString(), 'Pacific/Kiritimati');
    const page = await store.find(worklistReadModel.collection, {
      where: [
        { field: 'listed', op: 'eq', value: true },
        { field: 'oldestDueOn', op: 'lt', value: today },
      ],
      orderBy: [
        { field: 'rank', direction: 'desc' },
        { field: 'id', direction: 'asc' },
      ],
      limit: limit + 1,
    });
    return reply.send({ items: page.slice(0, limit) });
  });
  return store;
});
