import { AccountCommandMessage } from '../../command-handling/account-command.message';

export class AssessLateFeeCommand extends AccountCommandMessage<{ invoiceId: string }> {}
