import { Inject, Injectable } from '@nestjs/common';
import {
  accountStream,
  decide,
  DomainError,
  evolve,
  initialAccountState,
  type AccountCommand,
  type AccountEvent,
  type AccountState,
} from '@arrears/domain';
import {
  chainStart,
  chained,
  DuplicateEventIdError,
  EVENT_STORE,
  WrongExpectedVersionError,
  type ChainKey,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '@arrears/event-store';
import { APP_CONFIG, CHAIN_KEY } from '@arrears/backends';
import { PersonalDataVault } from '@arrears/personal-data';
import { Clock, IdGenerator, Metrics, nameBasedUuid, ProblemException, type AppConfig } from '@arrears/platform';
import { mayActFor, type CommandContext } from './command-context';
import { AccountStateCache, type KnownState } from './account-state.cache';
import { KeyedQueue } from './keyed-queue';

/** A command without its `now`: the service stamps it from the clock. */
export type AccountCommandInput = AccountCommand extends infer C ? (C extends AccountCommand ? Omit<C, 'now'> : never) : never;

/** What a command did: its events, where they landed, and the account after them. */
export interface CommandOutcome {
  accountId: string;
  events: AccountEvent[];
  state: AccountState;
  revision: bigint;
  position: bigint;
}

/** The event of a type that a command produced, if it did. */
export function eventOf<Type extends AccountEvent['type']>(
  outcome: CommandOutcome,
  type: Type,
): Extract<AccountEvent, { type: Type }> | undefined {
  return outcome.events.find((event): event is Extract<AccountEvent, { type: Type }> => event.type === type);
}

const schemaVersion = 1;

/**
 * The write path, the same for every account command: read the stream, fold it into state, decide,
 * append at the revision that was read. Commands for one account run one at a time in this process,
 * and the state they leave is cached, so the next command usually appends without reading first.
 * Losing a race to another process means reading and deciding again, a bounded number of times.
 * With If-Match, the client's revision is the only one allowed.
 */
@Injectable()
export class AccountCommandService {
  private readonly perAccount = new KeyedQueue();
  private readonly cache: AccountStateCache;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly vault: PersonalDataVault,
    private readonly metrics: Metrics,
    @Inject(CHAIN_KEY) private readonly chainKey: ChainKey,
  ) {
    this.cache = new AccountStateCache(config.accountCacheSize);
  }

  async handle(accountId: string, input: AccountCommandInput, context: CommandContext): Promise<CommandOutcome> {
    try {
      const outcome = await this.perAccount.run(accountId, () => this.decideOrRecall(accountId, input, context));
      this.metrics.commands.inc({ command: input.type, outcome: outcome.events.length > 0 ? 'applied' : 'unchanged' });
      return outcome;
    } catch (error) {
      this.metrics.commands.inc({ command: input.type, outcome: failureKind(error) });
      throw error;
    }
  }

  /**
   * A command with an Idempotency-Key whose first try appended its events but never stored its answer
   * (the process died in between, or the store failed after the commit) is answered from those events:
   * their ids derive from the key, so the retry finds them, and the first outcome is rebuilt from the
   * stream instead of being decided again (which would refuse a payment already recorded, or collide on
   * a note's ids). Only a retry that is refused, changes nothing or collides reads the stream for it:
   * a first-time command pays nothing, and it works the same on every event store, unlike storing the
   * answer in the append's transaction.
   */
  private async decideOrRecall(accountId: string, input: AccountCommandInput, context: CommandContext): Promise<CommandOutcome> {
    const key = context.idempotencyKey;
    if (!key) return this.decideAndAppend(accountId, input, context);
    let outcome: CommandOutcome;
    try {
      outcome = await this.decideAndAppend(accountId, input, context);
    } catch (error) {
      if (!mayBeRetried(error)) throw error;
      const recalled = await this.recall(accountId, key);
      if (recalled) return recalled;
      throw error;
    }
    return outcome.events.length > 0 ? outcome : ((await this.recall(accountId, key)) ?? outcome);
  }

  /** The outcome of the command that appended events under this key, if one did. */
  private async recall(accountId: string, key: string): Promise<CommandOutcome | undefined> {
    const streamId = accountStream(accountId);
    const recorded = await this.store.readStream(streamId);
    const start = recorded.findIndex((event) => event.id === eventIdOf(key, streamId, 0));
    if (start < 0) return undefined;
    let end = start + 1;
    while (recorded[end]?.id === eventIdOf(key, streamId, end - start)) end++;
    const mine = await this.vault.open(recorded.slice(start, end));
    const last = mine[mine.length - 1] as RecordedEvent;
    return {
      accountId,
      events: mine.map(({ type, data }) => ({ type, data }) as AccountEvent),
      state: recorded.slice(0, end).reduce((state, event) => evolve(state, event as unknown as AccountEvent), initialAccountState()),
      revision: last.revision,
      position: last.position,
    };
  }

  private async decideAndAppend(accountId: string, input: AccountCommandInput, context: CommandContext): Promise<CommandOutcome> {
    const streamId = accountStream(accountId);
    const expected = context.expectedRevision;
    let known = this.cache.get(accountId);
    let fresh = false;
    const reload = async () => {
      known = await this.load(streamId);
      fresh = true;
      this.cache.set(accountId, known);
      return known;
    };
    for (let attempt = 1; ; ) {
      const { state, revision, lastHash } = known ?? (await reload());
      // Account ids are one namespace: opening an id another creditor holds is refused exactly as
      // opening one's own twice (the decider's ACCOUNT_ALREADY_EXISTS), so the answer never tells whose
      // it is; every other command on it answers as for an absent account.
      if (input.type === 'OpenAccount') {
        if (!mayActFor(context, input.data.creditorId)) throw creditorNotAllowed(input.data.creditorId);
      } else if (state.status !== 'unopened' && !mayActFor(context, state.creditorId)) {
        throw accountNotFound(accountId);
      }
      // A cached state may be behind: it decides nothing until the store has confirmed it.
      // An account that does not exist answers 404 from the decider, whatever If-Match says.
      if (expected !== undefined && revision !== 'no_stream' && revision !== expected) {
        if (!fresh) {
          await reload();
          continue;
        }
        throw staleRevision(expected, revision);
      }
      const now = this.clock.now();
      let events: AccountEvent[];
      try {
        events = decide({ ...input, now: now.toISOString() } as AccountCommand, state);
      } catch (error) {
        if (fresh) throw error;
        await reload();
        continue;
      }
      if (events.length === 0) return { accountId, events, state, revision: revision === 'no_stream' ? -1n : revision, position: 0n };
      const toAppend = await this.toNewEvents(events, streamId, { state, revision, lastHash }, context, now);
      const appended = this.metrics.appendDuration.startTimer();
      try {
        const result = await this.store.append(streamId, toAppend, { expectedRevision: revision });
        appended({ outcome: 'appended' });
        const appendedHash = toAppend[toAppend.length - 1]?.metadata.hash ?? lastHash;
        const after = events.reduce(evolve, state);
        this.cache.set(accountId, { state: after, revision: result.nextExpectedRevision, lastHash: appendedHash });
        return { accountId, events, state: after, revision: result.nextExpectedRevision, position: result.position };
      } catch (error) {
        appended({ outcome: error instanceof WrongExpectedVersionError ? 'conflict' : 'failed' });
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        this.cache.delete(accountId);
        if (expected !== undefined && error.actual !== expected) throw staleRevision(expected, error.actual);
        if (!fresh) {
          await reload();
          continue;
        }
        if (++attempt > this.config.commandMaxAttempts) throw error;
        // Another process wrote first: back off a little, at random, so the racers spread out.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
        await reload();
      }
    }
  }

  private async load(streamId: string): Promise<KnownState> {
    const recorded = await this.store.readStream(streamId);
    const last = recorded[recorded.length - 1];
    return {
      state: recorded.reduce((state, event) => evolve(state, event as unknown as AccountEvent), initialAccountState()),
      revision: last ? last.revision : 'no_stream',
      lastHash: last?.metadata.hash ?? chainStart,
    };
  }

  /**
   * The events as stored: the debtor's personal data sealed, then each chained to the one before it
   * under the chain key (see hash-chain.ts), so the chain covers the ciphertext and survives the data
   * key's destruction.
   */
  private async toNewEvents(events: AccountEvent[], streamId: string, known: KnownState, context: CommandContext, now: Date): Promise<NewEvent[]> {
    const { state } = known;
    const firstRevision = known.revision === 'no_stream' ? 0n : known.revision + 1n;
    const stored = await Promise.all(events.map((event) => (event.type === 'AccountOpened' ? this.vault.seal(event.data) : event.data)));
    let previousHash = known.lastHash;
    return events.map((event, index) => {
      const opening = event.type === 'AccountOpened' ? event.data.creditorId : '';
      // Hashed as canonical JSON, which reads the same from this object as from what the store gives back.
      const data = stored[index] as unknown as Record<string, unknown>;
      // Derived from the Idempotency-Key when there is one, so two racing copies of a request append once.
      const id = context.idempotencyKey ? eventIdOf(context.idempotencyKey, streamId, index) : this.ids.uuid();
      const metadata = chained(
        {
          streamId,
          revision: firstRevision + BigInt(index),
          id,
          type: event.type,
          data,
          metadata: {
            correlationId: context.correlationId,
            causationId: context.causationId,
            actor: context.actor,
            occurredAt: now.toISOString(),
            recordedAt: now.toISOString(),
            schemaVersion,
            creditorId: state.status === 'unopened' ? opening : state.creditorId,
          },
        },
        previousHash,
        this.chainKey,
      );
      previousHash = metadata.hash as string;
      return { id, type: event.type, data, metadata };
    });
  }
}

