import type { BusinessTimes } from '../account/capability';
import type { NoticesEvent } from './notices.events';

/** A notice happened when it went out. */
export const noticesBusinessTimes: BusinessTimes<NoticesEvent> = {
  NoticeSent: (event) => ({ instant: event.data.sentAt }),
};
