import type { Principal } from '../../auth/principal';
import type { KpiParams } from './get-kpis.request';

export class GetKpisQuery {
  constructor(
    readonly params: KpiParams,
    readonly caller: Principal,
  ) {}
}
