import type { AccountCommand, TimelineCommand } from '@arrears/domain';
import { policies, scheduler, type CapabilityReach } from './command-reach.fixtures';
import { accountsReach } from '../accounts/accounts.reach.fixtures';
import { billingReach } from '../billing/billing.reach.fixtures';
import { creditReach } from '../credit/credit.reach.fixtures';
import { disputesReach } from '../disputes/disputes.reach.fixtures';
import { interactionsReach } from '../interactions/interactions.reach.fixtures';
import { paymentsReach } from '../payments/payments.reach.fixtures';
import { plansReach } from '../plans/plans.reach.fixtures';
import { portalReach } from '../portal/portal.reach.fixtures';
import { promisesReach } from '../promises/promises.reach.fixtures';
import { resolutionsReach } from '../resolutions/resolutions.reach.fixtures';
import { restrictionsReach } from '../restrictions/restrictions.reach.fixtures';
import { worklistReach } from '../worklist/worklist.reach.fixtures';

/**
 * Every field of every domain command can be set from outside: through its HTTP request (sent with
 * every optional field, so the request class must accept each) or by the scheduler. A field the
 * caller does not send says where it comes from instead (`setBy`), or why no caller sets it (`notAnInput`). `now`, on every command, is the
 * clock's, stamped by AccountCommandService.handle (AccountCommandInput has no `now`).
 *
 * The table is exhaustive by type: a new command, or a new field of one, fails to compile until its
 * capability's reach fixtures list it with a way to set it.
 */
type ReachTable = CapabilityReach<AccountCommand>;

/** The scheduler's own command: no HTTP capability makes it. */
const timelineReach: CapabilityReach<TimelineCommand> = {
  AdvanceCollectionTimeline: {
    fields: {
      invoiceId: true,
      strategy: { setBy: 'COLLECTION_STRATEGIES over the built-in ones, by SchedulerSettingsInForce' },
      arm: { setBy: 'the creditor’s champion/challenger split, by strategyFor' },
      policies,
    },
    made: [scheduler([])],
  },
};

const reach: ReachTable = {
  ...accountsReach,
  ...billingReach,
  ...disputesReach,
  ...interactionsReach,
  ...paymentsReach,
  ...plansReach,
  ...promisesReach,
  ...resolutionsReach,
  ...restrictionsReach,
  ...worklistReach,
  ...timelineReach,
  ...portalReach,
  ...creditReach,
};

/** The paths of `fields` that `data` leaves unset. */
function unset(fields: object, data: unknown, path = ''): string[] {
  return Object.entries(fields).flatMap(([key, field]: [string, true | object]) => {
    const value = (data as Record<string, unknown> | undefined)?.[key];
    if (field !== true && 'notAnInput' in field) return value === undefined ? [] : [`${path}${key} (set, though no input)`];
    if (value === undefined) return [`${path}${key}`];
    if (field === true || 'setBy' in field) return [];
    const items = Array.isArray(value) ? value : [value];
    return items.length === 0 ? [`${path}${key}[]`] : items.flatMap((item) => unset(field, item, `${path}${key}.`));
  });
}

describe('every field of every domain command', () => {
  it.each(Object.entries(reach).filter(([type]) => type !== 'ErasePersonalData'))('%s: each field can be set', async (type, { fields, made }) => {
    const produced = await Promise.all(made.map(async (make) => (await make()).filter((command) => command.type === type)));
    expect(produced.length).toBeGreaterThan(0);
    for (const commands of produced) expect(commands).not.toHaveLength(0);
    const unsetByEach = produced.flat().map((command) => unset(fields, command.data));
    const unsetByAll = unsetByEach.reduce((left, unsetHere) => left.filter((path) => unsetHere.includes(path)));
    expect(unsetByAll).toEqual([]);
  });

  it('erases personal data with a command that has no fields: the erasure route sends it to each of the debtor’s accounts', () => {
    expect(reach.ErasePersonalData).toEqual({ fields: {}, made: [] });
  });
});