/** The id of a command's `index`-th event, derived from its Idempotency-Key: a retry's are the same. */
const eventIdOf = (key: string, streamId: string, index: number) => nameBasedUuid(`${key}|${streamId}|${index}`);

/** Whether a failure may be a retry's meeting its first try's events: refused, stale or colliding. */
const mayBeRetried = (error: unknown) =>
  error instanceof DomainError ||
  error instanceof DuplicateEventIdError ||
  error instanceof WrongExpectedVersionError ||
  (error instanceof ProblemException && error.getStatus() === 412);

/** How a command failed, for the metrics: the client's doing (refused, conflict) or ours (failed). */
function failureKind(error: unknown): 'refused' | 'conflict' | 'failed' {
  if (error instanceof WrongExpectedVersionError) return 'conflict';
  if (error instanceof DomainError) return error.kind === 'conflict' ? 'conflict' : 'refused';
  if (error instanceof ProblemException) return error.getStatus() === 412 ? 'conflict' : 'refused';
  return 'failed';
}

/** Another creditor's account answers as an absent one does: its existence is not told either. */
export const accountNotFound = (accountId: string) =>
  new ProblemException(404, 'ACCOUNT_NOT_FOUND', 'Not found', `Account ${accountId} does not exist.`, { accountId });

/** A command naming a creditor the token may not act for. */
export const creditorNotAllowed = (creditorId: string) =>
  new ProblemException(403, 'CREDITOR_NOT_ALLOWED', 'Forbidden', `This token may not act for creditor ${creditorId}.`, { creditorId });

function staleRevision(expected: bigint, actual: bigint | 'no_stream'): ProblemException {
  return new ProblemException(
    412,
    'WRONG_EXPECTED_REVISION',
    'Precondition failed',
    `If-Match named revision ${expected}, but the account is at ${actual === 'no_stream' ? 'no revision (it does not exist)' : `revision ${actual}`}.`,
    { expectedRevision: Number(expected), actualRevision: actual === 'no_stream' ? null : Number(actual) },
  );
}
