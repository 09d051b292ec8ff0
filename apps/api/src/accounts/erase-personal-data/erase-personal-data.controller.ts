import { Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@arrears/commands';
import { Context } from '../../command-handling/command-context';
import { CommandEndpoint } from '../../http/command-endpoint.decorator';
import { ParseIdPipe } from '../../http/parse-id.pipe';
import { ErasePersonalDataCommand } from './erase-personal-data.command';
import { PersonalDataErasure } from './erase-personal-data.handler';

@ApiTags('accounts')
@Controller('accounts')
export class ErasePersonalDataController {
  constructor(private readonly commands: CommandBus) {}

  @CommandEndpoint(':accountId/erase-personal-data', {
    summary: 'Erase the debtor’s personal data (name, e-mail, phone, address) by destroying their data key; amounts and dates stay',
    status: 200,
    response: PersonalDataErasure,
  })
  erase(@Param('accountId', new ParseIdPipe('accountId')) accountId: string, @Context() context: CommandContext): Promise<PersonalDataErasure> {
    return this.commands.execute(new ErasePersonalDataCommand(accountId, {}, context));
  }
}
