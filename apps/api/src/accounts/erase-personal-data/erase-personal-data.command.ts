import { AccountCommandMessage } from '../../command-handling/account-command.message';

export class ErasePersonalDataCommand extends AccountCommandMessage<Record<string, never>> {}
