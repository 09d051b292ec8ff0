import 'reflect-metadata';
import { loadConfig, runHeadless } from '@arrears/platform';
import { SchedulerAppModule } from './scheduler-app.module';

/** Runs the collection timeline and the outbox in a process of their own (`npm run start:scheduler`). */
runHeadless('Scheduler', () => {
  const config = { ...loadConfig(process.env, 'scheduler'), runScheduler: true };
  return { config, module: SchedulerAppModule.forRoot(config) };
});
