import type { Summaries } from '../account/capability';
import type { PortalEvent } from './portal.events';

/** How each portal fact reads in the account's history: one line a person can read. */
export const portalSummaries: Summaries<PortalEvent> = {
  PortalLinkIssued: (event) => `Portal link ${event.data.linkId} issued, good until ${event.data.expiresAt}.`,
  PortalLinkRevoked: (event) =>
    event.data.linkId === null ? `Every portal link issued up to ${event.data.revokedAt} revoked.` : `Portal link ${event.data.linkId} revoked.`,
  PortalAccessed: (event) => `The debtor opened the portal (link ${event.data.linkId}).`,
  PortalSecondFactorFailed: (event) => `Wrong postal code given on the portal (link ${event.data.linkId}, attempt ${event.data.attempt}).`,
  PortalLinkLocked: (event) => `Portal link ${event.data.linkId} locked after ${event.data.attempts} wrong answers.`,
};
