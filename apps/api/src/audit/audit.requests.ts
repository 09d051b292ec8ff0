import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, Matches } from 'class-validator';

export class AccountStateParams {
  @IsISO8601({ strict: true }, { message: 'asOf must be an ISO 8601 instant, such as 2026-03-01T12:00:00Z' })
  @Matches(/T.*(Z|[+-]\d{2}:?\d{2})$/, { message: 'asOf must be an instant with a time and an offset (Z or ±hh:mm)' })
  @ApiProperty({ example: '2026-03-01T12:00:00Z', description: 'Events recorded after this instant are left out.' })
  asOf!: string;
}
