import { ApiProperty } from '@nestjs/swagger';

export class DevTokenResponse {
  @ApiProperty({ description: 'A bearer token (HS256 JWT) for the role and creditors asked for.' })
  token!: string;

  @ApiProperty({ format: 'date-time', description: 'When the token stops being accepted: 15 minutes after it was minted.' })
  expiresAt!: string;
}
