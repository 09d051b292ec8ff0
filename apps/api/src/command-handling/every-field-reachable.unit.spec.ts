import type { AccountCommandInput } from '@arrears/commands';
import type { AccountCommand } from '@arrears/domain';
import { config, contactPolicies, debtor, payment, plan, promise, settlement, terms, viaHttp, viaScheduler } from './command-producers.fixtures';

/**
 * Every field of every domain command can be set from outside: through its HTTP request (sent with
 * every optional field, so the request class must accept each) or by the scheduler. A field the
 * caller does not send says where it comes from instead (`setBy`), or why no caller sets it (`notAnInput`). `now`, on every command, is the
 * clock's, stamped by AccountCommandService.handle (AccountCommandInput has no `now`).
 *
 * The table is exhaustive by type: a new command, or a new field of one, fails to compile until it is
 * listed here with a way to set it.
 */
type Scalar = string | number | boolean;
interface SetElsewhere {
  setBy: string;
}
/** A field of a shared domain type that is no caller's to set (checked to stay unset). */
interface NotAnInput {
  notAnInput: string;
}
type Fields<Data> = { [Key in keyof Data]-?: Field<NonNullable<Data[Key]>> | SetElsewhere | NotAnInput };
type Field<Value> = Value extends Scalar ? true : Value extends readonly (infer Item)[] ? (Item extends Scalar ? true : Fields<Item>) : Fields<Value>;

interface Reach<Command extends AccountCommand> {
  fields: Fields<Command['data']>;
  /** Each way of making the command; together they set every field. */
  made: (() => Promise<AccountCommandInput[]> | AccountCommandInput[])[];
}
type ReachTable = { [Command in AccountCommand as Command['type']]: Reach<Command> };

