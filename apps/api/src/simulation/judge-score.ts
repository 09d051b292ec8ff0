import { addDays, isHeldOut, propensityOf, type ScoreModel, type ScoreTraining, type TrainingExample } from '@arrears/domain';
import { reportingZones, type AppConfig } from '@arrears/platform';
import { accountOf, traitsOf } from '@arrears/simulation';
import { trainOnPortfolio } from '../risk/train-on-portfolio';
import { runSimulation, simulateThen } from './run-simulation';
import type { SimulationOptions, SimulationReport } from './simulation-report';

/** The score's question in the judgement: half the overdue balance paid within 30 days. */
const target = { horizonDays: 30, targetShare: 0.5 } as const;
/** Cutoffs a week apart from the second week, while a whole horizon is still to be lived. */
const firstCutoffDay = 7;
const everyDays = 7;

/** How the behaviour score did on the simulator, where the truth is known (docs/risk.md). */
export interface ScoreJudgement {
  /** The model trained on the heuristic run's history, and how it did on the accounts held out of training. */
  model: ScoreModel;
  heldOut: Pick<ScoreTraining, 'heldOut' | 'auc' | 'calibration'> & {
    /** Pearson correlation, over the held-out examples, of the predicted probability with the account's true propensity to pay. */
    correlationWithTruePropensity: number;
  };
  /** The same agents, the same months, the same seed: the worklist by the heuristic, then by expected recovery. */
  agents: { heuristic: SimulationReport['agents']; expectedRecovery: SimulationReport['agents'] };
  runs: { heuristic: SimulationReport; expectedRecovery: SimulationReport };
}

/**
 * Lives the portfolio with the agents on the heuristic worklist (on `heuristicStores`), trains the
 * behaviour score on that history and judges it on held-out accounts against what they did and
 * against their true propensity, then lives the same portfolio again with the agents ordered by
 * expected recovery with that model (on `expectedRecoveryStores`, which must be fresh).
 */
export async function judgeScore(heuristicStores: AppConfig, expectedRecoveryStores: AppConfig, options: SimulationOptions): Promise<ScoreJudgement> {
  const { heuristic, trained } = await simulateThen(heuristicStores, options, async (report, tools) => ({
    heuristic: report,
    trained: await trainOnPortfolio(tools.imports.eventStore, reportingZones(heuristicStores.reportingTimeZones), {
      ...target,
      from: addDays(options.start, firstCutoffDay),
      to: addDays(report.end, -target.horizonDays),
      everyDays,
      version: `behaviour-simulated-seed-${options.seed}`,
      source: `simulated by npm run simulate: seed ${options.seed}, ${options.accounts} accounts, ${options.creditors} creditors, ${options.months} months from ${options.start}, agents on the heuristic worklist`,
    }),
  }));
  const expectedRecovery = await runSimulation(expectedRecoveryStores, { ...options, scoreModel: trained.model });
  const { heldOut, auc, calibration } = trained.model.training;
  return {
    model: trained.model,
    heldOut: { heldOut, auc, calibration, correlationWithTruePropensity: correlationWithTruth(trained.model, trained.examples, options) },
    agents: { heuristic: heuristic.agents, expectedRecovery: expectedRecovery.agents },
    runs: { heuristic, expectedRecovery },
  };
}

/** Over the held-out examples: how the predicted probability moves with the account's true propensity. */
function correlationWithTruth(model: ScoreModel, examples: readonly TrainingExample[], { seed, accounts, creditors }: SimulationOptions): number {
  const truth = new Map(Array.from({ length: accounts }, (_, index) => [accountOf(index, creditors).accountId, traitsOf(seed, index).propensity]));
  const held = examples.filter((example) => isHeldOut(example.accountId));
  return pearson(
    held.map((example) => propensityOf(model, example.features).probability),
    held.map((example) => truth.get(example.accountId) ?? 0),
  );
}

function pearson(xs: readonly number[], ys: readonly number[]): number {
  const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(values.length, 1);
  const [mx, my] = [mean(xs), mean(ys)];
  let [sxy, sxx, syy] = [0, 0, 0];
  xs.forEach((x, i) => {
    const y = ys[i] as number;
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  });
  return sxx && syy ? sxy / Math.sqrt(sxx * syy) : 0;
}
