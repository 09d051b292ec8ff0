import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Debtor } from '@arrears/domain';
import { IdGenerator, nameBasedUuid } from '@arrears/platform';
import { AccountCommandService } from '@arrears/commands';
import { receiptOf, type CommandReceipt } from '../../command-handling/command-receipt';
import { OpenAccountCommand } from './open-account.command';

@CommandHandler(OpenAccountCommand)
export class OpenAccountHandler implements ICommandHandler<OpenAccountCommand, CommandReceipt> {
  constructor(
    private readonly accounts: AccountCommandService,
    private readonly ids: IdGenerator,
  ) {}

  async execute({ request, context }: OpenAccountCommand): Promise<CommandReceipt> {
    // Derived from the Idempotency-Key when there is one, so that a retry opens the same account.
    const accountId = request.accountId ?? (context.idempotencyKey ? nameBasedUuid(`${context.idempotencyKey}|account`) : this.ids.uuid());
    const { reference, name, timeZone, otherTimeZones, email, phone, address } = request.debtor;
    const debtor: Debtor = { reference, timeZone, ...defined({ otherTimeZones, name, email, phone, address: address && { ...address } }) };
    const outcome = await this.accounts.handle(
      accountId,
      { type: 'OpenAccount', data: { accountId, creditorId: request.creditorId, debtor } },
      context,
    );
    return receiptOf(outcome);
  }
}

/** Drops absent optional fields, so events hold no `undefined`s. */
const defined = <T extends Record<string, unknown>>(fields: T): Partial<T> =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
