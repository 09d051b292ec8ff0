import type { Evolvers } from '../account/capability';
import { onceOnlyKey } from './notices.decide';
import type { NoticesEvent } from './notices.events';

/** A notice is a record of what was said; the account keeps only when a once-only notice went out. */
export const noticesEvolvers: Evolvers<NoticesEvent> = {
  NoticeSent: (account, event) => {
    const key = onceOnlyKey(event.data);
    return key ? { ...account, noticesSent: { ...account.noticesSent, [key]: event.data.sentAt } } : account;
  },
};
