import { answerToCall, invoiceFate, segments, spontaneousPayment, touchedUplift, traitsOf, type AccountTraits } from './behaviour';
import { drawFor, mix } from './prng';

const portfolio = (size: number, seed = 1): AccountTraits[] => Array.from({ length: size }, (_, index) => traitsOf(seed, index));

describe('the seeded randomness', () => {
  it('draws the same numbers for the same keys, and others for other keys', () => {
    const numbers = (...keys: number[]) => Array.from({ length: 5 }, drawFor(...keys).next);
    expect(numbers(1, 2, 3)).toEqual(numbers(1, 2, 3));
    expect(numbers(1, 2, 3)).not.toEqual(numbers(1, 2, 4));
    expect(mix(1, 2)).not.toBe(mix(2, 1));
  });
});

describe('the behaviour model', () => {
  const accounts = portfolio(20_000);

  it('gives an account the same traits for the same seed, and others for another seed', () => {
    expect(portfolio(50)).toEqual(accounts.slice(0, 50));
    expect(portfolio(50, 2)).not.toEqual(accounts.slice(0, 50));
  });

  it('mixes the segments as stated: 45 % on time, 25 % late, 15 % partial, 15 % never (± 1.5 points)', () => {
    const share = (segment: string) => accounts.filter((traits) => traits.segment === segment).length / accounts.length;
    expect(Math.abs(share('on_time') - 0.45)).toBeLessThan(0.015);
    expect(Math.abs(share('late') - 0.25)).toBeLessThan(0.015);
    expect(Math.abs(share('partial') - 0.15)).toBeLessThan(0.015);
    expect(Math.abs(share('never') - 0.15)).toBeLessThan(0.015);
  });

  it('orders the segments by their propensity to pay, and bills within every month', () => {
    const mean = (segment: string) => {
      const of = accounts.filter((traits) => traits.segment === segment);
      return of.reduce((sum, traits) => sum + traits.propensity, 0) / of.length;
    };
    const means = segments.map(mean);
    expect([...means].sort((a, b) => b - a)).toEqual(means);
    const propensities = accounts.map((traits) => traits.propensity);
    const billingDays = accounts.map((traits) => traits.billingDay);
    expect([Math.min(...propensities) > 0, Math.max(...propensities) < 1]).toEqual([true, true]);
    expect([Math.min(...billingDays), Math.max(...billingDays)]).toEqual([1, 28]);
  });

  it('pays an invoice as often as the account’s propensity says, on-time payers by the due date, late payers after the grace', () => {
    let [paid, expected, outOfSegment] = [0, 0, 0];
    accounts.forEach((traits, index) => {
      const fate = invoiceFate(traits, drawFor(9, index), 10_000, 0, traits.termsDays);
      expected += traits.propensity;
      if (!fate) return;
      paid++;
      if (traits.segment === 'on_time' && fate.day > traits.termsDays) outOfSegment++;
      if (traits.segment === 'late' && fate.day <= traits.termsDays + traits.graceDays) outOfSegment++;
      if (traits.segment === 'partial' && fate.amount >= 10_000) outOfSegment++;
    });
    expect(Math.abs(paid - expected) / accounts.length).toBeLessThan(0.01);
    expect(outOfSegment).toBe(0);
  });

  it('makes a contact help the willing much more than those who do not mean to pay', () => {
    const uplift = (segment: string) => {
      const of = accounts.filter((traits) => traits.segment === segment);
      const rate = (touched: boolean) => of.filter((traits, index) => spontaneousPayment(traits, drawFor(5, index), 10_000, touched) > 0).length / of.length;
      return { gain: rate(true) - rate(false), ratio: touchedUplift(of.reduce((sum, traits) => sum + traits.propensity, 0) / of.length) };
    };
    expect(uplift('late').ratio).toBeGreaterThan(3);
    expect(uplift('never').ratio).toBeLessThan(1.1);
    expect(uplift('late').gain).toBeGreaterThan(20 * uplift('never').gain);
  });

  it('makes good payers promise more often than poor ones when reached', () => {
    const promiseRate = (segment: string) => {
      const of = accounts.filter((traits) => traits.segment === segment);
      return of.filter((traits, index) => answerToCall(traits, drawFor(3, index), 50_000).kind === 'promise').length / of.length;
    };
    expect(promiseRate('on_time')).toBeGreaterThan(promiseRate('never') + 0.3);
  });
});
