import { entryOf } from '../lookup/entry-of';
import type { ContactChannel, ContactPolicies } from '../compliance/contact-policy';
import { todayFor } from '../account/account.guards';
import { timeBarOf } from '../compliance/time-bar';
import type { OpenedAccount } from '../account/account.state';
import type { CeaseRemedy, NoticePurpose, NoticeSent, RenderedMessage } from './notices.events';
import { renderMessage, type MessageFacts, type MessageRequest } from './notices.render';

/** What a decider asks to say: why, by which channel, with which template, about which invoice if one. */
export interface NoticeRequest {
  purpose: NoticePurpose;
  channel: ContactChannel;
  template: string;
  invoiceId?: string;
  remedy?: CeaseRemedy;
  inReplyTo?: string;
}

/** The event that queues a notice, with the message it renders to; its id stable for the same notice decided again. */
export function noticeSent(account: OpenedAccount, notice: NoticeRequest, now: string, policies: ContactPolicies, facts: MessageFacts = {}): NoticeSent {
  const about = notice.inReplyTo ?? notice.invoiceId ?? 'account';
  const invoice = notice.invoiceId ? entryOf(account.invoices, notice.invoiceId) : undefined;
  const said = {
    ...(invoice && { invoiceId: invoice.invoiceId, currency: invoice.currency, dueOn: invoice.dueOn }),
    ...(notice.remedy && { remedy: notice.remedy }),
    ...facts,
  };
  const message = messageFor(account, policies, now, { templateId: notice.template, channel: notice.channel, facts: said });
  return {
    type: 'NoticeSent',
    data: { notificationId: `${account.accountId}:${notice.purpose}:${about}:${now}`, ...notice, sentAt: now, ...(message && { message }) },
  };
}

/**
 * The message a decider queues, rendered on the debtor's today under the rule set the command carries,
 * with the time-barred paragraph where the debt is time-barred and the state requires saying so (1006.26).
 */
export function messageFor(
  account: OpenedAccount,
  policies: ContactPolicies,
  now: string,
  request: Omit<MessageRequest, 'timeBarredDisclosure'>,
): RenderedMessage | undefined {
  const today = todayFor(account, now);
  return renderMessage({ account, policies, today }, { ...request, timeBarredDisclosure: timeBarOf(account, policies, today).disclosureRequired });
}

/**
 * What a notice the law allows only once says, as a key, or null for other notices: that efforts end
 * (1006.6(c)(2)(i)); that a specified remedy may be (ii) or will be (iii) invoked, once for each remedy;
 * a reply on a blocked medium, once for each inbound contact (1006.14(h)(2)(ii)).
 */
export function onceOnlyKey(notice: Pick<NoticeSent['data'], 'purpose' | 'remedy' | 'inReplyTo'>): string | null {
  switch (notice.purpose) {
    case 'efforts_terminated':
      return 'efforts_terminated';
    case 'remedy_notice':
      return notice.remedy ? `remedy_notice:${notice.remedy.invoked}:${notice.remedy.text.trim().toLowerCase().replace(/\s+/g, ' ')}` : null;
    case 'blocked_medium_reply':
      return notice.inReplyTo ? `blocked_medium_reply:${notice.inReplyTo}` : null;
    default:
      return null;
  }
}
