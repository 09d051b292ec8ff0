import { DomainError } from '@arrears/domain';

/**
 * The write path's own refusals, of the domain's one error family but declared here: they answer who
 * is asking (the token's creditors) and what they last saw (If-Match), which the decider, seeing one
 * account and no caller, never knows.
 */

/**
 * A refusal for the caller's creditor scope. Unlike the decider's refusals, it holds whatever the
 * stream says (an account's creditor never changes), and it is never a retry meeting its first try.
 */
export class OutOfCreditorScope extends DomainError {
  constructor(code: string, kind: 'not_found' | 'forbidden', message: string, details: Record<string, unknown>) {
    super(code, kind, message, details);
    this.name = 'OutOfCreditorScope';
  }
}

/** Another creditor's account answers as an absent one does: its existence is not told either. */
export const accountNotFound = (accountId: string) =>
  new OutOfCreditorScope('ACCOUNT_NOT_FOUND', 'not_found', `Account ${accountId} does not exist.`, { accountId });

/** A command naming a creditor the caller may not act for. */
export const creditorNotAllowed = (creditorId: string) =>
  new OutOfCreditorScope('CREDITOR_NOT_ALLOWED', 'forbidden', `This token may not act for creditor ${creditorId}.`, { creditorId });

/** If-Match named a revision the account is no longer (or not yet) at. */
export const staleRevision = (expected: bigint, actual: bigint | 'no_stream') =>
  new DomainError(
    'WRONG_EXPECTED_REVISION',
    'stale_revision',
    `If-Match named revision ${expected}, but the account is at ${actual === 'no_stream' ? 'no revision (it does not exist)' : `revision ${actual}`}.`,
    { expectedRevision: Number(expected), actualRevision: actual === 'no_stream' ? null : Number(actual) },
  );
