import { createHash } from 'node:crypto';
import { accountStream, conflict, dateIn, DomainError, evolve, isId, notFound, type AccountEvent, type ContactPolicies } from '@arrears/domain';
import { UnopenableEventError } from '@arrears/personal-data';
import { appendToStreams, readStreams, type EventStore, type StreamAppend, type StreamAppendOutcome } from '@arrears/event-store';
import type { Clock } from '@arrears/platform';
import type { KnownState } from '../account-state.cache';
import type { CommandContext } from '../command-context';
import { decideCommand } from '../decide-command';
import { mayActFor, requireCommandInScope, type CreditorScope } from '../creditor-scope';
import { knownStateOf, noStream } from '../load-account';
import { eventIdOf, type SealAndChain } from '../seal-and-chain';
import { columnOf, importFact, LineRefused, type ImportFact } from './import-fact';
import { keptErrors, paced, startingProgress, type ImportProgress } from './import-progress';
import { ledgerLines, type LedgerFormat, type LedgerLine } from './ledger-lines';

/** Who imports: every event's metadata says so, and their creditor scope bounds what they may touch. */
export type ImportCaller = Omit<CommandContext, 'idempotencyKey' | 'expectedRevision'>;

export interface LedgerImportOptions {
  /** Lines decided together and appended in few round trips. */
  chunkLines: number;
  /** Accounts kept in memory between chunks (a file grouped by account needs few). */
  cachedAccounts: number;
}

/** An account as the import knows it: its state, revision and hash, and the ids of its events. */
interface Cursor extends KnownState {
  ids: Set<string>;
  /** The creditor of an account whose history holds an event that cannot be opened (it cannot be folded). */
  unreadableOf?: string;
}

interface LineFact extends ImportFact {
  line: number;
}

/** An account's lines of a chunk, decided: the events to append, and what became of each line. */
interface DecidedAccount {
  accountId: string;
  known: KnownState;
  ids: Set<string>;
  append: StreamAppend;
  applied: number;
  present: number;
  refused: [number, LineRefused][];
}

/**
 * Loads an existing ledger: each line becomes the command the API would send, decided by the same
 * deciders as of the fact's business instant, and its events are dated by it (recorded now). A
 * chunk of lines is decided in memory, account by account, and each account's new events go in one
 * append at the revision read, so an account's line lands whole or not at all; the appends of a chunk
 * leave together (the event store groups them). Event ids derive from each line's content, so a
 * re-run, or a run resumed after a failure, finds the lines already there and appends nothing twice.
 */
export class LedgerImport {
  private readonly cursors = new Map<string, Cursor>();
  private progress: ImportProgress;

  constructor(
    private readonly store: EventStore,
    private readonly sealer: SealAndChain,
    private readonly clock: Clock,
    private readonly policies: ContactPolicies,
    private readonly caller: ImportCaller,
    importId: string,
    bytesTotal: number | null,
    private readonly options: LedgerImportOptions = { chunkLines: 5_000, cachedAccounts: 5_000 },
  ) {
    this.progress = startingProgress(importId, bytesTotal, clock.now());
  }

  get current(): ImportProgress {
    return paced(this.progress, this.clock.now());
  }

  /** Imports the whole file; `onChunk` hears the progress after every chunk. Never throws: a failure ends as `failed`. */
  async run(
    source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
    format: LedgerFormat,
    onChunk: (progress: ImportProgress) => void = () => undefined,
  ): Promise<ImportProgress> {
    // A chunk is decided while the one before it is appended: the two wait on different machines.
    let appending: Promise<AppendedChunk> = Promise.resolve({ conflicted: new Set<string>() });
    try {
      let chunk: LedgerLine[] = [];
      for await (const line of ledgerLines(source, format)) {
        chunk.push(line);
        if (chunk.length < this.options.chunkLines) continue;
        ({ appending } = await this.nextChunk(chunk, appending));
        chunk = [];
        onChunk(this.current);
      }
      await settled((await this.nextChunk(chunk, appending)).appending);
      this.progress = { ...this.progress, status: 'done', finishedAt: this.clock.now().toISOString() };
    } catch (error) {
      // An append still running ends before the import is said to have stopped (it never rejects).
      await appending;
      this.progress = {
        ...this.progress,
        status: 'failed',
        failure: error instanceof Error ? error.message : String(error),
        finishedAt: this.clock.now().toISOString(),
      };
    }
    const finished = this.current;
    onChunk(finished);
    return finished;
  }

