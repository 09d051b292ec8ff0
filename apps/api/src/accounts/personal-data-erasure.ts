import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import type { CommandContext } from '@arrears/commands';
import { DebtorErasure } from '@arrears/erasure';
import type { AccountProcess } from '../command-handling/account-command.declaration';
import { CommandReceipt, receiptOf } from '../command-handling/command-receipt';

export class PersonalDataErasure extends CommandReceipt {
  @ApiProperty({
    example: ['acc-1', 'acc-7'],
    description: 'Every account of the debtor: their data key was one, so their personal data is erased in each.',
  })
  erasedAccountIds!: string[];
}

/** Erases the debtor's personal data in every account of theirs (see DebtorErasure), answered as a receipt. */
@Injectable()
export class PersonalDataErasureProcess implements AccountProcess<PersonalDataErasure> {
  constructor(private readonly erasure: DebtorErasure) {}

  async run(accountId: string, context: CommandContext): Promise<PersonalDataErasure> {
    const { outcome, erasedAccountIds } = await this.erasure.erase(accountId, context);
    return { ...receiptOf(outcome), erasedAccountIds };
  }
}
