import type { ContactChannel } from '../compliance/contact-policy';
import type { OpenedAccount } from '../account/account.state';
import type { NoticePurpose, NoticeSent } from './notices.events';

/** What a decider asks to say: why, by which channel, with which template, about which invoice if one. */
export interface NoticeRequest {
  purpose: NoticePurpose;
  channel: ContactChannel;
  template: string;
  invoiceId?: string;
}

/** The event that queues a notice, its id stable for the same notice decided again. */
export function noticeSent(account: OpenedAccount, notice: NoticeRequest, now: string): NoticeSent {
  const about = notice.invoiceId ?? 'account';
  return { type: 'NoticeSent', data: { notificationId: `${account.accountId}:${notice.purpose}:${about}:${now}`, ...notice, sentAt: now } };
}
