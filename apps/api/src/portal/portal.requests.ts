import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsId, IsMinorUnits } from '../http/validators';

export class AcceptPlanOfferRequest {
  @IsId({ example: 'plan-1' })
  planId!: string;

  @IsInt()
  @Min(1)
  @Max(60)
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 60, example: 3, description: 'The number of installments of the offered plan chosen.' })
  installmentCount!: number;
}

export class PortalCheckoutRequest {
  @IsMinorUnits({ example: 10_000, description: 'What the debtor pays now, in the account’s currency: at most what the account owes.' })
  amount!: number;
}

export class RevokePortalLinksRequest {
  @IsOptional()
  @IsId({
    required: false,
    example: 'f4b0c8de-0b1e-4b7c-9a43-0f7f6b1f2a11',
    description: 'The link to revoke; every link issued so far (notices’ too) when absent.',
  })
  linkId?: string;
}
