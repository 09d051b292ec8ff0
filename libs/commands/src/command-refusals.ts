/**
 * How a refusal of the write path itself should be read: the account is not there for this caller,
 * the caller may not act for the creditor named, or the client's If-Match names a revision the account
 * is no longer at.
 */
export type CommandRefusalKind = 'not_found' | 'forbidden' | 'stale_revision';

/**
 * The write path's own refusals, beside the decider's DomainErrors. They are not rules of an account:
 * the decider sees one account and no caller, while these answer who is asking (the token's creditors)
 * and what they last saw (If-Match), so they are declared here and not in the domain. `code` and
 * `details` are the client's, as a DomainError's are.
 */
export class CommandRefusal extends Error {
  constructor(
    readonly code: string,
    readonly kind: CommandRefusalKind,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'CommandRefusal';
  }
}

/** Another creditor's account answers as an absent one does: its existence is not told either. */
export const accountNotFound = (accountId: string) =>
  new CommandRefusal('ACCOUNT_NOT_FOUND', 'not_found', `Account ${accountId} does not exist.`, { accountId });

/** A command naming a creditor the caller may not act for. */
export const creditorNotAllowed = (creditorId: string) =>
  new CommandRefusal('CREDITOR_NOT_ALLOWED', 'forbidden', `This token may not act for creditor ${creditorId}.`, { creditorId });

/** If-Match named a revision the account is no longer (or not yet) at. */
export const staleRevision = (expected: bigint, actual: bigint | 'no_stream') =>
  new CommandRefusal(
    'WRONG_EXPECTED_REVISION',
    'stale_revision',
    `If-Match named revision ${expected}, but the account is at ${actual === 'no_stream' ? 'no revision (it does not exist)' : `revision ${actual}`}.`,
    { expectedRevision: Number(expected), actualRevision: actual === 'no_stream' ? null : Number(actual) },
  );
