import type { AccountCommandInput } from '@arrears/commands';
import type { AccountCommand } from '@arrears/domain';
import { viaHttp, viaScheduler } from './command-producers.fixtures';

/**
 * How the fields of a capability's commands are set from outside, for the spec that proves every
 * field of every domain command can be (every-field-reachable.unit.spec.ts). Each capability lists
 * its own commands in `<capability>/<capability>.reach.fixtures.ts`; the table is exhaustive by type,
 * so a new command, or a new field of one, fails to compile until its capability says how it is set.
 */
type Scalar = string | number | boolean;
export interface SetElsewhere {
  setBy: string;
}
/** A field of a shared domain type that is no caller's to set (checked to stay unset). */
export interface NotAnInput {
  notAnInput: string;
}
type Fields<Data> = { [Key in keyof Data]-?: Field<NonNullable<Data[Key]>> | SetElsewhere | NotAnInput };
type Field<Value> = Value extends Scalar ? true : Value extends readonly (infer Item)[] ? (Item extends Scalar ? true : Fields<Item>) : Fields<Value>;

export interface Reach<Command extends AccountCommand> {
  fields: Fields<Command['data']>;
  /** Each way of making the command; together they set every field. */
  made: (() => Promise<AccountCommandInput[]> | AccountCommandInput[])[];
}
export type CapabilityReach<Commands extends AccountCommand> = { [Command in Commands as Command['type']]: Reach<Command> };

export const policies = { setBy: 'CONTACT_POLICIES, by ContactPoliciesInForce' };
export const http = (route: string, body?: object, params?: Record<string, string>, found?: unknown) => async () => [await viaHttp(route, body, params, found)];
export const scheduler = (setup: AccountCommandInput[]) => () => viaScheduler(setup, '2026-06-01');
