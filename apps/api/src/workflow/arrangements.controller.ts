import { Body, Controller, Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { APP_CONFIG } from '@arrears/backends';
import type { AppConfig } from '@arrears/platform';
import { Context } from '../command-handling/command-context';
import type { CommandContext } from '@arrears/commands';
import { CommandReceipt } from '../command-handling/command-receipt';
import { CommandEndpoint } from '../http/command-endpoint.decorator';
import { AccountIdParam, IdParam, NumberParam, WorkflowController } from './workflow.controller';
import { AgreeSettlementRequest, ExtendDeadlineRequest, RecordPromiseRequest } from './workflow.requests';

@ApiTags('arrangements')
@Controller('accounts')
export class ArrangementsController extends WorkflowController {
  constructor(
    commands: CommandBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(commands);
  }

  @CommandEndpoint(':accountId/promises', { summary: 'Record a promise to pay (PROMISE_GRACE_DAYS of grace)', status: 201, response: CommandReceipt })
  promise(@AccountIdParam() accountId: string, @Body() request: RecordPromiseRequest, @Context() context: CommandContext) {
    const { promiseId, amount, currency, dueOn } = request;
    return this.apply(accountId, { type: 'RecordPromiseToPay', data: { promiseId, amount, currency, dueOn, graceDays: this.config.promiseGraceDays } }, context);
  }

  @CommandEndpoint(':accountId/plans/:planId/installments/:installment/extend', { summary: 'Move an unpaid installment’s due date later', status: 200, response: CommandReceipt })
  extend(
    @AccountIdParam() accountId: string,
    @IdParam('planId') planId: string,
    @NumberParam('installment') installment: number,
    @Body() request: ExtendDeadlineRequest,
    @Context() context: CommandContext,
  ) {
    return this.apply(accountId, { type: 'ExtendDeadline', data: { planId, installment, dueOn: request.dueOn } }, context);
  }

  @CommandEndpoint(':accountId/settlements', { summary: 'Agree to settle the whole balance for less, by a date', status: 201, response: CommandReceipt })
  settle(@AccountIdParam() accountId: string, @Body() request: AgreeSettlementRequest, @Context() context: CommandContext) {
    const { settlementId, amount, currency, dueOn } = request;
    return this.apply(accountId, { type: 'AgreeSettlement', data: { settlementId, amount, currency, dueOn } }, context);
  }
}
