import Fastify, { type FastifyInstance } from 'fastify';

/**
 * A bench baseline's server: a bare Fastify app with the health route the bench waits for, given its routes by
 * `routed`, listening where the bench said (PORT) and closing, then closing its store, on SIGTERM. A failure to
 * start ends the process, which the bench reports.
 */
export function serveBare(routed: (app: FastifyInstance) => Promise<{ close(): Promise<void> }>): void {
  const start = async () => {
    const app = Fastify({ logger: false });
    app.get('/health', (_request, reply) => reply.send({ status: 'ok' }));
    const store = await routed(app);
    await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
    process.once('SIGTERM', () => void app.close().then(() => store.close()));
  };
  start().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
