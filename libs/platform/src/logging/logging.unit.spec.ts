import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { correlationIdOf, JsonLogger, jsonLogger, logContextOf, logRequests } from './logging';

/** A server whose one route parses a JSON body, logs through Nest's interface, and answers its status. */
function server() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(
        ...String(chunk)
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line)),
      );
      done();
    },
  });
  const logger = jsonLogger({ logLevel: 'info' }, destination);
  const nest = new JsonLogger(logger);
  const app = Fastify({ genReqId: correlationIdOf });
  logRequests(app, logger);
  app.post('/things/:id', async (request, reply) => {
    Object.assign(logContextOf(request), { route: 'POST /things/:id', actor: { id: 'agent-7', role: 'agent' } });
    await new Promise((resolve) => setTimeout(resolve, 1)); // later, on another tick
    nest.log(`working on ${(request.body as { name: string }).name}`, 'Things');
    return reply.status((request.body as { status: number }).status).send({});
  });
  return { app, lines };
}

describe('JSON logs', () => {
  it('gives a line written while a request runs its correlation id, route and actor, even after its body was parsed', async () => {
    const { app, lines } = server();
    await app.inject({ method: 'POST', url: '/things/1', headers: { 'x-correlation-id': 'corr-1' }, payload: { name: 'widget', status: 201 } });
    expect(lines.find((line) => line.msg === 'working on widget')).toMatchObject({
      level: 'info',
      service: 'arrears',
      context: 'Things',
      correlationId: 'corr-1',
      route: 'POST /things/:id',
      actor: { id: 'agent-7', role: 'agent' },
    });
  });

  it('writes one line per request when it is answered, at the level its status calls for', async () => {
    const { app, lines } = server();
    await app.inject({
      method: 'POST',
      url: '/things/2',
      headers: { 'x-correlation-id': 'corr-2', authorization: 'Bearer secret-token' },
      payload: { name: 'a', status: 200 },
    });
    await app.inject({ method: 'POST', url: '/things/3', headers: { 'x-correlation-id': 'corr-3' }, payload: { name: 'b', status: 422 } });
    await app.inject({ method: 'POST', url: '/things/4', headers: { 'x-correlation-id': 'corr-4' }, payload: { name: 'c', status: 503 } });
    const completed = lines.filter((line) => line.msg === 'request completed');
    expect(completed.map((line) => [line.correlationId, line.level])).toEqual([
      ['corr-2', 'info'],
      ['corr-3', 'warn'],
      ['corr-4', 'error'],
    ]);
    expect(completed[0]).toMatchObject({
      req: { method: 'POST', url: '/things/2' },
      res: { statusCode: 200 },
      route: 'POST /things/:id',
      responseTime: expect.any(Number),
    });
    expect(JSON.stringify(lines)).not.toContain('secret-token');
  });

  it('writes no context outside a request, and keeps an error’s stack', () => {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write: (chunk, _encoding, done) => {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    new JsonLogger(jsonLogger({ logLevel: 'info' }, destination)).error('it broke', 'Error: it broke\n    at here', 'Scheduler');
    expect(lines).toEqual([expect.objectContaining({ level: 'error', msg: 'it broke', context: 'Scheduler', stack: 'Error: it broke\n    at here' })]);
    expect(lines[0]).not.toHaveProperty('correlationId');
  });
});
