import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { exitOnStartFailure, loadConfig, useJsonLogs } from '@arrears/platform';
import { createApp } from './bootstrap';
import { shutDownGracefully } from './graceful-shutdown';

/**
 * Starts the service. SIGINT/SIGTERM close it in order (see graceful-shutdown.ts); a second signal
 * exits at once.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  useJsonLogs(config);
  const logger = new Logger('Main');
  const app = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
  logger.log(`Arrears listening on http://${config.host}:${config.port} (OpenAPI at /docs)`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.log(`${signal} received: shutting down`);
    shutDownGracefully(app, config.shutdownGraceMs)
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error(`Shutdown failed: ${String(error)}`);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => {
    stop('SIGINT');
  });
  process.on('SIGTERM', () => {
    stop('SIGTERM');
  });
}

useJsonLogs();
main().catch((error: unknown) => exitOnStartFailure('Main', error));
