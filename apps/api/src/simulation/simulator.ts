import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { CommandContext, CommandOutcome, ImportProgress } from '@arrears/commands';
import { foldAccount } from '@arrears/commands';
import {
  accountStream,
  addDays,
  behaviourFeatures,
  daysBetween,
  propensityOf,
  DomainError,
  strategyFor,
  defaultTimelines,
  type IsoDate,
  type OpenedAccount,
  type ScheduledCommand,
} from '@arrears/domain';
import { readStreams } from '@arrears/event-store';
import type { SchedulerRun } from '@arrears/scheduler';
import {
  accountOf,
  addMonths,
  agentsQueue,
  billing,
  expectedRecoveryPriority,
  call,
  debtor,
  disputeReview,
  openingLines,
  PortfolioState,
  reachedTheDebtor,
  segments,
  Tally,
  traitsOf,
  truthSummary,
  type AccountDay,
  type Priority,
} from '@arrears/simulation';
import { ledgerImport } from '../imports/ledger-importer';
import type { SimulationTools } from './simulation-tools';
import type { SimulationOptions, SimulationProgress, SimulationReport } from './simulation-report';

/** When each part of a simulated day happens (UTC): business hours in every US zone the portfolio has. */
const hours = { opening: '12:00', billing: '16:00', scheduler: '17:00', debtors: '19:00', agents: '21:00' } as const;
/** Accounts read from the store at once, to start a day's timeline work on them or to score them. */
const readBatch = 200;
/**
 * How often the agents' expected recovery is scored again: on the first business day, then on the first
 * business day a week or more after the last scoring. A week is how fast an account's features move, and
 * scoring every account every day would double the reads.
 */
const rescoreEveryDays = 7;

/**
 * A portfolio lived through day by day on a moved clock, through the service's own write path: the
 * opening ledger by the ledger import, then each day the creditors' invoices, the collection timeline
 * (the scheduler's own code, run for the day), what the debtors pay or dispute, and the agents' calls,
 * each a command the deciders may refuse. What it keeps between days is `PortfolioState`.
 */
export class Simulation {
  private readonly state: PortfolioState;
  private readonly segmentOf: Uint8Array;
  private readonly propensity: Float32Array;
  private readonly billingDay: Uint8Array;
  private readonly armOf: Uint8Array;
  private readonly tally: Tally;
  private readonly days: number;
  private readonly scheduled: SchedulerRun = { accounts: 0, commands: 0, refused: 0, failed: 0 };
  private readonly calls = { attempted: 0, refused: 0 };
  /** Each account's latest propensity to pay, when the agents work by expected recovery. */
  private readonly scores: Float32Array;
  private readonly priority: Priority | undefined;
  private scoredDay = -Infinity;
  private opening: ImportProgress | undefined;
  private readonly startedAt = performance.now();
  private lastProgress = 0;
  private day = 0;
  /** The stage under way, for progress: its units done (accounts or days) and when it started. */
  private stage: Pick<SimulationProgress, 'stage' | 'done' | 'total'> & { startedAt: number };
  /** The opening ledger's facts written so far (the tally counts them as each account is read back). */
  private openingFacts = 0;

  constructor(
    private readonly options: SimulationOptions,
    private readonly tools: SimulationTools,
  ) {
    const size = options.accounts;
    this.state = new PortfolioState(size);
    this.segmentOf = new Uint8Array(size);
    this.propensity = new Float32Array(size);
    this.billingDay = new Uint8Array(size);
    this.armOf = new Uint8Array(size);
    this.tally = new Tally(this.armOf);
    this.days = options.days ?? daysBetween(options.start, addMonths(options.start, options.months));
    const model = options.scoreModel;
    // Until its first scoring, an account is the training portfolio's average one.
    this.scores = new Float32Array(model ? size : 0).fill(model ? propensityOf(model, model.means).probability : 0);
    this.priority = model ? expectedRecoveryPriority(this.scores) : options.priority;
    this.stage = { stage: 'opening', done: 0, total: size, startedAt: performance.now() };
  }

  async run(): Promise<SimulationReport> {
    await this.drawTraits();
    await this.open();
    this.startStage('days', this.days);
    for (this.day = 0; this.day < this.days; this.day++) {
      this.stage.done = this.day;
      await this.simulateDay();
    }
    this.stage.done = this.days;
    this.progress(true);
    return this.report();
  }

