import { eventTypesOf } from '../account/event-types';

/** `issuedAt`, the instant the link's token carries, so a retry answers that very link; absent from links recorded before it was kept. */
export interface PortalLinkIssued {
  type: 'PortalLinkIssued';
  data: { linkId: string; issuedAt?: string; expiresAt: string };
}
/** `linkId` null: every link issued up to `revokedAt`. */
export interface PortalLinkRevoked {
  type: 'PortalLinkRevoked';
  data: { linkId: string | null; revokedAt: string };
}
/** The debtor opened the portal by a link and answered the second factor: an interaction in the account's history. */
export interface PortalAccessed {
  type: 'PortalAccessed';
  data: { linkId: string };
}
/** A wrong answer to the second factor; `attempt` counts the wrong answers in a row. */
export interface PortalSecondFactorFailed {
  type: 'PortalSecondFactorFailed';
  data: { linkId: string; attempt: number };
}
/** Too many wrong answers: the link opens nothing any more. */
export interface PortalLinkLocked {
  type: 'PortalLinkLocked';
  data: { linkId: string; attempts: number };
}

/** The portal part of the account's events. */
export type PortalEvent = PortalLinkIssued | PortalLinkRevoked | PortalAccessed | PortalSecondFactorFailed | PortalLinkLocked;

/** Every portal event type. */
export const portalEventTypes = eventTypesOf<PortalEvent>()([
  'PortalLinkIssued',
  'PortalLinkRevoked',
  'PortalAccessed',
  'PortalSecondFactorFailed',
  'PortalLinkLocked',
]);
