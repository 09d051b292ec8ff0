import { Logger } from '@nestjs/common';
import { behaviourFeatureNames } from '@arrears/domain';
import { loadConfig } from '@arrears/platform';
import { createTestDatabase } from '../../../../test/setup/test-database';
import { judgeScore, type ScoreJudgement } from './judge-score';
import type { SimulationOptions } from './simulation-report';

/** The keys held outside the databases, which configured stores need. */
const secrets = { CHAIN_KEY: 'simulation-chain-key-of-at-least-32-characters', KEY_ENCRYPTION_KEY: 'simulation-key-encryption-key-of-32-characters' };
const options: SimulationOptions = { accounts: 120, creditors: 3, months: 3, seed: 5, start: '2026-01-05', callsPerDay: 6, concurrency: 8 };

describe('judging the behaviour score on the simulator (npm run simulate -- --judge-score)', () => {
  let judgement: ScoreJudgement;

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    const stores = async () => loadConfig({ ...secrets, EVENT_STORE_URL: await createTestDatabase() }, 'simulate');
    judgement = await judgeScore(await stores(), await stores(), options);
  }, 300_000);

  it('trains a model on the heuristic run’s history, over weekly cutoffs whose 30-day horizon was lived', () => {
    const { model } = judgement;
    expect(model).toMatchObject({ version: 'behaviour-simulated-seed-5', horizonDays: 30, targetShare: 0.5, training: { from: '2026-01-12' } });
    expect(model.training.to <= '2026-03-05').toBe(true);
    expect(model.training.source).toContain('seed 5, 120 accounts');
    expect(Object.keys(model.weights).sort()).toEqual([...behaviourFeatureNames].sort());
    expect(model.training.examples).toBeGreaterThan(model.training.heldOut);
  });

  it('judges it on the held-out accounts: AUC, a calibration table covering each of them, the correlation with the truth', () => {
    const { heldOut } = judgement;
    expect(heldOut.heldOut).toBeGreaterThan(0);
    expect(heldOut.calibration.reduce((sum, decile) => sum + decile.accounts, 0)).toBe(heldOut.heldOut);
    expect(heldOut.auc).toBeGreaterThan(0.5);
    expect(heldOut.correlationWithTruePropensity).toBeGreaterThan(0);
  });

  it('lives the same portfolio twice, the same agents working the heuristic worklist, then the expected recovery', () => {
    const { agents, runs } = judgement;
    expect(agents.heuristic.ordering).toBe('heuristic');
    expect(agents.expectedRecovery.ordering).toBe('expected recovery (behaviour-simulated-seed-5)');
    expect(runs.expectedRecovery.accounts).toBe(runs.heuristic.accounts);
    expect(runs.expectedRecovery.days).toBe(runs.heuristic.days);
    for (const outcome of [agents.heuristic, agents.expectedRecovery]) {
      expect(outcome.calls).toBeGreaterThan(0);
      expect(outcome.collectedAfterCalls).toBeLessThanOrEqual(outcome.collected);
      expect(outcome.collectedPerCall).toBe(Math.round(outcome.collected / outcome.calls));
    }
  });
});
