/** The KPI read's period and scope (no creditor: the portfolio). */
export interface KpiQuery {
  from: string;
  to: string;
  creditorId?: string;
}
