import type { KpiParams } from './get-kpis.request';

export class GetKpisQuery {
  constructor(readonly params: KpiParams) {}
}
