import { ApiProperty } from '@nestjs/swagger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { InvoiceTerms, LateFeeRule } from '@arrears/domain';
import { AccountCommandService, eventOf } from '@arrears/commands';
import { CommandReceipt, receiptOf } from '../../command-handling/command-receipt';
import { IssueInvoiceCommand } from './issue-invoice.command';
import type { InvoiceTermsRequest } from './issue-invoice.request';

export class InvoiceIssuedResponse extends CommandReceipt {
  @ApiProperty({ example: 'inv-1' }) invoiceId!: string;
  @ApiProperty({ description: 'Credit from earlier overpayments used for this invoice (minor units).', example: 0 })
  creditApplied!: number;
}

@CommandHandler(IssueInvoiceCommand)
export class IssueInvoiceHandler implements ICommandHandler<IssueInvoiceCommand, InvoiceIssuedResponse> {
  constructor(private readonly accounts: AccountCommandService) {}

  async execute({ accountId, request, context }: IssueInvoiceCommand): Promise<InvoiceIssuedResponse> {
    const { invoiceId, amount, currency, issuedOn, dueOn } = request;
    const data = { invoiceId, amount, currency, issuedOn, dueOn, ...(request.terms ? { terms: toTerms(request.terms) } : {}) };
    const outcome = await this.accounts.handle(accountId, { type: 'IssueInvoice', data }, context);
    return { ...receiptOf(outcome), invoiceId, creditApplied: eventOf(outcome, 'CreditApplied')?.data.amount ?? 0 };
  }
}

function toTerms(request: InvoiceTermsRequest): InvoiceTerms {
  const terms: InvoiceTerms = { graceDays: request.graceDays };
  const fee = request.lateFee;
  if (fee) {
    const rule: LateFeeRule = fee.type === 'flat' ? { type: 'flat', amount: fee.amount ?? 0 } : { type: 'percent', percent: fee.percent ?? 0 };
    terms.lateFee = rule;
  }
  if (request.earlyPaymentDiscount) {
    const { percent, withinDays } = request.earlyPaymentDiscount;
    terms.earlyPaymentDiscount = { percent, withinDays };
  }
  return terms;
}
