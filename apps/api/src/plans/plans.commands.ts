import { ParseIntPipe } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { eventOf, type CommandOutcome } from '@arrears/commands';
import { accountCommand, type CommandDeclarations } from '../command-handling/account-command.declaration';
import { CommandReceipt, receiptOf } from '../command-handling/command-receipt';
import { AgreePlanRequest, ExtendDeadlineRequest } from './plans.requests';

class CoveredInvoiceResponse {
  @ApiProperty({ example: 'inv-1' }) invoiceId!: string;
  @ApiProperty({ type: 'integer', example: 7500 }) amount!: number;
}

export class PlanAgreedResponse extends CommandReceipt {
  @ApiProperty({ example: 'plan-1' }) planId!: string;
  @ApiProperty({ type: [CoveredInvoiceResponse], description: 'The balance the plan covers, per invoice.' })
  covers!: CoveredInvoiceResponse[];
}

/** What agreeing a plan answers, whoever agrees it: the plan and the balance it covers. */
export const planAgreedResponse = {
  type: PlanAgreedResponse,
  from: (outcome: CommandOutcome, { request }: { request: { planId: string } }) => ({
    ...receiptOf(outcome),
    planId: request.planId,
    covers: eventOf(outcome, 'PlanAgreed')?.data.covers ?? [],
  }),
};

/** Payment plans: agreed with the debtor, an installment's date moved. (Missed installments are the scheduler's.) */
export const plansCommands: CommandDeclarations = {
  agreePlan: accountCommand<AgreePlanRequest, PlanAgreedResponse>({
    route: 'POST /accounts/:accountId/plans',
    roles: ['agent', 'supervisor'],
    summary: 'Agree a payment plan whose installments add up exactly to the balance it covers',
    status: 201,
    request: AgreePlanRequest,
    command: ({ request: { planId, currency, installments, invoiceIds } }) => ({
      type: 'AgreePlan',
      data: { planId, currency, installments: installments.map(({ dueOn, amount }) => ({ dueOn, amount })), ...(invoiceIds ? { invoiceIds } : {}) },
    }),
    response: planAgreedResponse,
  }),

  extendDeadline: accountCommand({
    route: 'POST /accounts/:accountId/plans/:planId/installments/:installment/extend',
    roles: ['agent', 'supervisor'],
    summary: 'Move an unpaid installment’s due date later',
    status: 200,
    request: ExtendDeadlineRequest,
    // The pipe has made it a number already; Number() only tells the compiler so.
    pipes: { installment: new ParseIntPipe() },
    command: ({ params, request }) => ({
      type: 'ExtendDeadline',
      data: { planId: params.planId, installment: Number(params.installment), dueOn: request.dueOn },
    }),
  }),
};
