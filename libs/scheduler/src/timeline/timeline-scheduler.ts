import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AccountCommandService, type CommandContext, type CommandOutcome } from '@arrears/commands';
import { dateIn, DomainError, dueWork, type IsoDate, type OpenedAccount, type ScheduledCommand } from '@arrears/domain';
import { Clock, IdGenerator, Metrics } from '@arrears/platform';
import { accountReadModel, foldOnlyAccountFields, type AccountDocument } from '@arrears/projections';
import { READ_STORE, underLease, type ReadStore, type Scalar } from '@arrears/read-store';
import { SchedulerSettingsInForce } from './scheduler-settings';
import { noteSwept, otherPartitionings, partitionLease, partitionOf, partitionsInTurn, sweptElsewhere } from './sweep-partitions';

/** The zone furthest ahead of UTC: no debtor's date is later than its date. */
const furthestAhead = 'Pacific/Kiritimati';
const pageSize = 200;
/** Accounts worked side by side: enough to overlap round trips, few enough to leave the API its pool. */
const parallelAccounts = 4;
/** What the sweep never reads of an account document: what only the fold reads (its KPI ledger, its payment and reversal ids), its score and last payment. */
export const unreadBySweep = [...foldOnlyAccountFields, 'score', 'lastPayment'];
/** What a page of several parts' sweep lists an account by: its id and `wakeOn`, the rest read for its own part. */
const listedOnly = [...unreadBySweep, 'account'];

/** How long a sweep's lease outlives a process that dies holding it. */
const sweepLeaseMs = 30_000;

export interface SchedulerRun {
  accounts: number;
  commands: number;
  /** Commands the deciders refused (the read model was behind, or a rule forbids it now). */
  refused: number;
  failed: number;
  /** Another process held the sweep's lease: this one swept nothing. */
  standby?: true;
}

/**
 * The collection timeline's engine. On each wake it reads the accounts whose next work falls due by
 * today (the account read model's `wakeOn`), works out what is due on each in the debtor's calendar,
 * and sends it as commands through the same path as the API. The deciders make every step once-only
 * (a step taken is in the stream) and appends carry expected revisions, so a retried wake, a crash
 * half-way or a second scheduler cannot repeat one. Schedulers in several processes share the work: the
 * accounts are cut into SCHEDULER_PARTITIONS parts by id, each swept under its own lease, so that no two
 * processes sweep one part at once (with one part, the others stand by).
 */
