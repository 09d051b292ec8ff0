import { personalFields } from '../accounts/debtor';
import { sealedCreditReportFields } from '../credit/credit.events';
import { sealedDisputeFields } from '../disputes/disputes.events';

/**
 * The events whose data hold fields about the debtor beside facts that are not, by type: a credit
 * report's score and reason codes beside its bureau, scale and date; a debtor's new name, e-mail, phone
 * or address beside their new zone; a dispute's reason beside its amount and dates. The write path stores
 * those fields sealed under the debtor's data key (PersonalDataVault), so that they are gone with it, and
 * a read model that keeps an event's data (the audit trail) keeps it without them. (The opening's debtor
 * and a rendered message's text are sealed whole, each in its own way.)
 */
export const personalEventFields: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['CreditReportRecorded', sealedCreditReportFields],
  ['DebtorContactDetailsChanged', personalFields],
  ['DisputeRaised', sealedDisputeFields],
]);
