import type { ContactChannel, ContactPolicy } from './contact-policy';
import { blockedChannelRule, ceaseRule, collectionPauseRule, contactRefusals, type ContactRefusal, type ContactSubject } from './contact-rules';

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

/**
 * Why a message queued earlier must no longer go, or null. A retry, or a backlog after an outage, can
 * come after the debtor changed what they allow:
 * - a strategy's reminder is collection of its debt: not after a cease request (1006.6(c)(1)), by a
 *   medium since blocked (1006.14(h)(1)), or while that debt is disputed or its original creditor
 *   asked for (1006.38(c), (d)(2));
 * - a notice was decided knowing the cease request and the disputes (the notices 1006.6(c)(2) allows, an
 *   original creditor's name, the validation notice): only a medium blocked since stops it, except the
 *   reply the debtor's own contact by that medium allows.
 */
export function withdrawnBeforeDelivery(account: ContactSubject, message: QueuedMessage, at: string, policy: ContactPolicy): ContactRefusal | null {
  const contact = { channel: message.channel, at, ...(message.reminderOf && { invoiceIds: [message.reminderOf] }) };
  const rules = message.reminderOf ? [ceaseRule, blockedChannelRule, collectionPauseRule] : message.template === blockedMediumReply ? [] : [blockedChannelRule];
  return contactRefusals(account, contact, policy, rules)[0] ?? null;
}
