import type { Command } from '../account/command';

/** What a verified portal link says of itself: which link it is, and when it was issued and runs out. */
export interface PortalLinkClaims {
  linkId: string;
  issuedAt: string;
  expiresAt: string;
}

/** A supervisor sends the debtor a link to the portal, good until `expiresAt`. */
export type IssuePortalLink = Command<'IssuePortalLink', { linkId: string; issuedAt: string; expiresAt: string }>;
/** Revokes one link, or (without `linkId`) every link issued to the account so far, notices' links included. */
export type RevokePortalLink = Command<'RevokePortalLink', { linkId?: string }>;
/** The debtor, holding a link, answers the second factor (the postal code on file) to see the account. */
export type OpenPortal = Command<'OpenPortal', { link: PortalLinkClaims; answer: string }>;

/** The portal part of the account's commands. */
export type PortalCommand = IssuePortalLink | RevokePortalLink | OpenPortal;
