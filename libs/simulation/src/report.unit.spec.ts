import type { AccountEvent } from '@arrears/domain';
import { PortfolioState } from './portfolio';
import { afterCallDays, Tally } from './report';

const paid = (amount: number): AccountEvent => ({
  type: 'PaymentReceived',
  data: { paymentId: 'pay-1', amount, currency: 'USD', receivedOn: '2026-01-10', method: 'card', allocations: [], installmentAllocations: [], credited: 0 },
});

describe('what the agents’ calls achieved', () => {
  it('counts the money received within the days after a call to the account, and all the money, per call', () => {
    const tally = new Tally(new Uint8Array(3));
    tally.called(0, 10);
    tally.called(1, 10);
    tally.events(0, [paid(5_000)], 10 + afterCallDays);
    tally.events(1, [paid(7_000)], 11 + afterCallDays);
    tally.events(2, [paid(1_000)], 12);
    const state = new PortfolioState(3);
    state.everOverdue.set([1, 1, 0]);
    state.overdue.set([0, 2_000, 0]);
    expect(tally.agents(state)).toEqual({
      calls: 2,
      collected: 13_000,
      collectedPerCall: 6_500,
      collectedAfterCalls: 5_000,
      collectedAfterCallsPerCall: 2_500,
      cureRate: 0.5,
    });
  });
});