  /** Each account's hidden behaviour, kept compact; written to the truth file when one is asked for. */
  private async drawTraits(): Promise<void> {
    const truth = this.options.truthPath ? createWriteStream(this.options.truthPath) : undefined;
    await write(truth, 'accountId,creditorId,arm,segment,propensity,contactability\n');
    for (let index = 0; index < this.options.accounts; index++) {
      const traits = traitsOf(this.options.seed, index);
      const { accountId, creditor } = accountOf(index, this.options.creditors);
      this.segmentOf[index] = segments.indexOf(traits.segment);
      this.propensity[index] = traits.propensity;
      this.billingDay[index] = traits.billingDay;
      const arm = strategyFor(defaultTimelines, creditor.creditorId, accountId).arm;
      this.armOf[index] = arm === 'challenger' ? 1 : 0;
      await write(truth, `${accountId},${creditor.creditorId},${arm},${traits.segment},${traits.propensity.toFixed(4)},${traits.contactability.toFixed(4)}\n`);
    }
    if (truth) await new Promise((done) => truth.end(done));
  }

  /** The opening ledger, streamed through the ledger import; then each account read back once, to know where it stands. */
  private async open(): Promise<void> {
    const { seed, accounts, start, creditors } = this.options;
    this.tools.clock.set(instant(addDays(start, 0), hours.opening));
    const caller = {
      correlationId: `simulation-${seed}`,
      causationId: `simulation-${seed}-opening`,
      actor: { id: 'simulator', role: 'system' as const },
      creditors: '*' as const,
    };
    this.startStage('opening', accounts);
    const { state, stage } = this;
    function* ledger() {
      for (let index = 0; index < accounts; index++) {
        stage.done = index;
        yield `${openingLines(seed, index, traitsOf(seed, index), start, state, creditors)
          .map((line) => JSON.stringify(line))
          .join('\n')}\n`;
      }
      stage.done = accounts;
    }
    this.opening = await ledgerImport(this.tools.imports, caller, `simulation-${seed}`, null).run(ledger(), 'ndjson', (chunk) => {
      this.openingFacts = chunk.factsAppended;
      this.progress(false);
    });
    this.openingFacts = this.opening.factsAppended;
    if (this.opening.status === 'failed') throw new Error(`The opening ledger failed: ${this.opening.failure ?? 'unknown'}`);
    // Living the same days again on accounts that have lived them would only be refused, or repeat contacts.
    if (this.opening.linesAlreadyPresent > 0 || this.opening.linesRefused > 0) {
      throw new Error('The store already holds accounts of a simulation: simulate into a fresh database (DATA_DIR or EVENT_STORE_URL).');
    }
    this.startStage('reading back', accounts);
    for (let from = 0; from < accounts; from += readBatch) {
      const batch = range(from, Math.min(accounts, from + readBatch));
      for (const [index, account, recorded] of await this.read(batch)) {
        for (const event of recorded) this.tally.count(event.type);
        this.state.absorb(index, account, start, addDays(start, -1));
      }
      this.stage.done = batch.length + from;
      this.progress(false);
    }
  }

  private startStage(stage: SimulationProgress['stage'], total: number): void {
    this.stage = { stage, done: 0, total, startedAt: performance.now() };
  }

  private async simulateDay(): Promise<void> {
    const date = addDays(this.options.start, this.day);
    const today = (index: number): AccountDay => ({
      seed: this.options.seed,
      index,
      traits: traitsOf(this.options.seed, index),
      day: this.day,
      date,
      policies: this.tools.policies,
    });
    const dayOfMonth = Number(date.slice(8, 10));
    this.at(date, hours.billing);
    await this.each(
      this.where((index) => this.billingDay[index] === dayOfMonth),
      (index) => this.sendAll(index, billing(today(index), this.state), date),
    );
    this.at(date, hours.scheduler);
    await this.timeline(date);
    this.at(date, hours.debtors);
    await this.each(
      this.where((index) => (this.state.owed[index] as number) > 0 && !this.state.closed[index]),
      async (index) => this.sendAll(index, [...disputeReview(today(index), this.state), ...debtor(today(index), this.state)], date),
    );
    if (isBusinessDay(date)) {
      const at = this.at(date, hours.agents);
      if (this.day - this.scoredDay >= rescoreEveryDays) await this.rescore(date);
      await this.each(agentsQueue(this.state, this.day, this.options.callsPerDay, this.priority), (index) => this.call(today(index), date, at));
    }
  }

