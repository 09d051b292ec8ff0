import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { CommandOutcome } from '@arrears/commands';

/** What every command answers: where its events landed. */
@ApiSchema({ description: 'Where the command’s events landed; commands that say more add their own fields.' })
export class CommandReceipt {
  @ApiProperty({ example: 'acc-1' }) accountId!: string;
  @ApiProperty({ type: 'integer', description: 'The account stream’s revision after this command; also sent as ETag.', example: 3 })
  revision!: number;
  @ApiProperty({ type: 'integer', description: 'Global position of the last event appended: queries can wait until they reach it.', example: 42 })
  position!: number;
}

/** The receipt as plain data (the class describes its schema), so responses can spread it into their own fields. */
export const receiptOf = (outcome: CommandOutcome) => ({
  accountId: outcome.accountId,
  revision: Number(outcome.revision),
  position: Number(outcome.position),
});
