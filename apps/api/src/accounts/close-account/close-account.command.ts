import { AccountCommandMessage } from '../../command-handling/account-command.message';
import type { CloseAccountRequest } from './close-account.request';

export class CloseAccountCommand extends AccountCommandMessage<CloseAccountRequest> {}