  /**
   * Scores again, with the score model, every account with something overdue: read from the store and
   * folded as the service would, so the agents work on what the service's worklist would show.
   */
  private async rescore(date: IsoDate): Promise<void> {
    const model = this.options.scoreModel;
    if (!model) return;
    this.scoredDay = this.day;
    const overdue = [...this.where((index) => (this.state.overdue[index] as number) > 0 && !this.state.closed[index])];
    for (let from = 0; from < overdue.length; from += readBatch) {
      for (const [index, account] of await this.load(overdue.slice(from, from + readBatch))) {
        this.scores[index] = propensityOf(model, behaviourFeatures(account, date)).probability;
      }
    }
  }

  /** The collection timeline's work for the day, on the accounts whose next work has fallen due, as the scheduler does it. */
  private async timeline(date: IsoDate): Promise<void> {
    const due = [...this.where((index) => (this.state.wakeDay[index] as number) <= this.day)];
    const context = this.context('scheduler', 'system', 'timeline');
    for (let from = 0; from < due.length; from += readBatch) {
      const accounts = await this.load(due.slice(from, from + readBatch));
      await this.each(accounts, async ([index, account]) => {
        const refused = (error: DomainError) => {
          this.tally.refused(`scheduler:${error.code}`);
        };
        const outcomes = await this.tools.scheduler.workAccount(account, date, context, this.scheduled, refused);
        if (outcomes.length === 0) this.state.absorb(index, account, this.options.start, date);
        for (const outcome of outcomes) this.took(index, outcome, date);
      });
    }
  }

  private async call(day: AccountDay, date: IsoDate, at: string): Promise<void> {
    const { call: attempt, sequel } = call(day, this.state, at);
    this.calls.attempted++;
    this.state.calledDay[day.index] = this.day;
    const logged = await this.send(day.index, attempt, date, this.context(`agent-${day.index % 97}`, 'agent', 'call'));
    if (!logged) {
      this.calls.refused++;
      return;
    }
    // Only a call that reached the debtor moves them: one refused by the contact rules, or unanswered, does not.
    if (reachedTheDebtor(attempt)) this.state.touchedDay[day.index] = this.day;
    this.tally.called(day.index, this.day);
    await this.sendAll(day.index, sequel(), date);
  }

  private async sendAll(index: number, commands: ScheduledCommand[], date: IsoDate): Promise<void> {
    for (const command of commands) await this.send(index, command, date, this.context('simulator', 'system', command.type));
  }

  /** Sends one command through the command service; a refusal is an outcome, counted by its code. */
  private async send(index: number, command: ScheduledCommand, date: IsoDate, context: CommandContext): Promise<CommandOutcome | null> {
    this.tally.commands++;
    try {
      const outcome = await this.tools.commands.handle(this.accountIdOf(index), command, context);
      this.took(index, outcome, date);
      return outcome;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.tally.refused(`${command.type}:${error.code}`);
      return null;
    }
  }

  private took(index: number, outcome: CommandOutcome, date: IsoDate): void {
    this.tally.events(index, outcome.events, this.day);
    if (outcome.events.some((event) => event.type === 'ReminderSent')) this.state.touchedDay[index] = this.day;
    if (outcome.state.status !== 'unopened') this.state.absorb(index, outcome.state, this.options.start, date);
    this.progress(false);
  }

  /** The accounts, read from the store and folded, with their index and their recorded events. */
  private async read(indices: number[]): Promise<[number, OpenedAccount, { type: string }[]][]> {
    const streams = await readStreams(
      this.tools.imports.eventStore,
      indices.map((index) => accountStream(this.accountIdOf(index))),
    );
    return indices.flatMap((index) => {
      const recorded = streams.get(accountStream(this.accountIdOf(index))) ?? [];
      const account = foldAccount(recorded);
      return account.status === 'unopened' ? [] : [[index, account, recorded] as [number, OpenedAccount, { type: string }[]]];
    });
  }

