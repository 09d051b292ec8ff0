import type { AccountEvent, StrategyArm } from '@arrears/domain';
import { segments, type Segment } from './behaviour';
import { noDay, type PortfolioState } from './portfolio';

export const arms: readonly StrategyArm[] = ['champion', 'challenger'];

/** What each strategy arm achieved over the simulated months. */
export interface ArmOutcome {
  accounts: number;
  /** Money received, in minor units (USD). */
  collected: number;
  /** Of the accounts overdue at some point, the share with nothing overdue at the end. */
  cureRate: number;
  /** Reminders the timeline sent and calls the agents made. */
  contacts: number;
  collectedPerContact: number;
}

/** What the agents' calls achieved: the worklist order is judged by it (same agents, same months, another order). */
export interface AgentsOutcome {
  calls: number;
  /** Money received from every account during the months, in minor units (USD), and per call. */
  collected: number;
  collectedPerCall: number;
  /** Money received from an account within `afterCallDays` of a call to it, and per call. */
  collectedAfterCalls: number;
  collectedAfterCallsPerCall: number;
  /** Of the accounts overdue at some point, the share with nothing overdue at the end. */
  cureRate: number;
}

/** A payment this many days after a call to the account is counted as following it. */
export const afterCallDays = 14;

/** The counts a run keeps as it goes: facts by type, refusals by code, and money and contacts by arm and after calls. */
export class Tally {
  readonly factsByType = new Map<string, number>();
  readonly refusals = new Map<string, number>();
  commands = 0;
  private readonly collected = new Float64Array(2);
  private readonly contacts = new Float64Array(2);
  private readonly calledDay: Int32Array;
  private calls = 0;
  private collectedAfterCalls = 0;

  /** `armOf[index]`: 0 champion, 1 challenger. */
  constructor(private readonly armOf: Uint8Array) {
    this.calledDay = new Int32Array(armOf.length).fill(-noDay);
  }

  /** An agent's call to the account, logged on `day`. */
  called(index: number, day: number): void {
    this.calls++;
    this.calledDay[index] = day;
  }

  events(index: number, events: readonly AccountEvent[], day: number): void {
    const arm = this.armOf[index] as number;
    const afterCall = day - (this.calledDay[index] as number) <= afterCallDays;
    for (const event of events) {
      this.count(event.type);
      if (event.type === 'PaymentReceived') add(this.collected, arm, event.data.amount);
      if (event.type === 'PaymentReceived' && afterCall) this.collectedAfterCalls += event.data.amount;
      if (event.type === 'ReminderSent' || (event.type === 'ContactAttempted' && event.data.direction === 'outbound')) add(this.contacts, arm);
    }
  }

  /** The agents' calls and what followed, with the accounts' state at the end. */
  agents(state: PortfolioState): AgentsOutcome {
    const arms = Object.values(this.arms(state));
    const collected = arms.reduce((sum, arm) => sum + arm.collected, 0);
    const [everOverdue, cured] = [0, 1].map((cure) => countWhere(state, (index) => !!state.everOverdue[index] && (!cure || !state.overdue[index])));
    return {
      calls: this.calls,
      collected,
      collectedPerCall: Math.round(ratio(collected, this.calls)),
      collectedAfterCalls: this.collectedAfterCalls,
      collectedAfterCallsPerCall: Math.round(ratio(this.collectedAfterCalls, this.calls)),
      cureRate: ratio(cured as number, everOverdue as number),
    };
  }

  count(type: string, facts = 1): void {
    this.factsByType.set(type, (this.factsByType.get(type) ?? 0) + facts);
  }

  refused(code: string): void {
    this.refusals.set(code, (this.refusals.get(code) ?? 0) + 1);
  }

  get facts(): number {
    let total = 0;
    for (const count of this.factsByType.values()) total += count;
    return total;
  }

  /** Each arm's outcome, with the accounts' state at the end. */
  arms(state: PortfolioState): Record<StrategyArm, ArmOutcome> {
    const [accounts, everOverdue, cured] = [new Float64Array(2), new Float64Array(2), new Float64Array(2)];
    for (let index = 0; index < state.size; index++) {
      const arm = this.armOf[index] as number;
      add(accounts, arm);
      if (!state.everOverdue[index]) continue;
      add(everOverdue, arm);
      if (!state.overdue[index]) add(cured, arm);
    }
    const outcome = (arm: number): ArmOutcome => ({
      accounts: accounts[arm] as number,
      collected: this.collected[arm] as number,
      cureRate: ratio(cured[arm] as number, everOverdue[arm] as number),
      contacts: this.contacts[arm] as number,
      collectedPerContact: Math.round(ratio(this.collected[arm] as number, this.contacts[arm] as number)),
    });
    return { champion: outcome(0), challenger: outcome(1) };
  }
}

function countWhere(state: PortfolioState, test: (index: number) => boolean): number {
  let count = 0;
  for (let index = 0; index < state.size; index++) if (test(index)) count++;
  return count;
}

const add = (sums: Float64Array, at: number, amount = 1) => {
  sums[at] = (sums[at] ?? 0) + amount;
};

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000);

/** Accounts and the mean true propensity to pay, by segment: the truth a behaviour score is judged against. */
export function truthSummary(segmentOf: Uint8Array, propensity: Float32Array): Record<Segment, { accounts: number; meanPropensity: number }> {
  const sums = segments.map(() => ({ accounts: 0, propensity: 0 }));
  segmentOf.forEach((segment, index) => {
    const sum = sums[segment] as { accounts: number; propensity: number };
    sum.accounts++;
    sum.propensity += propensity[index] as number;
  });
  return Object.fromEntries(
    segments.map((segment, i) => {
      const sum = sums[i] as { accounts: number; propensity: number };
      return [segment, { accounts: sum.accounts, meanPropensity: Math.round(ratio(sum.propensity, sum.accounts) * 1000) / 1000 }];
    }),
  ) as Record<Segment, { accounts: number; meanPropensity: number }>;
}
