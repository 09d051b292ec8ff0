import type { IsoDate, ScoreModel, StrategyArm } from '@arrears/domain';
import type { SchedulerRun } from '@arrears/scheduler';
import type { AgentsOutcome, ArmOutcome, Priority, Segment } from '@arrears/simulation';

/** The knobs of a run (docs/simulator.md). */
export interface SimulationOptions {
  accounts: number;
  /** Creditors the accounts are shared between, in turn (the first three named, the others `creditor-N`). */
  creditors: number;
  months: number;
  /** Days to live instead of `months`: a short run at scale (the benchmark's simulated portfolio). */
  days?: number;
  seed: number;
  /** The first simulated day; the opening ledger is dated before it. */
  start: IsoDate;
  /** Calls the agents make on a business day, best accounts first. */
  callsPerDay: number;
  /** How the agents rank accounts (the heuristic by default): the same agents, another worklist order. */
  priority?: Priority;
  /** When given, the agents rank by expected recovery with this behaviour score, re-scored weekly (`priority` is then unused). */
  scoreModel?: ScoreModel;
  /** Accounts worked side by side (each account's commands stay in order). */
  concurrency: number;
  /** Where to write each account's true behaviour (CSV), if anywhere. */
  truthPath?: string;
  onProgress?: (progress: SimulationProgress) => void;
  /** How often `onProgress` hears at most (1,000 ms). */
  progressEveryMs?: number;
}

/**
 * Where a run stands. Its stages: the opening ledger's import, each opened account read back from the
 * store, then the simulated days; at a million accounts each of the first two takes tens of minutes.
 */
export interface SimulationProgress {
  stage: 'opening' | 'reading back' | 'days';
  /** Accounts handed to the import (a chunk or two ahead of its facts) or read back, or days lived, so far; of `total`. */
  done: number;
  total: number;
  /** The day being lived, during the days. */
  date: IsoDate | null;
  /** Facts in the store. */
  facts: number;
  /** Since the run started. */
  factsPerSecond: number;
  /** Until the stage under way ends, at its pace so far. */
  etaSeconds: number | null;
}

/** What a run wrote and what its strategies achieved. */
export interface SimulationReport {
  seed: number;
  accounts: number;
  creditors: number;
  /** Null when `days` set the run's length. */
  months: number | null;
  start: IsoDate;
  end: IsoDate;
  days: number;
  wallSeconds: number;
  /** Events written, the opening ledger's included. */
  facts: number;
  factsPerSecond: number;
  factsByType: Record<string, number>;
  peakRssBytes: number;
  opening: { linesApplied: number; linesRefused: number; facts: number };
  /** Commands sent (the scheduler's included), and those the deciders refused, by command and code. */
  commands: { sent: number; refusals: Record<string, number> };
  scheduler: SchedulerRun;
  calls: { perBusinessDay: number; attempted: number; refused: number };
  arms: Record<StrategyArm, ArmOutcome>;
  /** The agents' worklist order, their calls and what followed them. */
  agents: AgentsOutcome & { ordering: string };
  truth: Record<Segment, { accounts: number; meanPropensity: number }>;
}

/** One line of progress, for stderr. */
export function progressLine({ stage, done, total, date, facts, factsPerSecond, etaSeconds }: SimulationProgress): string {
  const count = (n: number) => n.toLocaleString('en-US');
  const where = stage === 'days' ? `day ${Math.min(done + 1, total)}/${total} (${date ?? '…'})` : `${stage}: ${count(done)}/${count(total)} accounts`;
  const eta = etaSeconds === null ? '…' : `${Math.floor(etaSeconds / 60)}m${String(etaSeconds % 60).padStart(2, '0')}s`;
  return `${where} · ${count(facts)} facts · ${count(factsPerSecond)} facts/s · ETA ${eta}`;
}
