import { IsOptional } from 'class-validator';
import { IsBusinessDate, IsCurrency, IsId, IsMinorUnits, IsText } from '../http/validators';

export class AgreeSettlementRequest {
  @IsId({ example: 'settlement-1' })
  settlementId!: string;

  @IsMinorUnits({ description: 'What the debtor pays to settle the whole balance.' })
  amount!: number;

  @IsCurrency()
  currency!: string;

  @IsBusinessDate({ description: 'By when.' })
  dueOn!: string;
}

export class OfferSettlementRequest {
  @IsId({ example: 'offer-1' })
  offerId!: string;

  @IsMinorUnits({ description: 'What the debtor would pay to settle the whole balance.' })
  amount!: number;

  @IsCurrency()
  currency!: string;

  @IsBusinessDate({ description: 'By when the debtor would pay.' })
  dueOn!: string;

  @IsBusinessDate({ description: 'The last day the debtor may accept the offer (on the portal), no later than dueOn.' })
  expiresOn!: string;
}

export class WriteOffRequest {
  @IsText(500, 'Why the balance is written off.')
  reason!: string;
}

export class PlaceWithAgencyRequest {
  @IsId({ example: 'agency-1' })
  agencyId!: string;
}

export class EscalateToLegalRequest {
  @IsOptional()
  @IsText(1000, 'Why.', true)
  reason?: string;
}
