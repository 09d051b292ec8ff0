import {
  addDays,
  defaultTimelines,
  dueWork,
  evolve,
  initialAccountState,
  regulationFEverywhere,
  type AccountState,
  type OpenedAccount,
  type SchedulerSettings,
} from '@arrears/domain';
import { omittedPaths, withoutPaths } from '@arrears/read-store';
import { everyEventHistory } from '../../../domain/src/account/every-event.fixtures';
import { unreadBySweep } from './timeline-scheduler';

const settings: SchedulerSettings = { timelines: defaultTimelines, policies: regulationFEverywhere, installmentGraceDays: 3, planBreakAfter: 2 };

/** The account as the sweep reads it: without the account's fields it leaves out. */
const asSwept = (account: OpenedAccount): OpenedAccount => withoutPaths({ account }, omittedPaths(unreadBySweep)).account;

describe('what the sweep reads of an account', () => {
  it('leaves out only what its work never depends on: the same commands are due without it, after every event type, on every day', () => {
    let state: AccountState = initialAccountState();
    everyEventHistory.forEach((event, i) => {
      state = evolve(state, event);
      if (state.status === 'unopened') return;
      const account = state;
      const swept = asSwept(account);
      expect(swept).not.toHaveProperty('payments');
      for (let day = 0; day < 400; day += 3) {
        const today = addDays('2026-01-01', i + day);
        expect(dueWork(swept, today, settings)).toStrictEqual(dueWork(account, today, settings));
      }
    });
  });
});
