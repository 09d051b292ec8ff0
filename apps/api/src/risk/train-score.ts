import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Logger } from '@nestjs/common';
import { Backends } from '@arrears/backends';
import { addDays, dateIn, isIsoDate, type IsoDate } from '@arrears/domain';
import { loadConfig, RandomIdGenerator, reportingZones, runningEmbeddedPostgres, SystemClock } from '@arrears/platform';
import { writeScoreModel } from './score-model-files';
import { summary } from './training-summary';
import { trainOnPortfolio, type TrainingWindow } from './train-on-portfolio';

const usage = `Usage: npm run train-score -- [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--every 7] [--horizon 30] [--share 0.5] [--version NAME] [--source TEXT]`;

/**
 * `npm run train-score`: reads the portfolio's history from the event store, makes each account
 * with something overdue on a cutoff date an example (its features as at that day, and whether it
 * paid the target share within the horizon), trains the behaviour score on four accounts in five,
 * judges it on the fifth, prints the metrics and writes the model to SCORE_MODELS_DIR (docs/risk.md).
 */
async function main(): Promise<void> {
  Logger.overrideLogger(['warn', 'error', 'fatal']);
  const config = loadConfig(process.env, 'train-score');
  const window = windowOf(process.argv.slice(2), new SystemClock().now());
  const eventStoreUrl = config.eventStoreUrl ?? (await runningEmbeddedPostgres(config.dataDir));
  const backends = await Backends.open({ ...config, eventStoreUrl }, new SystemClock(), new RandomIdGenerator());
  try {
    const { model } = await trainOnPortfolio(backends.eventStore, reportingZones(config.reportingTimeZones), window);
    console.log(summary(model));
    console.log(`Wrote ${await writeScoreModel(config.scoreModelsDir, model)}`);
  } finally {
    await backends.onApplicationShutdown();
  }
}

/** The window from the arguments: by default the twelve weeks of cutoffs whose horizon has been lived by today. */
function windowOf(args: string[], now: Date): TrainingWindow {
  const { values } = parseArgs({
    args,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      every: { type: 'string', default: '7' },
      horizon: { type: 'string', default: '30' },
      share: { type: 'string', default: '0.5' },
      version: { type: 'string' },
      source: { type: 'string' },
    },
  });
  const horizonDays = whole(values.horizon, 1, 365);
  const to = date(values.to ?? addDays(dateIn(now.toISOString(), 'UTC'), -horizonDays - 1));
  const from = date(values.from ?? addDays(to, -84));
  const targetShare = Number(values.share);
  if (from > to || !(targetShare > 0 && targetShare <= 1)) throw new Error(usage);
  return {
    from,
    to,
    everyDays: whole(values.every, 1, 365),
    horizonDays,
    targetShare,
    ...(values.version ? { version: values.version } : {}),
    ...(values.source ? { source: values.source } : {}),
  };
}

function whole(value: string | undefined, min: number, max: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) throw new Error(usage);
  return number;
}

function date(value: string): IsoDate {
  if (!isIsoDate(value)) throw new Error(usage);
  return value;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
