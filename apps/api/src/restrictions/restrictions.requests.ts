import { IsOptional } from 'class-validator';
import { IsBusinessDate, IsId, IsText } from '../http/validators';

export class FlagHardshipRequest {
  @IsOptional()
  @IsText(1000, 'What the hardship is.', true)
  note?: string;
}

export class PlaceHoldRequest {
  @IsId({ example: 'hold-1' })
  holdId!: string;

  @IsText(500, 'Why collection stops.')
  reason!: string;

  @IsBusinessDate({ description: 'The hold’s last day (in the debtor’s zone).' })
  until!: string;
}
