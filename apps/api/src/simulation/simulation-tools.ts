import { AccountCommandService } from '@arrears/commands';
import type { ContactPolicies } from '@arrears/domain';
import { FixedClock, Metrics, type AppConfig } from '@arrears/platform';
import { SchedulerSettingsInForce, TimelineScheduler } from '@arrears/scheduler';
import type { ImportTools } from '../imports/ledger-importer';
import { openWritePath } from '../imports/write-path-tools';

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

/** On the stores `openWritePath` opens. */
export async function openSimulationTools(config: AppConfig, startsAt: Date): Promise<SimulationTools> {
  const clock = new FixedClock(startsAt);
  const metrics = new Metrics();
  const { backends, tools, policiesInForce } = await openWritePath(config, clock);
  const { ids, chainKey, links } = tools;
  const commands = new AccountCommandService(backends.eventStore, config, clock, ids, backends.vault, metrics, chainKey, links, undefined, backends.readStore);
  const scheduler = new TimelineScheduler(backends.readStore, commands, new SchedulerSettingsInForce(config, policiesInForce), clock, ids, metrics);
  return {
    clock,
    commands,
    scheduler,
    policies: tools.policies,
    imports: tools,
    close: () => backends.onApplicationShutdown(),
  };
}
