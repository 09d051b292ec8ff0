import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { DebtorErasure } from '@arrears/erasure';
import { CommandReceipt, receiptOf } from '../../command-handling/command-receipt';
import { ErasePersonalDataCommand } from './erase-personal-data.command';

export class PersonalDataErasure extends CommandReceipt {
  @ApiProperty({
    example: ['acc-1', 'acc-7'],
    description: 'Every account of the debtor: their data key was one, so their personal data is erased in each.',
  })
  erasedAccountIds!: string[];
}

/** Erases the debtor's personal data in every account of theirs (see DebtorErasure), answered as a receipt. */
@CommandHandler(ErasePersonalDataCommand)
export class ErasePersonalDataHandler implements ICommandHandler<ErasePersonalDataCommand, PersonalDataErasure> {
  constructor(private readonly erasure: DebtorErasure) {}

  async execute({ accountId, context }: ErasePersonalDataCommand): Promise<PersonalDataErasure> {
    const { outcome, erasedAccountIds } = await this.erasure.erase(accountId, context);
    return { ...receiptOf(outcome), erasedAccountIds };
  }
}
