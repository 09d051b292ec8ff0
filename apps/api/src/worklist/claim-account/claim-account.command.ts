import { AccountCommandMessage } from '../../command-handling/account-command.message';
import type { ClaimAccountRequest } from './claim-account.request';

export class ClaimAccountCommand extends AccountCommandMessage<ClaimAccountRequest> {}
