/**
 * (m) The scheduler's sweep of a portfolio whose work is all due: commands/s of one process sweeping the
 * whole of it, against two processes sharing it in two parts (SCHEDULER_PARTITIONS=2), each run on a copy of
 * the same database so that both start from the same state.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { once } from 'node:events';
import { Client } from 'pg';
import { PostgresEventStore } from '@arrears/event-store';
import { PostgresReadStore } from '@arrears/read-store';
import { withStoredShapes } from '@arrears/projections';
import type { SchedulerRun } from '@arrears/scheduler';
import { writeAccounts } from './bench-accounts';
import { catchUp } from './read-side';
import { benchNodeArgs, benchSecrets } from './service';
import { stoppedOnInterrupt } from './interrupted';

export const sweptAccounts = 5_000;

export interface SweepFigure {
  processes: number;
  commands: number;
  accounts: number;
  seconds: number;
  commandsPerSecond: number;
}

/** A database of `sweptAccounts` accounts, opened over the year before 2026-02-28, their read models caught up. */
async function portfolio(url: string, log: (line: string) => void): Promise<void> {
  const events = await PostgresEventStore.connect({ connectionString: url, poolSize: 8 });
  await writeAccounts(events, sweptAccounts, 1, log);
  const reads = withStoredShapes(await PostgresReadStore.connect(url, 8));
  await catchUp(events, reads);
  await reads.close();
  await events.close();
}

/** `processes` schedulers on a copy of the template, the accounts in as many parts, woken together. */
async function sweep(copyUrl: string, processes: number): Promise<SweepFigure> {
  const env = {
    ...process.env,
    ...benchSecrets,
    EVENT_STORE_URL: copyUrl,
    RUN_PROJECTOR: 'false',
    RUN_SCHEDULER: 'false',
    LOG_LEVEL: 'warn',
    SCHEDULER_PARTITIONS: String(processes),
  };
  const children = Array.from({ length: processes }, () => {
    const child = spawn(process.execPath, [...benchNodeArgs(), resolve(__dirname, 'sweep-once.js')], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const exited = stoppedOnInterrupt(child);
    const next = () => Promise.race([once(child, 'message').then(([message]) => message as unknown), exited.then(() => undefined)]);
    return { child, next, exited };
  });
  for (const { next } of children) if ((await next()) !== 'ready') throw new Error('A sweeping process stopped before it was ready.');
  const answers = children.map(({ next }) => next());
  for (const { child } of children) child.send('go');
  const runs = (await Promise.all(answers)).map((answer) => {
    if (!answer) throw new Error('A sweeping process stopped before it answered.');
    return answer as SchedulerRun & { started: number; ended: number };
  });
  await Promise.all(children.map(({ exited }) => exited));
  const seconds = (Math.max(...runs.map((run) => run.ended)) - Math.min(...runs.map((run) => run.started))) / 1000;
  const commands = runs.reduce((sum, run) => sum + run.commands, 0);
  const accounts = runs.reduce((sum, run) => sum + run.accounts, 0);
  return { processes, commands, accounts, seconds: Math.round(seconds * 10) / 10, commandsPerSecond: Math.round(commands / seconds) };
}

/** One process, then two in two parts, each on its own copy of one portfolio. */
export async function measureSweeps(adminUrl: string, log: (line: string) => void): Promise<SweepFigure[]> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  const urlOf = (name: string) => adminUrl.replace(/\/[^/]+$/, `/${name}`);
  try {
    await admin.query('CREATE DATABASE bench_sweep');
    log(`measuring (m) the scheduler's sweep of ${sweptAccounts} accounts with work due: writing them…`);
    await portfolio(urlOf('bench_sweep'), log);
    const figures: SweepFigure[] = [];
    for (const processes of [1, 2]) {
      await admin.query(`CREATE DATABASE bench_sweep_${processes} TEMPLATE bench_sweep`);
      log(`  sweeping with ${processes} process${processes > 1 ? 'es' : ''}…`);
      figures.push(await sweep(urlOf(`bench_sweep_${processes}`), processes));
    }
    return figures;
  } finally {
    await admin.end();
  }
}

export function sweepRows(figures: SweepFigure[]): Record<string, { value: string; target: string }> {
  const [one] = figures;
  return Object.fromEntries(
    figures.map((figure) => [
      `(m) scheduler sweep, ${sweptAccounts} accounts due, ${figure.processes} process${figure.processes > 1 ? `es in ${figure.processes} parts` : ''}`,
      {
        value: `${figure.commandsPerSecond} commands/s (${figure.commands} commands on ${figure.accounts} accounts in ${figure.seconds} s)`,
        target: figure === one ? 'baseline' : `ratio ${Math.round((figure.commandsPerSecond / (one?.commandsPerSecond ?? NaN)) * 100) / 100} (reported)`,
      },
    ]),
  );
}
