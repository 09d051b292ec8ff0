import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '../config/config';
import { JsonLogger, jsonLogger } from '../logging/logging';

@Module({})
class HeadlessModule {}

/**
 * Runs a part of the service in a process of its own, with no HTTP (the projector, the scheduler),
 * against the shared stores: on the embedded default they run inside `npm start` instead.
 * SIGINT/SIGTERM let the current work finish; a second signal exits at once.
 */
export function runHeadless(name: string, config: AppConfig, module: DynamicModule): void {
  const logger = new Logger(name);
  const start = async () => {
    if (!config.eventStoreUrl) {
      throw new Error(`The ${name.toLowerCase()} runs on its own only against shared stores: set EVENT_STORE_URL (and READ_STORE_URL). On the embedded default, \`npm start\` runs it inside the service.`);
    }
    const app = await NestFactory.createApplicationContext({ module: HeadlessModule, imports: [module] }, { bufferLogs: true });
    app.useLogger(new JsonLogger(jsonLogger(config)));
    logger.log(`${name} running`);
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) process.exit(1);
      stopping = true;
      logger.log(`${signal} received: finishing the current work`);
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
  };
  start().catch((error: unknown) => {
    logger.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
