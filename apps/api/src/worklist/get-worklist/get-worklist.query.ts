import type { Principal } from '../../auth/principal';
import type { WorklistParams } from './get-worklist.request';

export class GetWorklistQuery {
  constructor(
    readonly params: WorklistParams,
    readonly caller: Principal,
  ) {}
}
