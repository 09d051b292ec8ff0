import type { Command } from '../account/command';
import type { PostalAddress } from '../accounts/debtor';
import type { ContactPolicies } from '../compliance/contact-policy';
import type { DisputeVerification } from './disputes.events';

/** The creditor's profile in `policies` says what a dispute after the validation period does. */
/** `attachmentRef` names a document the debtor sent with the dispute (a file id or URL of the sender's store; the document is not kept here). */
export type RaiseDispute = Command<
  'RaiseDispute',
  { disputeId: string; invoiceId?: string; reason: string; attachmentRef?: string; policies: ContactPolicies }
>;
export type ResolveDispute = Command<'ResolveDispute', { disputeId: string; outcome: 'upheld' | 'rejected'; verification?: DisputeVerification }>;
/** The debtor asks for the original creditor's name and address, about one invoice or the whole account. */
export type RequestOriginalCreditor = Command<'RequestOriginalCreditor', { requestId: string; invoiceId?: string }>;
/** The answer to a request: who the original creditor is, sent to the debtor by letter or e-mail. */
export type ProvideOriginalCreditor = Command<
  'ProvideOriginalCreditor',
  { requestId: string; name: string; address: PostalAddress; channel: 'letter' | 'email'; policies: ContactPolicies }
>;
/** The disputes part of the account's commands. */
export type DisputesCommand = RaiseDispute | ResolveDispute | RequestOriginalCreditor | ProvideOriginalCreditor;
