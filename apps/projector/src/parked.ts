import 'reflect-metadata';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { Backends } from '@arrears/backends';
import { DomainError } from '@arrears/domain';
import { loadConfig, RandomIdGenerator, reportingZones, runningEmbeddedPostgres, SystemClock } from '@arrears/platform';
import { ScoringInForce, loadAccountSearchKey, ParkedEvents, readModelsFor } from '@arrears/projections';

const usage = 'Usage: npm run parked -- list [--status parked|resolved|all] | retry <id> | skip <id> [--by <name>]';

/**
 * `npm run parked -- list | retry <id> | skip <id>`: what a supervisor does with parked events at
 * `/parked-events`, from the command line, on the configured stores or the embedded database of a
 * running service. Decisions are recorded as taken by `--by` (default: the operating-system user).
 */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { by: { type: 'string' }, status: { type: 'string' } } });
  const [command, id] = positionals;
  const status = values.status ?? 'parked';
  if (!(command === 'list' && ['parked', 'resolved', 'all'].includes(status)) && !((command === 'retry' || command === 'skip') && id)) {
    console.error(usage);
    process.exit(2);
  }
  const config = loadConfig();
  const eventStoreUrl = config.eventStoreUrl ?? (await runningEmbeddedPostgres(config.dataDir));
  const [clock, ids] = [new SystemClock(), new RandomIdGenerator()];
  const backends = await Backends.open({ ...config, eventStoreUrl }, clock, ids);
  try {
    const parked = new ParkedEvents(
      backends.readStore,
      backends.eventStore,
      readModelsFor(reportingZones(config.reportingTimeZones), await loadAccountSearchKey(config), new ScoringInForce(config).scoring).map(
        ({ projection }) => projection,
      ),
      clock,
      ids,
      config.projectorLeaseMs,
    );
    const by = { id: values.by ?? `cli:${userInfo().username}`, role: 'supervisor' };
    if (command === 'list') {
      for (const letter of await parked.list('*', { status: status as 'parked' | 'resolved' | 'all' })) console.log(JSON.stringify(letter));
    } else {
      console.log(JSON.stringify(await (command === 'retry' ? parked.retry(id as string, '*', by) : parked.skip(id as string, '*', by))));
    }
  } finally {
    await backends.onApplicationShutdown();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof DomainError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error));
  process.exit(1);
});
