import { Inject, Injectable, Optional } from '@nestjs/common';
import { DomainError } from '@arrears/domain';
import { CHAIN_KEY, DuplicateEventIdError, EVENT_STORE, WrongExpectedVersionError, type ChainKey, type EventStore } from '@arrears/event-store';
import { PersonalDataVault } from '@arrears/personal-data';
import { APP_CONFIG, Clock, IdGenerator, Metrics, type AppConfig } from '@arrears/platform';
import { READ_STORE, type ReadStore } from '@arrears/read-store';
import type { AccountCommandInput, CommandOutcome } from './account-command';
import { AccountSnapshots } from './account-snapshots';
import { AccountWriter } from './account-writer';
import type { CommandContext } from './command-context';
import { OutOfCreditorScope } from './command-refusals';
import { KeyedQueue } from './keyed-queue';
import { recallOutcome } from './recall-outcome';
import { OptOutLinks } from './opt-out-links';
import { PortalLinks } from './portal-links';
import { SealAndChain } from './seal-and-chain';

/**
 * The write path, the same for every account command (see AccountWriter: load, decide, seal and chain,
 * append). Commands for one account run one at a time in this process, and the state they leave is
 * cached, so the next command usually appends without reading first. A retry under an Idempotency-Key
 * is answered with its first try's outcome.
 */
@Injectable()
export class AccountCommandService {
  private readonly perAccount = new KeyedQueue();
  private readonly writer: AccountWriter;
  /** Loads accounts as the write path does: from their last snapshot and the events after it. */
  readonly accounts: AccountSnapshots;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) config: AppConfig,
    clock: Clock,
    ids: IdGenerator,
    private readonly vault: PersonalDataVault,
    private readonly metrics: Metrics,
    @Inject(CHAIN_KEY) chainKey: ChainKey,
    links: OptOutLinks,
    @Optional() portalLinks?: PortalLinks,
    /** Where snapshots of accounts are kept (see AccountSnapshots); without it, every load reads the whole stream. */
    @Optional() @Inject(READ_STORE) snapshotStore?: ReadStore,
  ) {
    this.accounts = new AccountSnapshots(store, snapshotStore && { store: snapshotStore, vault, every: config.accountSnapshotEvery });
    this.writer = new AccountWriter(store, new SealAndChain(vault, ids, chainKey, links, portalLinks), clock, metrics, config, this.accounts);
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
   * What an earlier try under the context's Idempotency-Key recorded, if one did: for a process that must not do
   * its outside work again on a retry (asking a credit bureau is an inquiry on the debtor's file).
   */
  async recalled(accountId: string, context: CommandContext): Promise<CommandOutcome | undefined> {
    const key = context.idempotencyKey;
    return key ? recallOutcome(this.store, this.vault, accountId, key) : undefined;
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
    if (!key) return this.writer.write(accountId, input, context);
    let outcome: CommandOutcome;
    try {
      outcome = await this.writer.write(accountId, input, context);
    } catch (error) {
      if (!mayBeRetried(error)) throw error;
      const recalled = await recallOutcome(this.store, this.vault, accountId, key);
      if (recalled) return recalled;
      throw error;
    }
    return outcome.events.length > 0 ? outcome : ((await recallOutcome(this.store, this.vault, accountId, key)) ?? outcome);
  }
}

/** Whether a failure may be a retry's meeting its first try's events: refused, stale or colliding. */
const mayBeRetried = (error: unknown) =>
  (error instanceof DomainError && !(error instanceof OutOfCreditorScope)) ||
  error instanceof DuplicateEventIdError ||
  error instanceof WrongExpectedVersionError;

/** How a command failed, for the metrics: the client's doing (refused, conflict) or ours (failed). */
function failureKind(error: unknown): 'refused' | 'conflict' | 'failed' {
  if (error instanceof WrongExpectedVersionError) return 'conflict';
  if (error instanceof DomainError) return error.kind === 'conflict' || error.kind === 'stale_revision' ? 'conflict' : 'refused';
  return 'failed';
}
