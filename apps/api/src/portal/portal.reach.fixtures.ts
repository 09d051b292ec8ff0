import type { PortalCommand } from '@arrears/domain';
import { type CapabilityReach, http } from '../command-handling/command-reach.fixtures';
import { openPortal } from './portal-session.controller';

const link = { accountId: 'acc-1', linkId: 'link-1', issuedAt: '2026-01-05T12:00:00.000Z', expiresAt: '2026-02-04T12:00:00.000Z' };

/** How each field of the portal commands is set from outside (see every-field-reachable.unit.spec.ts). */
export const portalReach: CapabilityReach<PortalCommand> = {
  IssuePortalLink: {
    fields: {
      linkId: { setBy: 'the id generator, by PortalLinksController' },
      issuedAt: { setBy: 'the clock, to the second, by PortalLinks.issue' },
      expiresAt: { setBy: 'the request’s days or PORTAL_LINK_DAYS, by PortalLinks.issue' },
    },
    made: [() => [{ type: 'IssuePortalLink', data: { linkId: link.linkId, issuedAt: link.issuedAt, expiresAt: link.expiresAt } }]],
  },
  RevokePortalLink: { fields: { linkId: true }, made: [http('POST /accounts/:accountId/portal-links/revoke', { linkId: 'link-1' })] },
  OpenPortal: {
    fields: { link: { linkId: true, issuedAt: true, expiresAt: true }, answer: true },
    // The link's claims are those of the signed token sent to POST /portal/api/sessions, the answer its postalCode.
    made: [() => [openPortal(link, '12207')]],
  },
};
