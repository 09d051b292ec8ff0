import { Inject, Injectable } from '@nestjs/common';
import { accountStream } from '@arrears/domain';
import { EVENT_STORE, type EventStore } from '@arrears/event-store';

const kept = 100_000;

/**
 * The creditor an account belongs to, from its stream's first event: the event store is the truth,
 * and an account never changes creditor, so each answer is kept (up to a bound).
 */
@Injectable()
export class AccountCreditors {
  private readonly known = new Map<string, string>();

  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  /** Undefined for an account that does not exist (yet). */
  async of(accountId: string): Promise<string | undefined> {
    const cached = this.known.get(accountId);
    if (cached) return cached;
    const [first] = await this.events.readStream(accountStream(accountId), { maxCount: 1 });
    const creditorId = first?.metadata.creditorId;
    if (creditorId) {
      if (this.known.size >= kept) this.known.clear();
      this.known.set(accountId, creditorId);
    }
    return creditorId;
  }
}
