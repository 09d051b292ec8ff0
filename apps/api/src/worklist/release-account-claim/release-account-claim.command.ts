import { AccountCommandMessage } from '../../command-handling/account-command.message';
import type { ReleaseAccountClaimRequest } from '../claim-account/claim-account.request';

export class ReleaseAccountClaimCommand extends AccountCommandMessage<ReleaseAccountClaimRequest> {}
