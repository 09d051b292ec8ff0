import { AccountCommandMessage } from '../../command-handling/account-command.message';

export class MarkPaymentMissedCommand extends AccountCommandMessage<{ invoiceId: string }> {}
