import type { BusinessTimes } from '../account/capability';
import type { PortalEvent } from './portal.events';

/** When each portal fact happened: when its command was decided. */
export const portalBusinessTimes: BusinessTimes<PortalEvent> = {
  PortalLinkIssued: () => 'command',
  PortalLinkRevoked: () => 'command',
  PortalAccessed: () => 'command',
  PortalSecondFactorFailed: () => 'command',
  PortalLinkLocked: () => 'command',
};
