import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@arrears/platform';
import { ProjectorAppModule } from './projector-app.module';

/**
 * Runs the projections in a process of their own (`npm run start:projector`), against the stores
 * named by EVENT_STORE_URL and READ_STORE_URL. SIGINT/SIGTERM let the current batches finish.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = new Logger('Projector');
  if (!config.eventStoreUrl) {
    throw new Error(
      'The projector runs on its own only against shared stores: set EVENT_STORE_URL (and READ_STORE_URL). ' +
        'On the embedded default, `npm start` runs it inside the service.',
    );
  }
  const app = await NestFactory.createApplicationContext(ProjectorAppModule.forRoot({ ...config, runProjector: true }), {
    logger: config.logLevel === 'debug' ? ['error', 'warn', 'log', 'debug'] : ['error', 'warn', 'log'],
  });
  logger.log('Projector running');
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.log(`${signal} received: finishing the current batches`);
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`Shutdown failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  new Logger('Projector').error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
