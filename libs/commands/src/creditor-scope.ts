import type { AccountState } from '@arrears/domain';
import type { AccountCommandInput } from './account-command';
import { accountNotFound, creditorNotAllowed } from './command-refusals';

/** The creditors an actor may act for (`*`: all), as their token names them. Other creditors' accounts answer as absent. */
export interface CreditorScope {
  creditors: readonly string[] | '*';
}

/** Whether the actor acts for every creditor: nothing of theirs needs looking up. */
export const actsForEveryCreditor = ({ creditors }: CreditorScope) => creditors === '*';

/** Whether an actor whose token names these creditors (or `*`) may act for this one. */
export const mayActFor = ({ creditors }: CreditorScope, creditorId: string) => creditors === '*' || creditors.includes(creditorId);

/** A command naming its creditor (opening an account) must name one the actor may act for. */
export function requireCreditorInScope(scope: CreditorScope, creditorId: string): void {
  if (!mayActFor(scope, creditorId)) throw creditorNotAllowed(creditorId);
}

/**
 * An account of a creditor the actor may not act for answers as an absent one. An account whose
 * creditor is not known (it does not exist) is left to whoever tells that it does not.
 */
export function requireAccountInScope(scope: CreditorScope, accountId: string, creditorId: string | undefined): void {
  if (creditorId !== undefined && !mayActFor(scope, creditorId)) throw accountNotFound(accountId);
}

/**
 * The scope rule for a command on an account. Account ids are one namespace: opening an id another
 * creditor holds is refused exactly as opening one's own twice (the decider's ACCOUNT_ALREADY_EXISTS),
 * so the answer never tells whose it is; every other command on it answers as for an absent account.
 */
export function requireCommandInScope(scope: CreditorScope, accountId: string, input: AccountCommandInput, state: AccountState): void {
  if (input.type === 'OpenAccount') requireCreditorInScope(scope, input.data.creditorId);
  else requireAccountInScope(scope, accountId, state.status === 'unopened' ? undefined : state.creditorId);
}
