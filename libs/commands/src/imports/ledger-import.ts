import { createHash } from 'node:crypto';
import { accountStream, DomainError, evolve, type AccountEvent, type ContactPolicies } from '@arrears/domain';
import { chainStart, WrongExpectedVersionError, type EventStore, type NewEvent } from '@arrears/event-store';
import type { Clock } from '@arrears/platform';
import type { KnownState } from '../account-state.cache';
import type { CommandContext } from '../command-context';
import { decideCommand } from '../decide-command';
import { foldAccount } from '../load-account';
import { eventIdOf, type SealAndChain } from '../seal-and-chain';
import { importFact, LineRefused, type ImportFact } from './import-fact';
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
}

interface LineFact extends ImportFact {
  line: number;
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
    private readonly options: LedgerImportOptions = { chunkLines: 5_000, cachedAccounts: 20_000 },
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
    try {
      let chunk: LedgerLine[] = [];
      for await (const line of ledgerLines(source, format)) {
        chunk.push(line);
        if (chunk.length < this.options.chunkLines) continue;
        await this.importChunk(chunk);
        chunk = [];
        onChunk(this.current);
      }
      await this.importChunk(chunk);
      this.progress = { ...this.progress, status: 'done', finishedAt: this.clock.now().toISOString() };
    } catch (error) {
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

  private async importChunk(lines: LedgerLine[]): Promise<void> {
    if (lines.length === 0) return;
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
        byAccount.set(fact.accountId, [...(byAccount.get(fact.accountId) ?? []), fact]);
      } catch (error) {
        if (!(error instanceof LineRefused)) throw error;
        this.refuse(line.number, error);
      }
    }
    await Promise.all([...byAccount].map(([accountId, facts]) => this.importAccount(accountId, facts)));
    this.forgetOldAccounts();
  }

  /** Reads the accounts the chunk names that are not in memory, all at once. */
  private async loadAccounts(lines: LedgerLine[]): Promise<void> {
    const named = new Set(lines.flatMap((line) => ('fields' in line && typeof line.fields.accountId === 'string' ? [line.fields.accountId] : [])));
    const missing = [...named].filter((accountId) => !this.cursors.has(accountId) && /^[A-Za-z0-9._-]{1,64}$/.test(accountId));
    await Promise.all(missing.map((accountId) => this.reload(accountId)));
  }

  private async reload(accountId: string): Promise<Cursor> {
    const recorded = await this.store.readStream(accountStream(accountId));
    const last = recorded[recorded.length - 1];
    const cursor: Cursor = {
      state: foldAccount(recorded),
      revision: last ? last.revision : 'no_stream',
      lastHash: last?.metadata.hash ?? chainStart,
      ids: new Set(recorded.map((event) => event.id)),
    };
    this.cursors.set(accountId, cursor);
    return cursor;
  }

  /** The debtor's zone, which dates the account's date-only facts. */
  private zoneOf(accountId: string): string | undefined {
    const state = this.cursors.get(accountId)?.state;
    return state && state.status !== 'unopened' ? state.debtor.timeZone : undefined;
  }

  /**
   * Decides an account's lines of the chunk in order, then appends their events at once. Another
   * writer appending to the account meanwhile costs one fresh read and a second try.
   */
  private async importAccount(accountId: string, facts: LineFact[], attempt = 1): Promise<void> {
    const streamId = accountStream(accountId);
    const cursor = this.cursors.get(accountId) ?? (await this.reload(accountId));
    let known: KnownState = cursor;
    const toAppend: NewEvent[] = [];
    const applied: number[] = [];
    const present: number[] = [];
    const refused: [number, LineRefused][] = [];
    const seen = new Set<string>();
    const recordedAt = this.clock.now();
    for (const fact of facts) {
      const context: CommandContext = { ...this.caller, idempotencyKey: factKey(fact), expectedRevision: undefined };
      const firstId = eventIdOf(context.idempotencyKey as string, streamId, 0);
      if (cursor.ids.has(firstId) || seen.has(firstId)) {
        present.push(fact.line);
        continue;
      }
      let events: AccountEvent[];
      try {
        events = decideCommand(accountId, fact.command, known, context, fact.occurredAt);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        refused.push([fact.line, refusalOf(error)]);
        continue;
      }
      seen.add(firstId);
      applied.push(fact.line);
      if (events.length === 0) continue;
      const sealed = await this.sealer.newEvents(events, streamId, known, context, recordedAt, fact.occurredAt);
      const revision = known.revision === 'no_stream' ? BigInt(sealed.length - 1) : known.revision + BigInt(sealed.length);
      known = { state: events.reduce(evolve, known.state), revision, lastHash: sealed[sealed.length - 1]?.metadata.hash ?? known.lastHash };
      toAppend.push(...sealed);
    }
    if (toAppend.length > 0) {
      try {
        await this.store.append(streamId, toAppend, { expectedRevision: cursor.revision });
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt > 1) throw error;
        await this.reload(accountId);
        return this.importAccount(accountId, facts, attempt + 1);
      }
    }
    this.cursors.set(accountId, { ...known, ids: new Set([...cursor.ids, ...toAppend.map((event) => event.id)]) });
    this.progress.linesApplied += applied.length;
    this.progress.linesAlreadyPresent += present.length;
    this.progress.factsAppended += toAppend.length;
    for (const [line, why] of refused) this.refuse(line, why);
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

/** A line's fact is known by its content: the same line, in any run, makes the same event ids. */
const factKey = (fact: ImportFact) => `import:${createHash('sha256').update(fact.content).digest('hex')}`;

/** A decider's refusal, told as a line error: its code, and the field it names when it names one. */
function refusalOf(error: DomainError): LineRefused {
  const field = error.details.field;
  return new LineRefused(typeof field === 'string' ? field : undefined, error.code, error.message);
}
