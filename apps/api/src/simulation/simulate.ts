import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isIsoDate } from '@arrears/domain';
import { loadConfig, type AppConfig } from '@arrears/platform';
import { writeScoreModel } from '../risk/score-model-files';
import { summary } from '../risk/training-summary';
import { judgeScore, type ScoreJudgement } from './judge-score';
import { runSimulation } from './run-simulation';
import { progressLine, type SimulationOptions } from './simulation-report';

/** The first day lived when --start is not given. */
const defaultStart = '2026-01-05';

const usage = `Usage: npm run simulate -- --accounts N --months M [--seed 1] [--creditors 3] [--start YYYY-MM-DD] [--calls-per-day C]
                        [--concurrency 64] [--report report.json] [--truth truth.csv] [--judge-score]`;

/**
 * \`npm run simulate\`: lives a portfolio through, day by day, through the service's write path, on
 * the configured stores, on the embedded database of a running service, or on an embedded one it
 * starts. Progress goes to stderr; the report (JSON) to stdout, and to --report's file.
 */
async function main(): Promise<void> {
  // Stdout carries the report: the stores say only what goes wrong (on stderr).
  Logger.overrideLogger(['warn', 'error', 'fatal']);
  const { values } = parseArgs({
    options: {
      accounts: { type: 'string' },
      months: { type: 'string' },
      seed: { type: 'string', default: '1' },
      creditors: { type: 'string', default: '3' },
      start: { type: 'string' },
      'calls-per-day': { type: 'string' },
      concurrency: { type: 'string', default: '64' },
      report: { type: 'string' },
      truth: { type: 'string' },
      'judge-score': { type: 'boolean', default: false },
    },
  });
  const accounts = whole(values.accounts, 1, 10_000_000);
  const months = whole(values.months, 1, 120);
  // A fixed day, not today: the same seed lives the same portfolio whenever it is run (the demo picks its own).
  const start = values.start ?? defaultStart;
  if (!isIsoDate(start)) throw new Error(usage);
  const config = loadConfig(process.env, 'simulate');
  const options: SimulationOptions = {
    accounts,
    months,
    seed: whole(values.seed, 0, 2 ** 32 - 1),
    creditors: whole(values.creditors, 1, 1000),
    start,
    callsPerDay: values['calls-per-day'] === undefined ? Math.max(10, Math.round(accounts / 10)) : whole(values['calls-per-day'], 0, 10_000_000),
    concurrency: whole(values.concurrency, 1, 256),
    ...(values.truth ? { truthPath: values.truth } : {}),
    onProgress: (progress) => process.stderr.write(`${progressLine(progress)}\n`),
  };
  const report = values['judge-score'] ? await judged(config, options) : await runSimulation(config, options);
  const json = JSON.stringify(report, null, 2);
  if (values.report) await writeFile(values.report, `${json}\n`);
  console.log(json);
}

/**
 * `--judge-score`: the heuristic run on the configured stores, the expected-recovery run on an embedded
 * PostgreSQL of its own (DATA_DIR/expected-recovery); the model trained in between goes to SCORE_MODELS_DIR.
 */
async function judged(config: AppConfig, options: SimulationOptions): Promise<ScoreJudgement> {
  if (config.eventStoreUrl) throw new Error('--judge-score lives the portfolio twice, on embedded databases: leave EVENT_STORE_URL unset.');
  const second = loadConfig({ ...process.env, DATA_DIR: join(config.dataDir, 'expected-recovery') }, 'simulate');
  const judgement = await judgeScore(config, second, options);
  process.stderr.write(`${summary(judgement.model)}\nWrote ${await writeScoreModel(config.scoreModelsDir, judgement.model)}\n`);
  return judgement;
}

function whole(value: string | undefined, min: number, max: number): number {
  const number = Number(value);
  if (value === undefined || !Number.isInteger(number) || number < min || number > max) throw new Error(usage);
  return number;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
