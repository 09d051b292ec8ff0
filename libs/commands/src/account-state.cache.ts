import type { AccountState } from '@arrears/domain';

/** An account's state as of a revision of its stream. */
export interface KnownState {
  state: AccountState;
  revision: bigint | 'no_stream';
  /** The hash of the event at `revision`, which the next event links to. */
  lastHash: string;
}

/**
 * The last known state of recently used accounts, so a command usually needs no read before its
 * append. A cached state may be behind (another process wrote since): the append's expected
 * revision then fails and the caller reads the stream again. Least recently used entries go first.
 */
export class AccountStateCache {
  private readonly entries = new Map<string, KnownState>();

  constructor(private readonly capacity: number) {}

  get(accountId: string): KnownState | undefined {
    const entry = this.entries.get(accountId);
    if (entry) {
      this.entries.delete(accountId);
      this.entries.set(accountId, entry);
    }
    return entry;
  }

  set(accountId: string, known: KnownState): void {
    if (this.capacity === 0) return;
    this.entries.delete(accountId);
    this.entries.set(accountId, known);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  delete(accountId: string): void {
    this.entries.delete(accountId);
  }
}
