import { Backends } from '@arrears/backends';
import { AccountCommandService, ContactPoliciesInForce, OptOutLinks } from '@arrears/commands';
import type { ContactPolicies } from '@arrears/domain';
import { loadChainKey } from '@arrears/event-store';
import { FixedClock, Metrics, RandomIdGenerator, runningEmbeddedPostgres, type AppConfig } from '@arrears/platform';
import { SchedulerSettingsInForce, TimelineScheduler } from '@arrears/scheduler';
import type { ImportTools } from '../imports/ledger-importer';

/**
 * The write path the service runs, put together in this process on a clock the simulator moves: the
 * stores, the account command service (load, decide, seal and chain, append), the ledger import and the
 * collection timeline's scheduler. Nothing here bypasses a decider or writes to the store directly.
 */
export interface SimulationTools {
  clock: FixedClock;
  commands: AccountCommandService;
  scheduler: TimelineScheduler;
  policies: ContactPolicies;
  imports: ImportTools;
  close(): Promise<void>;
}

/** On the configured stores, on the embedded database of a running service, or on an embedded one started here. */
export async function openSimulationTools(config: AppConfig, startsAt: Date): Promise<SimulationTools> {
  const eventStoreUrl = config.eventStoreUrl ?? (await runningEmbeddedPostgres(config.dataDir));
  const clock = new FixedClock(startsAt);
  const ids = new RandomIdGenerator();
  const metrics = new Metrics();
  const chainKey = await loadChainKey(config);
  const backends = await Backends.open({ ...config, eventStoreUrl }, clock, ids);
  const inForce = new ContactPoliciesInForce(config);
  const links = new OptOutLinks(chainKey, config.publicUrl);
  const commands = new AccountCommandService(backends.eventStore, config, clock, ids, backends.vault, metrics, chainKey, links);
  const scheduler = new TimelineScheduler(backends.readStore, commands, new SchedulerSettingsInForce(config, inForce), clock, ids, metrics);
  return {
    clock,
    commands,
    scheduler,
    policies: inForce.policies,
    imports: { eventStore: backends.eventStore, vault: backends.vault, chainKey, clock, ids, policies: inForce.policies, links },
    close: () => backends.onApplicationShutdown(),
  };
}
