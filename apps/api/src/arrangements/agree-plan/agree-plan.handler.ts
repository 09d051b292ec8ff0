import { ApiProperty } from '@nestjs/swagger';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AccountCommandService, eventOf } from '@arrears/commands';
import { CommandReceipt, receiptOf } from '../../command-handling/command-receipt';
import { AgreePlanCommand } from './agree-plan.command';

class CoveredInvoiceResponse {
  @ApiProperty({ example: 'inv-1' }) invoiceId!: string;
  @ApiProperty({ example: 7500 }) amount!: number;
}

export class PlanAgreedResponse extends CommandReceipt {
  @ApiProperty({ example: 'plan-1' }) planId!: string;
  @ApiProperty({ type: [CoveredInvoiceResponse], description: 'The balance the plan covers, per invoice.' })
  covers!: CoveredInvoiceResponse[];
}

@CommandHandler(AgreePlanCommand)
export class AgreePlanHandler implements ICommandHandler<AgreePlanCommand, PlanAgreedResponse> {
  constructor(private readonly accounts: AccountCommandService) {}

  async execute({ accountId, request, context }: AgreePlanCommand): Promise<PlanAgreedResponse> {
    const { planId, currency, invoiceIds } = request;
    const installments = request.installments.map(({ dueOn, amount }) => ({ dueOn, amount }));
    const data = { planId, currency, installments, ...(invoiceIds ? { invoiceIds } : {}) };
    const outcome = await this.accounts.handle(accountId, { type: 'AgreePlan', data }, context);
    return { ...receiptOf(outcome), planId, covers: eventOf(outcome, 'PlanAgreed')?.data.covers ?? [] };
  }
}
