import { ApiProperty } from '@nestjs/swagger';
import { eventOf, type CommandOutcome } from '@arrears/commands';
import { accountCommand, type CommandDeclarations } from '../command-handling/account-command.declaration';
import { CommandReceipt, receiptOf } from '../command-handling/command-receipt';
import { RecordPaymentRequest, ReversePaymentRequest } from './payments.requests';

class AllocationResponse {
  @ApiProperty({ example: 'inv-1' }) invoiceId!: string;
  @ApiProperty({ type: 'integer', example: 5000 }) amount!: number;
}

class InstallmentAllocationResponse {
  @ApiProperty({ type: 'integer', example: 1 }) installment!: number;
  @ApiProperty({ type: 'integer', example: 3750 }) amount!: number;
}

class DiscountResponse {
  @ApiProperty({ example: 'inv-1' }) invoiceId!: string;
  @ApiProperty({ type: 'integer', example: 250 }) amount!: number;
}

export class PaymentRecordedResponse extends CommandReceipt {
  @ApiProperty({ example: 'pay-1' }) paymentId!: string;
  @ApiProperty({ type: [AllocationResponse], description: 'To invoices, oldest open amount first.' })
  allocations!: AllocationResponse[];
  @ApiProperty({ type: [InstallmentAllocationResponse], description: 'To the active plan’s installments, if any.' })
  installmentAllocations!: InstallmentAllocationResponse[];
  @ApiProperty({ type: 'integer', description: 'Overpayment kept as credit for later invoices.', example: 0 })
  credited!: number;
  @ApiProperty({ type: [DiscountResponse], description: 'Early-payment discounts this payment earned.' })
  discounts!: DiscountResponse[];
  @ApiProperty({ type: [Number], description: 'Installments this payment completed.' })
  installmentsPaid!: number[];
  @ApiProperty({ description: 'True when this payment completed the active plan.' })
  planCompleted!: boolean;
  @ApiProperty({ description: 'True when the account was closed: the payment, all of it credit, reopened it (AccountReopened).' })
  accountReopened!: boolean;
}

export class PaymentReversedResponse extends CommandReceipt {
  @ApiProperty({ example: 'pay-1' }) paymentId!: string;
  @ApiProperty({ example: 're_1' }) reversalId!: string;
  @ApiProperty({ type: 'integer', description: 'Taken back out of the account’s unspent credit.', example: 0 })
  creditReversed!: number;
  @ApiProperty({ type: [AllocationResponse], description: 'Invoices owed again, the most recently paid first (credit later invoices had used included).' })
  reopened!: AllocationResponse[];
  @ApiProperty({ type: [InstallmentAllocationResponse], description: 'Plan installments owed again, the last paid first.' })
  installmentsReopened!: InstallmentAllocationResponse[];
  @ApiProperty({ type: [DiscountResponse], description: 'Early-payment discounts withdrawn with the invoices they no longer settle.' })
  discountsWithdrawn!: DiscountResponse[];
  @ApiProperty({ description: 'True when the account was closed: the reversal reopened it (AccountReopened).' })
  accountReopened!: boolean;
}

export const paymentsCommands: CommandDeclarations = {
  recordPayment: accountCommand({
    route: 'POST /accounts/:accountId/payments',
    roles: ['system'],
    summary: 'Record a payment: plan installments first, then invoices oldest first, the rest as credit',
    status: 201,
    request: RecordPaymentRequest,
    command: ({ request: { paymentId, amount, currency, receivedOn, method, agencyId } }) => ({
      type: 'RecordPayment',
      data: { paymentId, amount, currency, receivedOn, method, ...(agencyId === undefined ? {} : { agencyId }) },
    }),
    response: { type: PaymentRecordedResponse, from: (outcome, { request }) => paymentRecorded(outcome, request.paymentId) },
  }),
  reversePayment: accountCommand({
    route: 'POST /accounts/:accountId/payments/:paymentId/reversals',
    roles: ['system'],
    summary:
      'Reverse a payment (a refund or a lost chargeback): what it paid is owed again, its most recent part first; the same reversalId again changes nothing',
    status: 201,
    request: ReversePaymentRequest,
    command: ({ params, request: { reversalId, amount, currency, reversedOn, reason, providerReference } }) => ({
      type: 'ReversePayment',
      data: {
        reversalId,
        paymentId: params.paymentId,
        amount,
        currency,
        reversedOn,
        reason,
        ...(providerReference === undefined ? {} : { providerReference }),
      },
    }),
    response: { type: PaymentReversedResponse, from: paymentReversed },
  }),
};

/** What the reversal reopened; nothing for a reversal already recorded. */
function paymentReversed(
  outcome: CommandOutcome,
  { params, request }: { params: { paymentId: string }; request: ReversePaymentRequest },
): PaymentReversedResponse {
  const reversed = eventOf(outcome, 'PaymentReversed')?.data;
  return {
    ...receiptOf(outcome),
    paymentId: params.paymentId,
    reversalId: request.reversalId,
    creditReversed: reversed?.creditReversed ?? 0,
    reopened: reversed ? [...reversed.spentCreditReopened, ...reversed.allocations] : [],
    installmentsReopened: reversed?.installmentAllocations ?? [],
    discountsWithdrawn: reversed?.discountsWithdrawn ?? [],
    accountReopened: eventOf(outcome, 'AccountReopened') !== undefined,
  };
}

/** Where the payment went, from the events it produced. */
function paymentRecorded(outcome: CommandOutcome, paymentId: string): PaymentRecordedResponse {
  const response: PaymentRecordedResponse = {
    ...receiptOf(outcome),
    paymentId,
    allocations: [],
    installmentAllocations: [],
    credited: 0,
    discounts: [],
    installmentsPaid: [],
    planCompleted: false,
    accountReopened: eventOf(outcome, 'AccountReopened') !== undefined,
  };
  for (const event of outcome.events) {
    if (event.type === 'PaymentReceived') {
      const { allocations, installmentAllocations, credited } = event.data;
      Object.assign(response, { allocations, installmentAllocations, credited });
    }
    if (event.type === 'EarlyPaymentDiscountApplied') response.discounts.push({ invoiceId: event.data.invoiceId, amount: event.data.amount });
    if (event.type === 'InstallmentPaid') response.installmentsPaid.push(event.data.installment);
    if (event.type === 'PlanCompleted') response.planCompleted = true;
  }
  return response;
}
