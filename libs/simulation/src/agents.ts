import { noDay, type PortfolioState } from './portfolio';

/** How agents rank the accounts they may call: higher first. */
export type Priority = (state: PortfolioState, index: number, day: number) => number;

/**
 * The worklist's kind of heuristic: the overdue amount, weighted up as it ages (a month overdue
 * counts double). Step 8's expected recovery is another `Priority` the same agents can work by.
 */
export const heuristicPriority: Priority = (state, index, day) => {
  const since = state.overdueSince[index] as number;
  const age = since === noDay ? 0 : Math.min(day - since, 120);
  return (state.overdue[index] as number) * (1 + age / 30);
};

/**
 * Step 8's order: the expected recovery, overdue balance × the behaviour score's propensity to pay ×
 * contactable now. `propensity[index]` is the account's latest score (re-scored as the simulation goes);
 * contactable now is the queue's own test (open, undisputed, not touched lately), so a candidate counts 1.
 */
export const expectedRecoveryPriority =
  (propensity: Float32Array): Priority =>
  (state, index) =>
    (state.overdue[index] as number) * (propensity[index] as number);

/** An account not called for this many days is worth a call again. */
export const callAgainAfterDays = 3;

/**
 * The accounts the agents call today, at most `capacity`, best first (ties by account number, so the
 * choice is the same on every run): open, overdue, not in dispute, not called in the last few days.
 */
export function agentsQueue(state: PortfolioState, day: number, capacity: number, priority: Priority = heuristicPriority): number[] {
  if (capacity <= 0) return [];
  const candidates: number[] = [];
  const scores: number[] = [];
  for (let index = 0; index < state.size; index++) {
    if (state.closed[index] || !state.overdue[index] || state.disputedSince[index] !== noDay) continue;
    if (day - (state.calledDay[index] as number) < callAgainAfterDays) continue;
    candidates.push(index);
    scores.push(priority(state, index, day));
  }
  const order = candidates.map((_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  return order.slice(0, capacity).map((i) => candidates[i] as number);
}
