import { ApiProperty } from '@nestjs/swagger';
import { CommandReceipt } from '../command-handling/command-receipt';

export class PortalSessionResponse {
  @ApiProperty({ description: 'The portal’s bearer token: the debtor role, this account only, good on /portal/api only.' }) token!: string;
  @ApiProperty({ format: 'date-time', description: 'When the token stops working (the session’s minutes, or the link’s end).' }) expiresAt!: string;
  @ApiProperty({ example: 'acc-1' }) accountId!: string;
  @ApiProperty({ example: 'en', description: 'The debtor’s language on file (`en` when none).' }) language!: string;
}

export class PortalLinkIssuedResponse extends CommandReceipt {
  @ApiProperty({ example: 'f4b0c8de-0b1e-4b7c-9a43-0f7f6b1f2a11' }) linkId!: string;
  @ApiProperty({ description: 'The link to send the debtor; it opens the portal for this account only.', example: 'https://arrears.example/portal/#link=…' })
  url!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}
