import type { AccountState } from '@arrears/domain';
import { LeastRecentlyUsed } from '@arrears/platform';

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
export class AccountStateCache extends LeastRecentlyUsed<string, KnownState> {}
