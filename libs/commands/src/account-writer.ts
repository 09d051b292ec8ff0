import { accountStream, evolve, type AccountEvent } from '@arrears/domain';
import { WrongExpectedVersionError, type EventStore, type NewEvent } from '@arrears/event-store';
import type { AppConfig, Clock, Metrics } from '@arrears/platform';
import type { AccountCommandInput, CommandOutcome } from './account-command';
import { AccountStateCache, type KnownState } from './account-state.cache';
import type { AccountSnapshots } from './account-snapshots';
import type { CommandContext } from './command-context';
import { OutOfCreditorScope, staleRevision } from './command-refusals';
import { decideCommand } from './decide-command';
import type { SealAndChain } from './seal-and-chain';

/**
 * One command's write: take the account from the cache or load it (from its last snapshot, see
 * AccountSnapshots), decide, seal and chain, append at the revision that was read. A cached state may
 * be behind (another process wrote since): it decides nothing the store has not confirmed, so a
 * refusal or a conflict on it reads the stream and decides again. Losing a race on a fresh read means
 * backing off and trying again, a bounded number of times. With If-Match, the client's revision is the
 * only one allowed.
 */
export class AccountWriter {
  private readonly cache: AccountStateCache;

  constructor(
    private readonly store: EventStore,
    private readonly sealer: SealAndChain,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
    private readonly config: Pick<AppConfig, 'accountCacheSize' | 'commandMaxAttempts'>,
    private readonly accounts: AccountSnapshots,
  ) {
    this.cache = new AccountStateCache(config.accountCacheSize);
  }

  async write(accountId: string, input: AccountCommandInput, context: CommandContext): Promise<CommandOutcome> {
    const streamId = accountStream(accountId);
    // What the command is decided on: the cached state, until the stream is read (then it is fresh).
    const basis = { known: this.cache.get(accountId), fresh: false };
    const reload = async () => {
      basis.known = await this.accounts.load(streamId);
      basis.fresh = true;
      this.cache.set(accountId, basis.known);
      return basis.known;
    };
    for (let attempt = 1; ;) {
      const current = basis.known ?? (await reload());
      const now = this.clock.now();
      let events: AccountEvent[];
      try {
        events = decideCommand(accountId, input, current, context, now);
      } catch (error) {
        // A creditor-scope refusal holds whatever the stream says: only the others are worth a read.
        if (basis.fresh || error instanceof OutOfCreditorScope) throw error;
        await reload();
        continue;
      }
      if (events.length === 0) return unchanged(accountId, current);
      const toAppend = await this.sealer.newEvents(events, streamId, current, context, now);
      try {
        return await this.append(accountId, streamId, toAppend, events, current);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        this.cache.delete(accountId);
        const expected = context.expectedRevision;
        if (expected !== undefined && error.actual !== expected) throw staleRevision(expected, error.actual);
        if (!basis.fresh) {
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

  /** Appends at the revision the events were decided on, and keeps the account they leave. */
  private async append(accountId: string, streamId: string, toAppend: NewEvent[], events: AccountEvent[], known: KnownState): Promise<CommandOutcome> {
    const timer = this.metrics.appendDuration.startTimer();
    try {
      const result = await this.store.append(streamId, toAppend, { expectedRevision: known.revision });
      timer({ outcome: 'appended' });
      const state = events.reduce(evolve, known.state);
      const lastHash = toAppend[toAppend.length - 1]?.metadata.hash ?? known.lastHash;
      this.cache.set(accountId, { state, revision: result.nextExpectedRevision, lastHash });
      return { accountId, events, state, revision: result.nextExpectedRevision, position: result.position };
    } catch (error) {
      timer({ outcome: error instanceof WrongExpectedVersionError ? 'conflict' : 'failed' });
      throw error;
    }
  }
}

/** A command that changes nothing answers with the account as it is. */
const unchanged = (accountId: string, { state, revision }: KnownState): CommandOutcome => ({
  accountId,
  events: [],
  state,
  revision: revision === 'no_stream' ? -1n : revision,
  position: 0n,
});