  /**
   * Decides a chunk on the accounts as the chunks before it left them (their appends may still be
   * running), then, once the chunk before is appended, starts appending this one. An account whose
   * append there conflicted was decided here on events that never landed: it is read and decided again.
   */
  private async nextChunk(lines: LedgerLine[], previous: Promise<AppendedChunk>): Promise<{ appending: Promise<AppendedChunk> }> {
    const byAccount = await this.readChunk(lines);
    const recordedAt = this.clock.now();
    const decided = await Promise.all([...byAccount].map(([accountId, facts]) => this.decideAccount(accountId, facts, recordedAt)));
    const { conflicted } = await settled(previous);
    const redo = [...byAccount.keys()].filter((accountId) => conflicted.has(accountId));
    await this.reload(redo);
    const redecided = await Promise.all(redo.map((accountId) => this.decideAccount(accountId, byAccount.get(accountId) ?? [], recordedAt)));
    const current = [...decided.filter(({ accountId }) => !conflicted.has(accountId)), ...redecided];
    this.forgetOldAccounts();
    // Caught at once: a failure waits, handled, for the next chunk (or the end) to raise it.
    return {
      appending: this.appendChunk(current, byAccount).catch((error: unknown) => ({
        conflicted: new Set<string>(),
        error: error instanceof Error ? error : new Error(JSON.stringify(error)),
      })),
    };
  }

  /** The chunk's lines read into facts, by account, in order; the accounts they name read from the store. */
  private async readChunk(lines: LedgerLine[]): Promise<Map<string, LineFact[]>> {
    await this.loadAccounts(lines);
    const byAccount = new Map<string, LineFact[]>();
    const zones = new Map<string, string>();
    const zoneOf = (accountId: string) => zones.get(accountId) ?? this.zoneOf(accountId);
    for (const line of lines) {
      this.progress.linesRead++;
      this.progress.bytesRead = line.bytes;
      if ('refused' in line) {
        this.refuse(line.number, line.refused);
        continue;
      }
      try {
        const fact = { ...importFact(line.fields, zoneOf, this.policies), line: line.number };
        if (fact.command.type === 'OpenAccount') zones.set(fact.accountId, fact.command.data.debtor.timeZone);
        const facts = byAccount.get(fact.accountId);
        if (facts) facts.push(fact);
        else byAccount.set(fact.accountId, [fact]);
      } catch (error) {
        if (!(error instanceof LineRefused)) throw error;
        this.refuse(line.number, error);
      }
    }
    return byAccount;
  }

  /**
   * Appends the decided accounts together. Those another writer appended to meanwhile are read
   * again, decided once more and appended; a second conflict refuses their lines.
   */
  private async appendChunk(decided: DecidedAccount[], byAccount: Map<string, LineFact[]>): Promise<AppendedChunk> {
    const conflicted = await this.append(decided);
    if (conflicted.length === 0) return { conflicted: new Set() };
    await this.reload(conflicted);
    const recordedAt = this.clock.now();
    const again = await Promise.all(conflicted.map((accountId) => this.decideAccount(accountId, byAccount.get(accountId) ?? [], recordedAt)));
    for (const accountId of await this.append(again)) {
      this.cursors.delete(accountId);
      for (const fact of byAccount.get(accountId) ?? []) {
        this.refuse(
          fact.line,
          new LineRefused(undefined, 'CONCURRENCY_CONFLICT', `Account ${accountId} kept changing while it was imported; import the file again.`),
        );
      }
    }
    return { conflicted: new Set(conflicted) };
  }

