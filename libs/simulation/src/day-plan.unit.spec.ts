import { decide, DomainError, evolve, initialAccountState, regulationFEverywhere, type AccountState, type ScheduledCommand } from '@arrears/domain';
import { issued, opened } from '../../domain/src/account/account.fixtures';
import { agentsQueue, expectedRecoveryPriority } from './agents';
import { traitsOf } from './behaviour';
import { billing, call, debtor, installments, reachedTheDebtor, type AccountDay } from './day-plan';
import { accountOf, addMonths, openingLines } from './opening';
import { noDay, PortfolioState } from './portfolio';

const start = '2026-01-05';
const dayOf = (index: number, day: number, date: string): AccountDay => ({
  seed: 1,
  index,
  traits: traitsOf(1, index),
  day,
  date,
  policies: regulationFEverywhere,
});

describe('the opening ledger', () => {
  const lines = (seed: number) => {
    const state = new PortfolioState(200);
    return Array.from({ length: 200 }, (_, index) => openingLines(seed, index, traitsOf(seed, index), start, state)).flat();
  };

  it('is the same for the same seed, and another for another seed', () => {
    expect(lines(1)).toEqual(lines(1));
    expect(lines(1)).not.toEqual(lines(2));
  });

  it('shares the accounts between the creditors in turn, the three named ones first', () => {
    expect([0, 1, 2, 3, 4, 5].map((index) => accountOf(index, 5))).toMatchObject([
      { accountId: 'ae-000001', creditor: { creditorId: 'acme-energy' } },
      { accountId: 'nw-000001', creditor: { creditorId: 'northwind-telecom' } },
      { accountId: 'gw-000001', creditor: { creditorId: 'globex-water' } },
      { accountId: 'c4-000001', creditor: { creditorId: 'creditor-4', timeZone: 'America/New_York' } },
      { accountId: 'c5-000001', creditor: { creditorId: 'creditor-5', timeZone: 'America/Chicago' } },
      { accountId: 'ae-000002', creditor: { creditorId: 'acme-energy' } },
    ]);
  });

  it('counts months by the calendar, to the month’s last day when it is shorter', () => {
    expect([addMonths('2026-01-31', 1), addMonths('2026-03-15', -3), addMonths('2026-01-05', 2)]).toEqual(['2026-02-28', '2025-12-15', '2026-03-05']);
  });

  it('dates every fact before the start, and after the account opened', () => {
    const opened = new Map<string | number | undefined, string>();
    for (const line of lines(1)) {
      const dated = String(line.openedOn ?? line.issuedOn ?? line.receivedOn);
      if (line.type === 'account') opened.set(line.accountId, dated);
      expect(dated < start).toBe(true);
      expect(dated >= (opened.get(line.accountId) as string)).toBe(true);
    }
  });
});

describe('a day’s plan', () => {
  it('bills an account on its billing day only, the same invoice for the same seed', () => {
    const index = 4;
    const billingDay = traitsOf(1, index).billingDay;
    const date = `2026-02-${String(billingDay).padStart(2, '0')}`;
    const [first, second] = [new PortfolioState(10), new PortfolioState(10)];
    expect(billing(dayOf(index, 30, date), first)).toEqual(billing(dayOf(index, 30, date), second));
    expect(billing(dayOf(index, 30, date), new PortfolioState(10))).toHaveLength(1);
    expect(billing(dayOf(index, 31, `2026-02-${String((billingDay % 28) + 1).padStart(2, '0')}`), new PortfolioState(10))).toEqual([]);
  });

  it('pays a promise the debtor keeps on its day, and nothing on a broken one', () => {
    const state = new PortfolioState(1);
    state.owed[0] = 50_000;
    state.promiseDay[0] = 10;
    state.promiseAmount[0] = 20_000;
    state.keepsPromise[0] = 1;
    const [payment] = debtor(dayOf(0, 10, '2026-01-15'), state);
    expect(payment).toMatchObject({ type: 'RecordPayment', data: { amount: 20_000, receivedOn: '2026-01-15' } });
    state.keepsPromise[0] = 0;
    expect(debtor(dayOf(0, 10, '2026-01-15'), state).filter((command) => command.type === 'RecordPayment')).toEqual([]);
  });

  it('pays a payment it planned only in what other payments have not paid of it', () => {
    const state = new PortfolioState(1);
    state.owed[0] = 50_000;
    state.plan(0, 12, 30_000);
    state.promiseDay[0] = 10;
    state.promiseAmount[0] = 20_000;
    state.keepsPromise[0] = 1;
    debtor(dayOf(0, 10, '2026-01-15'), state);
    expect([state.payDay[0], state.payAmount[0]]).toEqual([12, 10_000]);
    state.owed[0] = 0;
    expect(debtor(dayOf(0, 11, '2026-01-16'), state)).toEqual([]);
    // Paid up meanwhile: the rest planned is not paid into the next invoice.
    expect([state.payDay[0], state.payAmount[0]]).toEqual([noDay, 0]);
  });

  it('offers a plan whose installments sum exactly to the balance', () => {
    const parts = installments(100_001, 3, start);
    expect(parts.reduce((sum, part) => sum + part.amount, 0)).toBe(100_001);
    expect(parts.map((part) => part.dueOn)).toEqual(['2026-01-19', '2026-02-18', '2026-03-20']);
  });
});

