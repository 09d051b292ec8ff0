import { entryOf } from '../lookup/entry-of';
import { outstanding, type OpenedAccount } from '../account/account.state';
import type { ContactChannel, ContactPolicy } from './contact-policy';
import {
  blockedChannelRule,
  ceaseRule,
  collectionPauseRule,
  contactRefusals,
  holdRule,
  type ContactRefusal,
  type ContactRule,
  type ContactSubject,
} from './contact-rules';

/**
 * What a delivery's rules read of an account: the contact rules' subject, and whether a confirmation was asked for. Its
 * invoices are all the account's, paid ones included (a reminder of one paid since is withdrawn), not only those owed
 * as `contactSubjectOf` keeps them.
 */
export type DeliverySubject = ContactSubject & Pick<OpenedAccount, 'resolutionConfirmationRequested' | 'agency' | 'legal'>;

/** A message queued earlier, about to be handed to its channel. */
export interface QueuedMessage {
  channel: ContactChannel;
  /** Which template: a reply on a blocked medium goes by that medium on purpose. */
  template: string;
  /** A strategy's reminder, about this invoice; absent for the notices other decisions queue. */
  reminderOf?: string;
}

/** The template of the one reply 1006.14(h)(2)(ii) allows by a blocked medium. */
const blockedMediumReply = 'blocked-medium-reply';
/** What may still be said after a cease request: efforts end, a remedy (1006.6(c)(2)); the validation notice owed. */
const sayableAfterCease = ['efforts-terminated', 'remedy-notice', 'validation-notice'];

/** A reminder of a debt since paid would misstate what is owed (1006.18(b)(2)(i)). */
const paidRule =
  (account: DeliverySubject, invoiceId: string): ContactRule =>
  () => {
    const invoice = entryOf(account.invoices, invoiceId);
    return invoice && outstanding(invoice) <= 0
      ? { code: 'INVOICE_PAID', message: `Invoice ${invoiceId} has been paid since (1006.18(b)(2)(i)).`, allowedFrom: null }
      : null;
  };

/**
 * A reminder is the creditor's own collection: not once the account is with an agency, which pursues it instead, or
 * with legal review (as the timeline decides no step then: pursuitPause).
 */
const placedRule =
  (account: DeliverySubject): ContactRule =>
  () => {
    if (account.agency) return { code: 'WITH_AGENCY', message: `The account is placed with agency ${account.agency.agencyId}.`, allowedFrom: null };
    return account.legal ? { code: 'IN_LEGAL', message: 'The account is with legal review.', allowedFrom: null } : null;
  };

/** A notice decided before a cease request goes after it only if it is one the rule allows, or a confirmation the debtor asked for. */
const ceaseRuleFor =
  (account: DeliverySubject, template: string): ContactRule =>
  (subject, contact, policy) => {
    const asked = template === 'resolution-confirmation' && account.resolutionConfirmationRequested;
    return sayableAfterCease.includes(template) || asked ? null : ceaseRule(subject, contact, policy);
  };

/**
 * Why a message queued earlier must no longer go, or null. A retry, or a backlog after an outage, can
 * come after the debtor changed what they allow, or paid:
 * - a strategy's reminder is collection of its debt: not after a cease request (1006.6(c)(1)), by a
 *   medium since blocked (1006.14(h)(1)), while that debt is disputed or its original creditor asked
 *   for (1006.38(c), (d)(2)), while a hold is in force (the creditor's own pause: hardship, bereavement),
 *   once the account is with an agency or legal review, or once it is paid;
 * - a notice goes after a cease request only if 1006.6(c)(2) allows it (or it is the validation notice
 *   owed, or a confirmation the debtor asked for), and not by a medium since blocked, except the one
 *   reply the debtor's own contact by that medium allows (1006.14(h)(2)(ii)).
 */
export function withdrawnBeforeDelivery(account: DeliverySubject, message: QueuedMessage, at: string, policy: ContactPolicy): ContactRefusal | null {
  const contact = { channel: message.channel, at, ...(message.reminderOf && { invoiceIds: [message.reminderOf] }) };
  const rules = message.reminderOf
    ? [ceaseRule, blockedChannelRule, collectionPauseRule, holdRule, placedRule(account), paidRule(account, message.reminderOf)]
    : [ceaseRuleFor(account, message.template), ...(message.template === blockedMediumReply ? [] : [blockedChannelRule])];
  return contactRefusals(account, contact, policy, rules)[0] ?? null;
}
