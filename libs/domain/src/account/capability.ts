import type { AccountEvent } from './account.events';
import type { IsoDate } from '../calendar/calendar';
import type { AccountState, OpenedAccount } from './account.state';

/**
 * A capability's decisions: one pure function for each command type it declares. The account's
 * `decide` is composed of these tables, typed so that a command left without one fails to compile.
 */
export type Decisions<C extends { type: string }> = {
  [T in C['type']]: (command: Extract<C, { type: T }>, state: AccountState) => AccountEvent[];
};

/**
 * A capability's part of `evolve`: how each event type it declares changes an opened account. The
 * account's `evolve` is composed of these tables, typed so that an event left without one fails to compile.
 */
export type Evolvers<E extends { type: string }> = {
  [T in E['type']]: (account: OpenedAccount, event: Extract<E, { type: T }>) => OpenedAccount;
};

/** How each event type a capability declares reads in the account's history: one line a person can read. */
export type Summaries<E extends { type: string }> = {
  [T in E['type']]: (event: Extract<E, { type: T }>) => string;
};

/** A command or event no capability declares: the types rule it out, so only untyped input gets here. */
export function unhandled(value: { type: string }): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}

/**
 * When a fact happened in business terms: a date of its own (an invoice's `issuedOn`), an instant to
 * read in the reporting zone (a call's `at`), or `command` — that of the command it came from (a
 * discount takes its payment's date), else the command's business instant (`metadata.occurredAt`).
 */
export type BusinessTime = { date: IsoDate } | { instant: string } | 'command';

/** A capability's business times: one for each event type it declares, so none is left to chance. */
export type BusinessTimes<E extends { type: string }> = {
  [T in E['type']]: (event: Extract<E, { type: T }>, before: OpenedAccount | null) => BusinessTime;
};
