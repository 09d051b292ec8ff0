import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Context } from '../../command-handling/command-context';
import type { CommandContext } from '@arrears/commands';
import { CommandEndpoint } from '../../http/command-endpoint.decorator';
import { NoBodyPipe } from '../../http/no-body.pipe';
import { ParseIdPipe } from '../../http/parse-id.pipe';
import { AssessLateFeeCommand } from './assess-late-fee.command';
import { LateFeeAssessedResponse } from './assess-late-fee.handler';

@ApiTags('billing')
@Controller('accounts')
export class AssessLateFeeController {
  constructor(private readonly commands: CommandBus) {}

  @CommandEndpoint(':accountId/invoices/:invoiceId/late-fee', {
    summary: 'Assess the late fee of an overdue invoice’s terms (once)',
    status: 201,
    response: LateFeeAssessedResponse,
  })
  assess(
    @Param('accountId', new ParseIdPipe('accountId')) accountId: string,
    @Param('invoiceId', new ParseIdPipe('invoiceId')) invoiceId: string,
    @Body(NoBodyPipe) _none: unknown,
    @Context() context: CommandContext,
  ): Promise<LateFeeAssessedResponse> {
    return this.commands.execute(new AssessLateFeeCommand(accountId, { invoiceId }, context));
  }
}
