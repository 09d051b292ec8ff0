import { collectorOf, type CreditorProfile, type Debtor } from '@arrears/domain';
import { debtorSubject } from '@arrears/personal-data';
import type { OutboxDocument } from '@arrears/projections';
import { PermanentDeliveryError, type Notification, type PostalRecipient } from './notification.port';

/** The account as the outbox addresses it: whose debtor, and how to reach them now. */
export interface AddressedAccount {
  creditorId: string;
  debtor: Debtor;
}

/**
 * A letter goes to the debtor's postal address, never to a name alone: a print vendor cannot mail a
 * name. Without an address there is no recipient, and the outbox dead-letters the letter.
 */
const postalRecipient = (debtor: Debtor | undefined): PostalRecipient | null =>
  debtor?.address ? { name: debtor.name ?? null, address: debtor.address } : null;

/**
 * A debt collector's envelope shows its address only (12 CFR 1006.22(f)(2); comment 22(f)(2)-1 allows
 * what mailing needs, such as the debtor's name and address and postage); a creditor collecting its
 * own debts is not covered and may show its name.
 */
const envelopeNameOf = (profile: CreditorProfile): string | null => (profile.debtCollector ? null : collectorOf(profile).name);

/**
 * The notification for a queued one, addressed from the debtor as the account read model has them
 * now (so a changed address is used, and an erased debtor has none): e-mail to the e-mail address,
 * SMS to the phone, a letter to the postal address with the collector's (or the creditor's) as the
 * return address.
 */
export function addressed(
  queued: OutboxDocument,
  account: AddressedAccount | undefined,
  profile: CreditorProfile,
  content: { subject: string; body: string },
): Notification {
  const dataSubject = account ? debtorSubject(account.creditorId, account.debtor.reference) : null;
  const message = { id: queued.id, dataSubject, ...content };
  const debtor = account?.debtor;
  switch (queued.channel) {
    case 'email':
      return { ...message, channel: 'email', to: debtor?.email ?? null };
    case 'sms':
      return { ...message, channel: 'sms', to: debtor?.phone ?? null };
    case 'letter':
      return {
        ...message,
        channel: 'letter',
        to: postalRecipient(debtor),
        from: collectorOf(profile),
        envelopeName: envelopeNameOf(profile),
        timeZone: debtor?.timeZone ?? 'UTC',
      };
    default:
      // Calls and visits are made by people, never queued in the outbox.
      throw new PermanentDeliveryError(`The outbox cannot deliver by ${queued.channel}`);
  }
}