  /** The accounts, loaded as the command path loads them (from their last snapshot), with their index. */
  private async load(indices: number[]): Promise<[number, OpenedAccount][]> {
    const { accounts } = this.tools.commands;
    const loaded = await Promise.all(indices.map(async (index) => [index, (await accounts.load(accountStream(this.accountIdOf(index)))).state] as const));
    return loaded.flatMap(([index, state]) => (state.status === 'unopened' ? [] : [[index, state] as [number, OpenedAccount]]));
  }

  private accountIdOf(index: number): string {
    return accountOf(index, this.options.creditors).accountId;
  }

  private context(actorId: string, role: 'system' | 'agent', cause: string): CommandContext {
    const correlationId = `simulation-${this.options.seed}-day-${this.day}`;
    return {
      correlationId,
      causationId: `${correlationId}-${cause}`,
      actor: { id: actorId, role },
      creditors: '*',
      idempotencyKey: undefined,
      expectedRevision: undefined,
    };
  }

  private at(date: IsoDate, hour: string): string {
    const now = instant(date, hour);
    this.tools.clock.set(now);
    return now;
  }

  private *where(test: (index: number) => boolean): Generator<number> {
    for (let index = 0; index < this.options.accounts; index++) if (test(index)) yield index;
  }

  /** Works the items `concurrency` at a time, each account's commands in order; items are taken as they are reached (bounded memory). */
  private async each<T>(items: Iterable<T>, work: (item: T) => Promise<void>): Promise<void> {
    const iterator = items[Symbol.iterator]();
    const worker = async () => {
      for (let next = iterator.next(); !next.done; next = iterator.next()) await work(next.value);
    };
    await Promise.all(Array.from({ length: this.options.concurrency }, worker));
  }

  private progress(final: boolean): void {
    const now = performance.now();
    if (!final && now - this.lastProgress < (this.options.progressEveryMs ?? 1000)) return;
    this.lastProgress = now;
    const { stage, done, total, startedAt } = this.stage;
    const facts = stage === 'days' ? this.tally.facts : this.openingFacts;
    const inStage = (now - startedAt) / 1000;
    this.options.onProgress?.({
      stage,
      done,
      total,
      date: stage === 'days' ? addDays(this.options.start, Math.min(this.day, this.days - 1)) : null,
      facts,
      factsPerSecond: Math.round(facts / Math.max((now - this.startedAt) / 1000, 0.001)),
      etaSeconds: done > 0 ? Math.round((inStage / done) * (total - done)) : null,
    });
  }

  private report(): SimulationReport {
    const wallSeconds = (performance.now() - this.startedAt) / 1000;
    const facts = this.tally.facts;
    return {
      seed: this.options.seed,
      accounts: this.options.accounts,
      creditors: this.options.creditors,
      months: this.options.days === undefined ? this.options.months : null,
      start: this.options.start,
      end: addDays(this.options.start, this.days - 1),
      days: this.days,
      wallSeconds: Math.round(wallSeconds * 10) / 10,
      facts,
      factsPerSecond: Math.round(facts / wallSeconds),
      factsByType: Object.fromEntries([...this.tally.factsByType].sort(([a], [b]) => a.localeCompare(b))),
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      opening: { linesApplied: this.opening?.linesApplied ?? 0, linesRefused: this.opening?.linesRefused ?? 0, facts: this.opening?.factsAppended ?? 0 },
      commands: {
        sent: this.tally.commands + this.scheduled.commands,
        refusals: Object.fromEntries([...this.tally.refusals].sort(([a], [b]) => a.localeCompare(b))),
      },
      scheduler: this.scheduled,
      calls: { perBusinessDay: this.options.callsPerDay, ...this.calls },
      arms: this.tally.arms(this.state),
      agents: { ordering: this.options.scoreModel ? `expected recovery (${this.options.scoreModel.version})` : 'heuristic', ...this.tally.agents(this.state) },
      truth: truthSummary(this.segmentOf, this.propensity),
    };
  }
}

const instant = (date: IsoDate, hour: string) => `${date}T${hour}:00.000Z`;
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const isBusinessDay = (date: IsoDate) => ![0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

async function write(stream: WriteStream | undefined, text: string): Promise<void> {
  if (stream && !stream.write(text)) await once(stream, 'drain');
}
