import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * Stops in the order that loses nothing: refuse new connections, let the requests in flight finish
 * (closing each keep-alive connection as soon as it falls idle, and cutting what is left after
 * `graceMs`), then run Nest's shutdown hooks, which close the stores and the embedded database.
 * (Nest alone would close the stores first and the HTTP server last.)
 */
export async function shutDownGracefully(app: NestFastifyApplication, graceMs: number): Promise<void> {
  const server = app.getHttpServer();
  const sweep = setInterval(() => {
    server.closeIdleConnections();
  }, 50);
  const deadline = setTimeout(() => {
    server.closeAllConnections();
  }, graceMs);
  try {
    await app.getHttpAdapter().getInstance().close();
  } finally {
    clearInterval(sweep);
    clearTimeout(deadline);
  }
  await app.close();
}
