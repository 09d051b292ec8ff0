import { AccountCommandMessage } from '../../command-handling/account-command.message';
import type { AgreePlanRequest } from './agree-plan.request';

export class AgreePlanCommand extends AccountCommandMessage<AgreePlanRequest> {}
