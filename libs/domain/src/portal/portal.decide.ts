import { DomainError, notFound, ruleBroken } from '../errors/domain-error';
import { entryOf } from '../lookup/entry-of';
import { requireOpen } from '../account/account.guards';
import type { AccountState, OpenedAccount } from '../account/account.state';
import type { Decisions } from '../account/capability';
import type { IssuePortalLink, OpenPortal, PortalCommand, PortalLinkClaims, RevokePortalLink } from './portal.commands';
import type { PortalAccessed, PortalLinkIssued, PortalLinkLocked, PortalLinkRevoked, PortalSecondFactorFailed } from './portal.events';
import { noPortalActivity } from './portal.state';
import { maxSecondFactorAttempts, normalizedPostalCode, sameSecret } from './second-factor';

const refused = (code: string, message: string, details?: Record<string, unknown>) => new DomainError(code, 'forbidden', message, details);

export function issuePortalLink(command: IssuePortalLink, state: AccountState): [PortalLinkIssued] {
  requireOpen(state);
  const { linkId, issuedAt, expiresAt } = command.data;
  if (Date.parse(expiresAt) <= Date.parse(command.now))
    throw ruleBroken('PORTAL_LINK_EXPIRY_IN_PAST', `expiresAt ${expiresAt} is not after now.`, { expiresAt });
  return [{ type: 'PortalLinkIssued', data: { linkId, issuedAt, expiresAt } }];
}

export function revokePortalLink(command: RevokePortalLink, state: AccountState): [PortalLinkRevoked] {
  opened(state);
  return [{ type: 'PortalLinkRevoked', data: { linkId: command.data.linkId ?? null, revokedAt: command.now } }];
}

/**
 * The second factor, after the link's signature was checked: the link must be neither expired,
 * revoked nor locked, and the answer must be the postal code on file. A wrong answer is recorded (and
 * the fifth in a row locks the link), so the limit holds across restarts and instances.
 */
export function openPortal(
  command: OpenPortal,
  state: AccountState,
): [PortalAccessed] | [PortalSecondFactorFailed] | [PortalSecondFactorFailed, PortalLinkLocked] {
  const account = opened(state);
  const { link, answer } = command.data;
  requireUsableLink(account, link, command.now);
  const onFile = account.debtor.address?.postalCode;
  if (!onFile) throw ruleBroken('NO_SECOND_FACTOR', 'No postal code is on file for this account: the portal cannot be opened. Please call us.');
  if (sameSecret(normalizedPostalCode(answer), normalizedPostalCode(onFile))) return [{ type: 'PortalAccessed', data: { linkId: link.linkId } }];
  const attempt = (entryOf((account.portal ?? noPortalActivity).failures, link.linkId) ?? 0) + 1;
  const failed: PortalSecondFactorFailed = { type: 'PortalSecondFactorFailed', data: { linkId: link.linkId, attempt } };
  return attempt >= maxSecondFactorAttempts ? [failed, { type: 'PortalLinkLocked', data: { linkId: link.linkId, attempts: attempt } }] : [failed];
}

/** Refuses a link that has run out, was revoked (by itself or with all before it) or was locked. */
export function requireUsableLink(account: OpenedAccount, link: PortalLinkClaims, now: string): void {
  const portal = account.portal ?? noPortalActivity;
  if (Date.parse(link.expiresAt) <= Date.parse(now))
    throw refused('PORTAL_LINK_EXPIRED', 'This link has expired: ask us for a new one.', { expiresAt: link.expiresAt });
  if (entryOf(portal.revoked, link.linkId) || (portal.revokedBefore !== null && Date.parse(link.issuedAt) <= Date.parse(portal.revokedBefore))) {
    throw refused('PORTAL_LINK_REVOKED', 'This link was withdrawn: ask us for a new one.');
  }
  if (entryOf(portal.locked, link.linkId)) throw refused('PORTAL_LINK_LOCKED', 'Too many wrong answers: this link is locked. Ask us for a new one.');
}

/** A closed account still shows the debtor what happened; one never opened is not there. */
function opened(state: AccountState): OpenedAccount {
  if (state.status === 'unopened') throw notFound('ACCOUNT_NOT_FOUND', 'The account does not exist.');
  return state;
}

export const portalDecisions: Decisions<PortalCommand> = {
  IssuePortalLink: issuePortalLink,
  RevokePortalLink: revokePortalLink,
  OpenPortal: openPortal,
};
