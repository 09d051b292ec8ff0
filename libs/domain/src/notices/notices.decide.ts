import { entryOf } from '../lookup/entry-of';
import type { ContactChannel, ContactPolicies } from '../compliance/contact-policy';
import { todayFor } from '../account/account.guards';
import type { OpenedAccount } from '../account/account.state';
import type { NoticePurpose, NoticeSent, RenderedMessage } from './notices.events';
import { renderMessage, type MessageRequest } from './notices.render';

/** What a decider asks to say: why, by which channel, with which template, about which invoice if one. */
export interface NoticeRequest {
  purpose: NoticePurpose;
  channel: ContactChannel;
  template: string;
  invoiceId?: string;
}

/** The event that queues a notice, with the message it renders to; its id stable for the same notice decided again. */
export function noticeSent(account: OpenedAccount, notice: NoticeRequest, now: string, policies: ContactPolicies): NoticeSent {
  const about = notice.invoiceId ?? 'account';
  const invoice = notice.invoiceId ? entryOf(account.invoices, notice.invoiceId) : undefined;
  const facts = invoice && { invoiceId: invoice.invoiceId, currency: invoice.currency, dueOn: invoice.dueOn };
  const message = messageFor(account, policies, now, { templateId: notice.template, channel: notice.channel, ...(facts && { facts }) });
  return {
    type: 'NoticeSent',
    data: { notificationId: `${account.accountId}:${notice.purpose}:${about}:${now}`, ...notice, sentAt: now, ...(message && { message }) },
  };
}

/**
 * The message a decider queues, rendered on the debtor's today under the rule set the command carries.
 * The time-barred paragraph waits for the time bar to be known (`timeBarOf`): not included until then.
 */
export function messageFor(
  account: OpenedAccount,
  policies: ContactPolicies,
  now: string,
  request: Omit<MessageRequest, 'timeBarredDisclosure'>,
): RenderedMessage | undefined {
  return renderMessage({ account, policies, today: todayFor(account, now) }, { ...request, timeBarredDisclosure: false });
}
