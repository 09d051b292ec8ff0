import type { Evolvers } from '../account/capability';
import type { OpenedAccount } from '../account/account.state';
import type { PortalEvent } from './portal.events';
import { noPortalActivity, type PortalState } from './portal.state';

const withPortal = (account: OpenedAccount, change: (portal: PortalState) => Partial<PortalState>): OpenedAccount => {
  const portal = account.portal ?? noPortalActivity;
  return { ...account, portal: { ...portal, ...change(portal) } };
};

export const portalEvolvers: Evolvers<PortalEvent> = {
  PortalLinkIssued: (account) => account,
  PortalLinkRevoked: (account, { data: { linkId, revokedAt } }) =>
    withPortal(account, (portal) => (linkId === null ? { revokedBefore: revokedAt } : { revoked: { ...portal.revoked, [linkId]: true } })),
  PortalAccessed: (account, { data: { linkId } }) => withPortal(account, (portal) => ({ failures: { ...portal.failures, [linkId]: 0 } })),
  PortalSecondFactorFailed: (account, { data: { linkId, attempt } }) =>
    withPortal(account, (portal) => ({ failures: { ...portal.failures, [linkId]: attempt } })),
  PortalLinkLocked: (account, { data: { linkId } }) => withPortal(account, (portal) => ({ locked: { ...portal.locked, [linkId]: true } })),
};
