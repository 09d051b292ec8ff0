import type { Evolvers } from '../account/capability';
import { onceOnlyKey } from './notices.decide';
import type { NoticesEvent } from './notices.events';

/**
 * A notice is a record of what was said; the account keeps when a once-only notice went out, and that a
 * resolution was confirmed.
 */
export const noticesEvolvers: Evolvers<NoticesEvent> = {
  NoticeSent: (account, event) => {
    const key = onceOnlyKey(event.data);
    const noticed = key ? { ...account, noticesSent: { ...account.noticesSent, [key]: event.data.sentAt } } : account;
    const confirmed = event.data.purpose === 'resolution_confirmation' && noticed.resolution;
    return confirmed ? { ...noticed, resolution: { ...confirmed, confirmed: true } } : noticed;
  },
};
