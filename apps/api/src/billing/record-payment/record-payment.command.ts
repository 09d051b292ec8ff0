import type { CommandContext } from '../../command-handling/command-context';
import type { RecordPaymentRequest } from './record-payment.request';

export class RecordPaymentCommand {
  constructor(
    readonly accountId: string,
    readonly request: RecordPaymentRequest,
    readonly context: CommandContext,
  ) {}
}