describe('the agents’ calls', () => {
  it('go to overdue accounts, best first, and not to closed, disputed or just-called ones', () => {
    const state = new PortfolioState(5);
    state.overdue.set([10_000, 50_000, 30_000, 90_000, 70_000]);
    state.closed[3] = 1;
    state.disputedSince[4] = 2;
    state.calledDay[1] = 9;
    expect(agentsQueue(state, 10, 5)).toEqual([2, 0]);
    state.calledDay[1] = -noDay;
    expect(agentsQueue(state, 10, 1)).toEqual([1]);
  });

  it('reach the debtor only when answered or a message is left: an unanswered call moves no one to pay', () => {
    const logged = (outcome: 'right_party_contact' | 'refused_to_pay' | 'left_message' | 'no_answer' | 'not_connected'): ScheduledCommand => ({
      type: 'LogContactAttempt',
      data: { channel: 'call', direction: 'outbound', outcome, at: '2026-01-15T15:00:00Z', policies: regulationFEverywhere },
    });
    expect(
      ['right_party_contact', 'refused_to_pay', 'left_message', 'no_answer', 'not_connected'].map((outcome) => reachedTheDebtor(logged(outcome as never))),
    ).toEqual([true, true, true, false, false]);
  });

  it('go by expected recovery when asked: a smaller balance likelier to be paid before a larger one that will not be', () => {
    const state = new PortfolioState(3);
    state.overdue.set([10_000, 50_000, 30_000]);
    const propensity = Float32Array.from([0.9, 0.1, 0.5]);
    expect(agentsQueue(state, 10, 3, expectedRecoveryPriority(propensity))).toEqual([2, 0, 1]);
    expect(agentsQueue(state, 10, 3)).toEqual([1, 2, 0]);
  });

  it('are decided under the contact rules: after a conversation, the next day’s call is refused (12 CFR 1006.14(b)(2))', () => {
    const account = [opened, issued('inv-1', 50_000, '2025-12-01', '2025-12-31')].reduce<AccountState>(
      (state, event) => evolve(state, event),
      initialAccountState(),
    );
    const state = new PortfolioState(1_000);
    const reached = [...Array(1_000).keys()].find(
      (index) => (call(dayOf(index, 0, '2026-03-02'), state, '2026-03-02T17:00:00Z').call.data as { outcome?: string }).outcome === 'right_party_contact',
    );
    const first = call(dayOf(reached as number, 0, '2026-03-02'), state, '2026-03-02T17:00:00Z').call;
    const conversed = decide(at(first, '2026-03-02T17:00:00Z'), account).reduce(evolve, account);
    const next = {
      type: 'LogContactAttempt',
      data: { channel: 'call', direction: 'outbound', outcome: 'no_answer', at: '2026-03-03T17:00:00Z', policies: regulationFEverywhere },
    } as const;
    expect(() => decide(at(next, '2026-03-03T17:00:00Z'), conversed)).toThrow(DomainError);
    expect(() => decide(at(next, '2026-03-03T17:00:00Z'), conversed)).toThrow(expect.objectContaining({ code: 'RECENT_CONVERSATION' }) as Error);
  });
});

const at = (command: ScheduledCommand, now: string) => ({ ...command, now });
