import type { AccountCommand, AccountEvent, AccountState } from '@arrears/domain';

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
export function eventOf<Type extends AccountEvent['type']>(outcome: CommandOutcome, type: Type): Extract<AccountEvent, { type: Type }> | undefined {
  return outcome.events.find((event): event is Extract<AccountEvent, { type: Type }> => event.type === type);
}
