import type { DisputesCommand } from '@arrears/domain';
import { type CapabilityReach, http, policies } from '../command-handling/command-reach.fixtures';

/** How each field of the disputes commands is set from outside (see every-field-reachable.unit.spec.ts). */
export const disputesReach: CapabilityReach<DisputesCommand> = {
  RaiseDispute: {
    fields: { disputeId: true, invoiceId: true, reason: true, attachmentRef: true, policies },
    made: [http('POST /accounts/:accountId/disputes', { disputeId: 'dispute-1', invoiceId: 'inv-1', reason: 'Never ordered', attachmentRef: 'doc-1' })],
  },
  ResolveDispute: {
    fields: { disputeId: true, outcome: true, verification: { channel: true, sentOn: true } },
    made: [
      http(
        'POST /accounts/:accountId/disputes/:disputeId/resolve',
        { outcome: 'rejected', verification: { channel: 'letter', sentOn: '2026-02-10' } },
        { disputeId: 'dispute-1' },
      ),
    ],
  },
  RequestOriginalCreditor: {
    fields: { requestId: true, invoiceId: true },
    made: [http('POST /accounts/:accountId/original-creditor-requests', { requestId: 'ocr-1', invoiceId: 'inv-1' })],
  },
  ProvideOriginalCreditor: {
    fields: { requestId: true, name: true, address: { lines: true, city: true, region: true, postalCode: true, country: true }, channel: true, policies },
    made: [
      http(
        'POST /accounts/:accountId/original-creditor-requests/:requestId/answer',
        { name: 'First Bank', address: { lines: ['1 Bank Street'], city: 'Albany', region: 'NY', postalCode: '12207', country: 'US' }, channel: 'letter' },
        { requestId: 'ocr-1' },
      ),
    ],
  },
};
