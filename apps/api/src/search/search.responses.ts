import { ApiProperty } from '@nestjs/swagger';

export const matchKinds = ['accountId', 'debtorReference', 'name', 'phone'] as const;
export type MatchKind = (typeof matchKinds)[number];

export class AccountSearchLine {
  @ApiProperty({ example: 'acc-1' }) accountId!: string;
  @ApiProperty({ example: 'cred-1' }) creditorId!: string;
  @ApiProperty({ example: 'D-100' }) debtorReference!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Ada Lovelace', description: 'Null when none was given or it was erased.' })
  debtorName!: string | null;
  @ApiProperty({ enum: ['open', 'closed'], example: 'open' }) status!: string;
  @ApiProperty({ type: String, nullable: true, example: 'USD', description: 'ISO 4217 code of the balance; null before the first invoice or payment.' })
  currency!: string | null;
  @ApiProperty({ type: 'integer', example: 7500, description: 'What is owed now, in minor units (cents).' }) balance!: number;
  @ApiProperty({ enum: matchKinds, isArray: true, description: 'What the query matched.' }) matchedBy!: MatchKind[];
}

export class AccountSearchResponse {
  @ApiProperty({ type: [AccountSearchLine], description: 'By account id.' }) items!: AccountSearchLine[];
  @ApiProperty({ type: String, nullable: true, description: 'The next page’s cursor; null on the last page.' }) nextCursor!: string | null;
}
