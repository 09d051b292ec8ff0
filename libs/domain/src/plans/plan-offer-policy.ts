/** The plans a creditor offers debtors on the portal (a creditor profile's `planOffers`). */
export interface PlanOfferPolicy {
  /** The numbers of installments offered, e.g. [3, 6, 12]. */
  installmentCounts: number[];
  /** No installment below this, in minor units: a count that would need smaller ones is not offered. */
  minimumInstallment: number;
  /** Days between installments. */
  intervalDays: number;
  /** Days from acceptance to the first installment. */
  firstDueInDays: number;
}

/** What a creditor with no `planOffers` of its own offers. */
export const defaultPlanOfferPolicy: PlanOfferPolicy = { installmentCounts: [3, 6, 12], minimumInstallment: 2000, intervalDays: 30, firstDueInDays: 7 };

/** A policy's problems as configured, each naming its field; empty when sound. */
export function planOfferPolicyProblems(value: unknown, path: string): string[] {
  if (!value || typeof value !== 'object') return [`${path} must be an object`];
  const policy = value as Record<string, unknown>;
  const counts = policy.installmentCounts;
  const problems =
    Array.isArray(counts) && counts.length > 0 && counts.every((count) => Number.isInteger(count) && count >= 1 && count <= 60)
      ? []
      : [`${path}.installmentCounts must be a list of whole numbers from 1 to 60`];
  for (const [field, max] of [
    ['minimumInstallment', 1e12],
    ['intervalDays', 366],
    ['firstDueInDays', 366],
  ] as const) {
    const number = policy[field];
    if (!Number.isInteger(number) || (number as number) < (field === 'firstDueInDays' ? 0 : 1) || (number as number) > max) {
      problems.push(`${path}.${field} must be a whole number from ${field === 'firstDueInDays' ? 0 : 1} to ${max}`);
    }
  }
  return problems;
}
