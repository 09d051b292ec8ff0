/**
 * Every command carries `now`, the instant it is decided at (from the injected clock), so the
 * decider stays pure and tests can put it anywhere in time.
 */
export interface Command<Type extends string, Data> {
  type: Type;
  data: Data;
  now: string;
}