  /** Appends the accounts' events in few round trips; counts the lines of those appended, and answers those that conflicted. */
  private async append(decided: DecidedAccount[]): Promise<string[]> {
    const appending = decided.filter((account) => account.append.events.length > 0);
    const outcomes = await appendToStreams(
      this.store,
      appending.map((account) => account.append),
    );
    const conflicted = new Set(appending.filter((_, index) => isConflict(outcomes[index])).map(({ accountId }) => accountId));
    for (const account of decided) if (!conflicted.has(account.accountId)) this.count(account);
    return [...conflicted];
  }

  /** Reads the accounts the chunk names that are not in memory, all at once. */
  private async loadAccounts(lines: LedgerLine[]): Promise<void> {
    const named = new Set(lines.flatMap((line) => ('fields' in line && typeof line.fields.accountId === 'string' ? [line.fields.accountId] : [])));
    const missing = [...named].filter((accountId) => !this.cursors.has(accountId) && isId(accountId));
    await this.reload(missing);
  }

  private async reload(accountIds: string[]): Promise<void> {
    const streams = await readStreams(this.store, accountIds.map(accountStream));
    for (const accountId of accountIds) {
      const recorded = streams.get(accountStream(accountId)) ?? [];
      const ids = new Set(recorded.map((event) => event.id));
      try {
        this.cursors.set(accountId, { ...knownStateOf(recorded), ids });
      } catch (error) {
        // One account's unreadable history refuses its own lines, not the file (see decideAccount).
        if (!(error instanceof UnopenableEventError)) throw error;
        this.cursors.set(accountId, { ...noStream(), ids, unreadableOf: String(recorded[0]?.metadata.creditorId) });
      }
    }
  }

  /**
   * The debtor's zone, which dates the account's date-only facts; none for another creditor's, as for an absent one.
   * An unreadable history of the caller's has none to read: UTC, so that its lines reach their refusal.
   */
  private zoneOf(accountId: string): string | undefined {
    const cursor = this.cursors.get(accountId);
    if (cursor?.unreadableOf !== undefined) return mayActFor(this.caller, cursor.unreadableOf) ? 'UTC' : undefined;
    const state = cursor?.state;
    return state && state.status !== 'unopened' && mayActFor(this.caller, state.creditorId) ? state.debtor.timeZone : undefined;
  }

  /** Decides an account's lines of the chunk in order, on the account as the lines before left it. */
  private async decideAccount(accountId: string, facts: LineFact[], recordedAt: Date): Promise<DecidedAccount> {
    const streamId = accountStream(accountId);
    const cursor = this.cursors.get(accountId) as Cursor;
    // Another creditor's account answers as an absent one, as on the command path: its lines are decided on no
    // account (opening one excepted: refused as opening one's own twice), none found already present.
    const creditorId = cursor.unreadableOf ?? (cursor.state.status === 'unopened' ? undefined : cursor.state.creditorId);
    const foreign = creditorId !== undefined && !mayActFor(this.caller, creditorId);
    const decided: DecidedAccount = {
      accountId,
      known: cursor,
      ids: foreign ? new Set() : new Set(cursor.ids),
      append: { streamId, events: [], expectedRevision: cursor.revision },
      applied: 0,
      present: 0,
      refused: [],
    };
    for (const fact of facts) {
      const context: CommandContext = { ...this.caller, idempotencyKey: factKey(fact), expectedRevision: undefined };
      if (decided.ids.has(eventIdOf(context.idempotencyKey as string, streamId, 0))) {
        decided.present++;
        continue;
      }
      const future = inTheFuture(fact, recordedAt);
      if (future) {
        decided.refused.push([fact.line, future]);
        continue;
      }
      if (cursor.unreadableOf !== undefined) {
        decided.refused.push([fact.line, unreadableRefusal(accountId, fact, foreign, context)]);
        continue;
      }
      let events: AccountEvent[];
      try {
        const basis = foreign && fact.command.type !== 'OpenAccount' ? noStream() : decided.known;
        events = decideCommand(accountId, fact.command, basis, context, fact.occurredAt);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        decided.refused.push([fact.line, refusalOf(error)]);
        continue;
      }
      decided.applied++;
      if (events.length === 0) continue;
      const sealed = await this.sealer.newEvents(events, streamId, decided.known, context, recordedAt, fact.occurredAt);
      const { revision, lastHash, state } = decided.known;
      decided.known = {
        state: events.reduce(evolve, state),
        revision: revision === 'no_stream' ? BigInt(sealed.length - 1) : revision + BigInt(sealed.length),
        lastHash: sealed[sealed.length - 1]?.metadata.hash ?? lastHash,
      };
      for (const event of sealed) decided.ids.add(event.id);
      decided.append.events.push(...sealed);
    }
    // Taken as appended: the next chunk is decided on it while this one's append runs.
    this.cursors.set(accountId, { ...decided.known, ids: decided.ids });
    return decided;
  }

