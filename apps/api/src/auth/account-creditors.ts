import { Inject, Injectable, Logger } from '@nestjs/common';
import { accountStream } from '@arrears/domain';
import { EVENT_STORE, type EventStore } from '@arrears/event-store';
import { Clock, LeastRecentlyUsed } from '@arrears/platform';
import { accountReadModel, foldOnlyAccountFields, type AccountDocument } from '@arrears/projections';
import { READ_STORE, type ReadDocument, type ReadStore } from '@arrears/read-store';

/** The accounts whose creditor is kept: about 100 bytes each. */
export const keptCreditors = 100_000;
/** How long the read model is left alone after it failed to answer: each ask could wait out a timeout. */
export const readModelRestMs = 5_000;

/** An account's creditor, and the account's document when the read model gave it (a read of the account can use it). */
export interface CreditorFound {
  creditorId: string;
  document?: ReadDocument;
}

/**
 * The creditor an account belongs to, which the access guard checks on every route about one account.
 * An account never changes creditor, and its read model copies it from the account's first event. So
 * the read model answers for an account it has: its document is the one a read of the account fetches
 * next, so it is at hand, where the account's first event lies on a random page of the whole log. (At
 * a million accounts, reading that event took a scoped caller's account read from about 0.3 to 1.2–1.7
 * ms of CPU, service and PostgreSQL.) The event store, the truth, answers for an account the read model
 * has not caught up with yet, or while the read store cannot be read. Each answer is kept, the least
 * recently found going first past the bound.
 */
@Injectable()
export class AccountCreditors {
  private readonly known = new LeastRecentlyUsed<string, string>(keptCreditors);
  private readonly logger = new Logger('AccountCreditors');
  private readModelRestsUntil = 0;

  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly clock: Clock,
  ) {}

  /** Undefined for an account that does not exist (yet). */
  async of(accountId: string): Promise<CreditorFound | undefined> {
    const known = this.known.peek(accountId);
    if (known) return { creditorId: known };
    const found = (await this.fromReadModel(accountId)) ?? (await this.fromEventStore(accountId));
    if (found) this.known.set(accountId, found.creditorId);
    return found;
  }

  /** Only a shortcut: a read store that cannot answer must not stop the commands of scoped callers. */
  private async fromReadModel(accountId: string): Promise<CreditorFound | undefined> {
    if (this.clock.now().getTime() < this.readModelRestsUntil) return undefined;
    try {
      // Left at hand for the account's read, which reads nothing only the fold does (see foldOnlyAccountFields).
      const document = await this.readStore.get(accountReadModel.collection, accountId, { omit: foldOnlyAccountFields });
      const { creditorId } = (document ?? {}) as Partial<AccountDocument>;
      return document && typeof creditorId === 'string' ? { creditorId, document } : undefined;
    } catch (error) {
      this.readModelRestsUntil = this.clock.now().getTime() + readModelRestMs;
      this.logger.warn(`The account read model could not be read (${String(error)}); asking the event store for ${readModelRestMs / 1000} s.`);
      return undefined;
    }
  }

  private async fromEventStore(accountId: string): Promise<CreditorFound | undefined> {
    const [first] = await this.events.readStream(accountStream(accountId), { maxCount: 1 });
    const creditorId = first?.metadata.creditorId;
    return creditorId === undefined ? undefined : { creditorId };
  }
}
