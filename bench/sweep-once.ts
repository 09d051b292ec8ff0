/**
 * One process of the scheduler's sweep benchmark (m): the service as configured by its environment, its
 * scheduler woken once when the bench says so (over the IPC channel it is started with), so that every process
 * starts together; it answers when its sweep began and ended, and what it did, then stops.
 */
import { once } from 'node:events';
import { loadConfig } from '@arrears/platform';
import { TimelineScheduler } from '@arrears/scheduler';
import { createApp } from '../apps/api/src/bootstrap';

async function sweepOnce(): Promise<void> {
  const app = await createApp(loadConfig(process.env));
  await app.init();
  process.send?.('ready');
  await once(process, 'message');
  const started = Date.now();
  const run = await app.get(TimelineScheduler).runOnce();
  process.send?.({ started, ended: Date.now(), ...run });
  await app.close();
  if (process.connected) process.disconnect();
}

sweepOnce().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
