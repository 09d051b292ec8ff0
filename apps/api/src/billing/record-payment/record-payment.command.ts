import { AccountCommandMessage } from '../../command-handling/account-command.message';
import type { RecordPaymentRequest } from './record-payment.request';

export class RecordPaymentCommand extends AccountCommandMessage<RecordPaymentRequest> {}
