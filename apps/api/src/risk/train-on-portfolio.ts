import { addDays, cutoffsBetween, trainScoreModel, type IsoDate, type ScoreModel, type ScoreTarget, type TrainingExample } from '@arrears/domain';
import type { EventStore } from '@arrears/event-store';
import type { ReportingZones } from '@arrears/platform';
import { accountStreams, portfolioExamples } from './portfolio-examples';

/** What a model is trained on: cutoffs every `everyDays` from `from` to `to`, and the question it answers. */
export interface TrainingWindow extends ScoreTarget {
  from: IsoDate;
  to: IsoDate;
  everyDays: number;
  /** The model's name; `behaviour-<to + horizon>` (the last day an outcome was read) when not given. */
  version?: string;
  /** Where the portfolio came from, kept in the model's training section. */
  source?: string;
}

/** The store's accounts made into examples over the window, and the model trained and judged on them. */
export async function trainOnPortfolio(
  store: EventStore,
  zones: ReportingZones,
  window: TrainingWindow,
): Promise<{ model: ScoreModel; examples: TrainingExample[] }> {
  const cutoffs = cutoffsBetween(window.from, window.to, window.everyDays);
  const examples = await portfolioExamples(store, zones, await accountStreams(store), { ...window, cutoffs });
  const version = window.version ?? `behaviour-${addDays(window.to, window.horizonDays)}`;
  const { horizonDays, targetShare, from, to, source } = window;
  return { model: trainScoreModel(examples, { version, horizonDays, targetShare, from, to, ...(source !== undefined && { source }) }), examples };
}
