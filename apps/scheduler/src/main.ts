import 'reflect-metadata';
import { loadConfig, runHeadless } from '@arrears/platform';
import { SchedulerAppModule } from './scheduler-app.module';

/** Runs the collection timeline and the outbox in a process of their own (`npm run start:scheduler`). */
const config = { ...loadConfig(process.env, 'scheduler'), runScheduler: true };
runHeadless('Scheduler', config, SchedulerAppModule.forRoot(config));
