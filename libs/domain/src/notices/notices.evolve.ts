import type { Evolvers } from '../account/capability';
import type { NoticesEvent } from './notices.events';

/** A notice is a record of what was said; the rules read only that a resolution was confirmed, once. */
export const noticesEvolvers: Evolvers<NoticesEvent> = {
  NoticeSent: (account, event) =>
    event.data.purpose === 'resolution_confirmation' && account.resolution ? { ...account, resolution: { ...account.resolution, confirmed: true } } : account,
};