const policies = { setBy: 'CONTACT_POLICIES, by ContactPoliciesInForce' };
const http = (route: string, body?: object, params?: Record<string, string>) => async () => [await viaHttp(route, body, params)];
const scheduler = (setup: AccountCommandInput[]) => () => viaScheduler(setup, '2026-06-01');
const reach: ReachTable = {
  OpenAccount: {
    fields: { accountId: true, creditorId: true, debtor: {
        reference: true,
        name: true,
        timeZone: true,
        otherTimeZones: true,
        email: true,
        phone: true,
        address: { lines: true, city: true, region: true, postalCode: true, country: true },
        personalDataErased: { notAnInput: 'the mark an erased debtor carries in events and state (Debtor is shared); ErasePersonalData sets it' },
      },
    },
    made: [http('POST /accounts', { accountId: 'acc-1', creditorId: 'cred-1', debtor })],
  },
  IssueInvoice: {
    fields: { invoiceId: true, amount: true, currency: true, issuedOn: true, dueOn: true, terms: { graceDays: true, lateFee: { type: true, amount: true }, earlyPaymentDiscount: { percent: true, withinDays: true } } },
    made: [http('POST /accounts/:accountId/invoices', { invoiceId: 'inv-1', amount: 10_000, currency: 'USD', issuedOn: '2026-01-01', dueOn: '2026-01-31', terms })],
  },
  RecordPayment: {
    fields: { paymentId: true, amount: true, currency: true, receivedOn: true, method: true, agencyId: true },
    made: [http('POST /accounts/:accountId/payments', payment)],
  },
  MarkPaymentMissed: { fields: { invoiceId: true }, made: [http('POST /accounts/:accountId/invoices/:invoiceId/missed', undefined, { invoiceId: 'inv-1' })] },
  AssessLateFee: { fields: { invoiceId: true }, made: [http('POST /accounts/:accountId/invoices/:invoiceId/late-fee', undefined, { invoiceId: 'inv-1' })] },
  AgreePlan: {
    fields: { planId: true, currency: true, installments: { dueOn: true, amount: true }, invoiceIds: true },
    made: [http('POST /accounts/:accountId/plans', plan)],
  },
  CloseAccount: { fields: { reason: true }, made: [http('POST /accounts/:accountId/close', { reason: 'Paid in full' })] },
  ErasePersonalData: { fields: {}, made: [] },
  ClaimAccount: {
    fields: { agentId: true, minutes: true },
    made: [http('POST /worklist/:accountId/claim', { agentId: 'agent-7', minutes: 45 })],
  },
  ReleaseAccountClaim: { fields: { agentId: true }, made: [http('POST /worklist/:accountId/release', { agentId: 'agent-7' })] },
  LogContactAttempt: {
    fields: { channel: true, direction: true, outcome: true, at: true, policies },
    made: [http('POST /accounts/:accountId/contacts', { channel: 'call', direction: 'outbound', outcome: 'no_answer', at: '2026-01-05T15:00:00Z' })],
  },
  AddNote: { fields: { text: true }, made: [http('POST /accounts/:accountId/notes', { text: 'Called back later' })] },
  AssignAgent: { fields: { agentId: true }, made: [http('POST /accounts/:accountId/assign', { agentId: 'agent-7' })] },
  RecordPromiseToPay: {
    fields: { promiseId: true, amount: true, currency: true, dueOn: true, graceDays: { setBy: 'PROMISE_GRACE_DAYS (config.promiseGraceDays)' } },
    made: [http('POST /accounts/:accountId/promises', promise)],
  },
  ResolvePromise: { fields: { promiseId: true }, made: [scheduler([{ type: 'RecordPromiseToPay', data: { ...promise, graceDays: config.promiseGraceDays } }])] },
  MarkInstallmentMissed: {
    fields: { planId: true, installment: true, graceDays: { setBy: 'INSTALLMENT_GRACE_DAYS, by the scheduler' }, breakAfter: { setBy: 'PLAN_BREAK_AFTER_MISSED, by the scheduler' } },
    made: [scheduler([{ type: 'AgreePlan', data: plan }])],
  },
  ExtendDeadline: {
    fields: { planId: true, installment: true, dueOn: true },
    made: [http('POST /accounts/:accountId/plans/:planId/installments/:installment/extend', { dueOn: '2026-03-01' }, { planId: 'plan-1', installment: '1' })],
  },
  RaiseDispute: {
    fields: { disputeId: true, invoiceId: true, reason: true },
    made: [http('POST /accounts/:accountId/disputes', { disputeId: 'dispute-1', invoiceId: 'inv-1', reason: 'Never ordered' })],
  },
  ResolveDispute: {
    fields: { disputeId: true, outcome: true },
    made: [http('POST /accounts/:accountId/disputes/:disputeId/resolve', { outcome: 'upheld' }, { disputeId: 'dispute-1' })],
  },
  RequestCeaseCommunication: { fields: {}, made: [http('POST /accounts/:accountId/cease')] },
  BlockChannel: { fields: { channel: true }, made: [http('POST /accounts/:accountId/channels/:channel/block', undefined, { channel: 'sms' })] },
  UnblockChannel: { fields: { channel: true }, made: [http('POST /accounts/:accountId/channels/:channel/unblock', undefined, { channel: 'sms' })] },
  FlagHardship: { fields: { note: true }, made: [http('POST /accounts/:accountId/hardship', { note: 'Lost job' })] },
  PlaceHold: {
    fields: { holdId: true, reason: true, until: true },
    made: [http('POST /accounts/:accountId/holds', { holdId: 'hold-1', reason: 'Bereavement', until: '2026-01-20' })],
  },
  ReleaseHold: {
    fields: { holdId: true, expired: true },
    made: [
      http('POST /accounts/:accountId/holds/:holdId/release', undefined, { holdId: 'hold-1' }),
      scheduler([{ type: 'PlaceHold', data: { holdId: 'hold-1', reason: 'Bereavement', until: '2026-01-20' } }]),
    ],
  },
  AgreeSettlement: {
    fields: { settlementId: true, amount: true, currency: true, dueOn: true },
    made: [http('POST /accounts/:accountId/settlements', settlement)],
  },
  LapseSettlement: { fields: { settlementId: true }, made: [scheduler([{ type: 'AgreeSettlement', data: settlement }])] },
  WriteOff: { fields: { reason: true }, made: [http('POST /accounts/:accountId/write-off', { reason: 'Uncollectable' })] },
  PlaceWithAgency: { fields: { agencyId: true }, made: [http('POST /accounts/:accountId/agency-placements', { agencyId: 'agency-1' })] },
  RecallFromAgency: { fields: {}, made: [http('POST /accounts/:accountId/agency-placements/recall')] },
  EscalateToLegal: { fields: { reason: true }, made: [http('POST /accounts/:accountId/legal-escalations', { reason: 'Assets found' })] },
  SendValidationNotice: {
    fields: { channel: true, policies },
    made: [
      http('POST /accounts/:accountId/validation-notice', { channel: 'letter' }),
      scheduler([{ type: 'LogContactAttempt', data: { channel: 'call', direction: 'inbound', outcome: 'right_party_contact', policies: contactPolicies } }]),
    ],
  },
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

/** The paths of `fields` that `data` leaves unset. */
function unset(fields: object, data: unknown, path = ''): string[] {
  return Object.entries(fields).flatMap(([key, field]: [string, unknown]) => {
    const value = (data as Record<string, unknown> | undefined)?.[key];
    if ((field as NotAnInput).notAnInput !== undefined) return value === undefined ? [] : [`${path}${key} (set, though no input)`];
    if (value === undefined) return [`${path}${key}`];
    if (field === true || (field as SetElsewhere).setBy !== undefined) return [];
    const items = Array.isArray(value) ? value : [value];
    return items.length === 0 ? [`${path}${key}[]`] : items.flatMap((item) => unset(field as object, item, `${path}${key}.`));
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
