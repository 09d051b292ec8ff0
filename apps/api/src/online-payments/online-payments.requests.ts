import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUrl, MaxLength } from 'class-validator';
import { IsCurrency, IsMinorUnits, IsText } from '../http/validators';

const returnUrl = (description: string) =>
  ApiPropertyOptional({ type: String, format: 'uri', maxLength: 2000, example: 'https://arrears.example.com/portal/thank-you', description });

export class StartCheckoutRequest {
  @IsMinorUnits({ example: 5000, description: 'At most what the account owes, less its credit.' })
  amount!: number;

  @IsCurrency()
  currency!: string;

  @IsOptional()
  @IsText(200, 'What the payer reads on the payment page; “Payment on account <id>” when absent.', true)
  description?: string;

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  @returnUrl('Where the payer returns after paying: under PUBLIC_URL (422 RETURN_URL_NOT_OURS otherwise); this service’s thank-you page by default.')
  successUrl?: string;

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  @returnUrl('Where the payer returns after giving up: under PUBLIC_URL; this service’s page by default.')
  cancelUrl?: string;
}