@Injectable()
export class TimelineScheduler {
  private readonly logger = new Logger('Scheduler');
  /** This process, as the sweep's lease knows it (not an id of the domain's: none is recorded). */
  private readonly owner = `scheduler-${randomUUID()}`;

  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly commands: AccountCommandService,
    private readonly settings: SchedulerSettingsInForce,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly metrics: Metrics,
  ) {}

  /**
   * Sweeps each part of the accounts (SCHEDULER_PARTITIONS) this process may: with one part, the whole sweep. A
   * part that fails leaves the others their turn; the wake then fails with its error, to be tried again.
   */
  async runOnce(): Promise<SchedulerRun> {
    const run: SchedulerRun = { accounts: 0, commands: 0, refused: 0, failed: 0 };
    let swept = false;
    const errors: unknown[] = [];
    for (const partition of partitionsInTurn(this.settings.sweep.partitions)) {
      try {
        swept = (await this.sweepPartition(partition, run)) || swept;
      } catch (error) {
        errors.push(error);
      }
    }
    // A diagnosis, not part of the wake: a store that fails it is tried again at the next wake.
    await this.partitionsDiffer().catch(() => undefined);
    if (errors.length) throw errors[0];
    return swept ? run : { ...run, standby: true };
  }

  /** Warns, at every wake while it lasts, of processes that swept within two intervals in another number of parts. */
  private async partitionsDiffer(): Promise<void> {
    const { partitions, intervalMs } = this.settings.sweep;
    const since = new Date(this.clock.now().getTime() - 2 * intervalMs).toISOString();
    const others = await otherPartitionings(this.readStore, partitions, since);
    if (others.length === 0) return;
    this.logger.warn(
      `Other schedulers sweep the accounts in ${others.join(' or ')} parts, this one in ${partitions}: set SCHEDULER_PARTITIONS alike in every ` +
        'process, or they sweep the same accounts under different leases (no step is taken twice, but their commands conflict and are refused).',
    );
  }

  /**
   * Sweeps one part under its lease, unless another process holds it or, with several parts, swept it within the
   * last interval (that process wakes for it again; sweeping it twice would send commands still being projected).
   */
  private async sweepPartition(partition: number, run: SchedulerRun): Promise<boolean> {
    const { partitions, intervalMs } = this.settings.sweep;
    const lease = partitionLease(partition, partitions);
    const swept = await underLease(this.readStore, lease, this.owner, sweepLeaseMs, async (lost) => {
      if (partitions === 1) {
        await this.sweep(lost, run);
        // Noted too, so that a process cutting the sweep into parts sees this one does not (see partitionsDiffer). A
        // note is a diagnosis here, not a claim on the accounts: one the store refuses does not fail the sweep.
        await noteSwept(this.readStore, lease, this.owner, this.clock.now().toISOString()).catch(() => undefined);
        return true;
      }
      const since = new Date(this.clock.now().getTime() - intervalMs).toISOString();
      if (await sweptElsewhere(this.readStore, lease, this.owner, since)) return false;
      await this.sweep(lost, run, (accountId) => partitionOf(accountId, partitions) === partition);
      await noteSwept(this.readStore, lease, this.owner, this.clock.now().toISOString());
      return true;
    });
    return swept === true;
  }

  /**
   * Every account whose work is due (of the part `inPartition` says, if any), page by page; stops between pages once
   * another process has taken the lease. With a part, a page lists the due accounts by id only, and the part's own
   * are read whole.
   */
  private async sweep(lost: AbortSignal, run: SchedulerRun, inPartition?: (accountId: string) => boolean): Promise<void> {
    const now = this.clock.now().toISOString();
    const context: CommandContext = {
      correlationId: `scheduler-${this.ids.uuid()}`,
      causationId: '',
      actor: { id: 'scheduler', role: 'system' },
      creditors: '*',
      idempotencyKey: undefined,
      expectedRevision: undefined,
    };
    let after: Scalar[] | undefined;
    for (;;) {
      const page = (await this.readStore.find(accountReadModel.collection, {
        where: [{ field: 'wakeOn', op: 'lte', value: dateIn(now, furthestAhead) }],
        orderBy: [
          { field: 'wakeOn', direction: 'asc' },
          { field: 'id', direction: 'asc' },
        ],
        limit: pageSize,
        ...(after ? { after } : {}),
        omit: inPartition ? listedOnly : unreadBySweep,
      })) as AccountDocument[];
      const own = inPartition ? await this.documents(page.map(({ id }) => id).filter(inPartition)) : page;
      await inParallel(own, parallelAccounts, (document) => this.work(document, now, context, run));
      const last = page[page.length - 1];
      if (page.length < pageSize || !last || lost.aborted) return;
      after = [last.wakeOn, last.id];
    }
  }

  /** The documents of these accounts, whole but for what the sweep does not read. */
  private async documents(ids: string[]): Promise<AccountDocument[]> {
    if (!ids.length) return [];
    return (await this.readStore.find(accountReadModel.collection, {
      where: [{ field: 'id', op: 'in', value: ids }],
      omit: unreadBySweep,
    })) as AccountDocument[];
  }

  private async work(document: AccountDocument, now: string, context: CommandContext, run: SchedulerRun): Promise<void> {
    const today = dateIn(now, document.account.debtor.timeZone);
    if (document.wakeOn === null || document.wakeOn > today) return;
    await this.workAccount(document.account, today, context, run);
  }

  /**
   * Sends what has fallen due on one account by `today` (the debtor's date); answers what the commands
   * did. The simulator drives it day by day on its moved clock, with the accounts as it knows them.
   */
  async workAccount(
    account: OpenedAccount,
    today: IsoDate,
    context: CommandContext,
    run: SchedulerRun,
    onRefused?: (error: DomainError) => void,
  ): Promise<CommandOutcome[]> {
    run.accounts++;
    const outcomes: CommandOutcome[] = [];
    for (const command of dueWork(account, today, this.settings.settings)) {
      run.commands++;
      try {
        const outcome = await this.commands.handle(account.accountId, command, { ...context, causationId: this.ids.uuid() });
        outcomes.push(outcome);
        for (const event of outcome.events) {
          if (event.type === 'CollectionStepTaken') this.metrics.schedulerSteps.inc({ outcome: 'taken', kind: event.data.action });
          if (event.type === 'CollectionStepSkipped') this.metrics.schedulerSteps.inc({ outcome: 'skipped', kind: event.data.reason });
          if (event.type === 'CollectionStepDeferred') this.metrics.schedulerSteps.inc({ outcome: 'deferred', kind: event.data.reason });
        }
      } catch (error) {
        this.recordFailure(account.accountId, command, error, run);
        if (error instanceof DomainError) onRefused?.(error);
      }
    }
    return outcomes;
  }

  private recordFailure(accountId: string, command: ScheduledCommand, error: unknown, run: SchedulerRun): void {
    if (error instanceof DomainError) {
      run.refused++;
      this.logger.debug(`${command.type} on ${accountId} refused: ${error.code}`);
      return;
    }
    run.failed++;
    this.logger.warn(`${command.type} on ${accountId} failed, will retry on the next wake: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}
