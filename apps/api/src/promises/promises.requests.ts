import { IsBusinessDate, IsCurrency, IsId, IsMinorUnits } from '../http/validators';

export class RecordPromiseRequest {
  @IsId({ example: 'promise-1' })
  promiseId!: string;

  @IsMinorUnits()
  amount!: number;

  @IsCurrency()
  currency!: string;

  @IsBusinessDate({ description: 'The date by which the debtor promised to pay.' })
  dueOn!: string;
}
