import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Context } from '../../command-handling/command-context';
import type { CommandContext } from '@arrears/commands';
import { CommandEndpoint } from '../../http/command-endpoint.decorator';
import { ParseIdPipe } from '../../http/parse-id.pipe';
import { AgreePlanCommand } from './agree-plan.command';
import { PlanAgreedResponse } from './agree-plan.handler';
import { AgreePlanRequest } from './agree-plan.request';

@ApiTags('arrangements')
@Controller('accounts')
export class AgreePlanController {
  constructor(private readonly commands: CommandBus) {}

  @CommandEndpoint(':accountId/plans', {
    summary: 'Agree a payment plan whose installments add up exactly to the balance it covers',
    status: 201,
    response: PlanAgreedResponse,
  })
  agree(
    @Param('accountId', new ParseIdPipe('accountId')) accountId: string,
    @Body() request: AgreePlanRequest,
    @Context() context: CommandContext,
  ): Promise<PlanAgreedResponse> {
    return this.commands.execute(new AgreePlanCommand(accountId, request, context));
  }
}