  /** An account's lines, appended (or with nothing to append): counted. */
  private count(account: DecidedAccount): void {
    this.progress.linesApplied += account.applied;
    this.progress.linesAlreadyPresent += account.present;
    this.progress.factsAppended += account.append.events.length;
    for (const [line, why] of account.refused) this.refuse(line, why);
  }

  private refuse(line: number, why: LineRefused): void {
    this.progress.linesRefused++;
    this.progress.errorCount++;
    if (this.progress.errors.length < keptErrors) this.progress.errors.push({ line, field: why.field ?? null, code: why.code, reason: why.message });
  }

  /** Keeps the accounts read last; the oldest go first. */
  private forgetOldAccounts(): void {
    for (const accountId of this.cursors.keys()) {
      if (this.cursors.size <= this.options.cachedAccounts) return;
      this.cursors.delete(accountId);
    }
  }
}

/** A chunk's append, ended: the accounts that met another writer, and the failure that stops the import, if any. */
interface AppendedChunk {
  conflicted: Set<string>;
  error?: Error;
}

/** The chunk's append, ended; its failure raised. */
async function settled(appending: Promise<AppendedChunk>): Promise<AppendedChunk> {
  const appended = await appending;
  if (appended.error) throw appended.error;
  return appended;
}

const isConflict = (outcome: StreamAppendOutcome | undefined) => outcome !== undefined && 'actual' in outcome;

/** A line's fact is known by its content: the same line, in any run, makes the same event ids. */
const factKey = (fact: ImportFact) => `import:${createHash('sha256').update(fact.content).digest('hex')}`;

/** A fact dated after today (the debtor's today, for a date) has not happened: no ledger holds it yet. */
function inTheFuture({ dated, occurredAt }: ImportFact, now: Date): LineRefused | undefined {
  const later = dated.date !== undefined && dated.zone !== undefined ? dated.date > dateIn(now.toISOString(), dated.zone) : occurredAt > now;
  return later ? new LineRefused(dated.field, 'FACT_IN_FUTURE', `${dated.field} is later than now: the fact has not happened yet.`) : undefined;
}

/**
 * A line on an account whose history cannot be folded: the caller's waits for a person; another creditor's answers
 * word for word as the decider would, opening its id as opening one's own twice, anything else as an absent account.
 */
function unreadableRefusal(accountId: string, fact: LineFact, foreign: boolean, scope: CreditorScope): LineRefused {
  if (!foreign)
    return new LineRefused(undefined, 'HISTORY_UNREADABLE', `Account ${accountId}'s history holds an event that cannot be opened; it waits for a person.`);
  try {
    // The caller's scope first, as the decider's refusals come after it (an opening for a creditor not theirs).
    requireCommandInScope(scope, accountId, fact.command, noStream().state);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return refusalOf(error);
  }
  return refusalOf(
    fact.command.type === 'OpenAccount'
      ? conflict('ACCOUNT_ALREADY_EXISTS', `Account ${accountId} already exists.`, { accountId })
      : notFound('ACCOUNT_NOT_FOUND', 'The account does not exist.'),
  );
}

/** A decider's refusal, told as a line error: its code, and the field it names when it names one. */
function refusalOf(error: DomainError): LineRefused {
  const field = error.details.field;
  return new LineRefused(typeof field === 'string' ? columnOf(field) : undefined, error.code, error.message);
}
