import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '../config/config';
import { exitOnStartFailure, JsonLogger, jsonLogger, useJsonLogs } from '../logging/logging';

@Module({})
class HeadlessModule {}

/**
 * Runs a part of the service in a process of its own, with no HTTP (the projector, the scheduler),
 * against the shared stores: on the embedded default they run inside `npm start` instead.
 * `configure` reads the configuration inside, so that a bad one is logged as JSON like any failure.
 * SIGINT/SIGTERM let the current work finish; a second signal exits at once.
 */
export function runHeadless(name: string, configure: () => { config: AppConfig; module: DynamicModule }): void {
  const logger = new Logger(name);
  useJsonLogs();
  const start = async () => {
    const { config, module } = configure();
    useJsonLogs(config);
    if (!config.eventStoreUrl) {
      throw new Error(
        `The ${name.toLowerCase()} runs on its own only against shared stores: set EVENT_STORE_URL (and READ_STORE_URL). On the embedded default, \`npm start\` runs it inside the service.`,
      );
    }
    const app = await NestFactory.createApplicationContext({ module: HeadlessModule, imports: [module] }, { bufferLogs: true, abortOnError: false });
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
    process.on('SIGINT', () => {
      stop('SIGINT');
    });
    process.on('SIGTERM', () => {
      stop('SIGTERM');
    });
  };
  start().catch((error: unknown) => exitOnStartFailure(name, error));
}
