import type { Summaries } from '../account/capability';
import type { NoticesEvent } from './notices.events';

/** How each notice reads in the account's history. */
export const noticesSummaries: Summaries<NoticesEvent> = {
  NoticeSent: (event) =>
    `Notice ${event.data.template} (${event.data.purpose.replace(/_/g, ' ')}) queued by ${event.data.channel}${event.data.invoiceId ? ` about invoice ${event.data.invoiceId}` : ''}.`,
};
