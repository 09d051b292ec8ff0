import { deciderSpecification } from '@arrears/testing';
import type { AccountEvent } from '../account/account.events';
import { evolve } from '../account/account.evolve';
import { accountDecider, command, issued, opened } from '../account/account.fixtures';
import { initialAccountState, type OpenedAccount } from '../account/account.state';
import type { IssueInvoice } from '../billing/billing.commands';
import type {
  DecideCreditApproval,
  RecordCreditReport,
  RemoveCreditLimit,
  RemoveDebtorCreditLimit,
  SetCreditLimit,
  SetDebtorCreditLimit,
} from './credit.commands';
import type { CreditLimitSet, CreditReport, CreditReportRecorded, DebtorCreditLimitSet, OverLimitPolicy } from './credit.events';
import { exposureOf, headroomOf, requireDebtorCreditLimitLifted } from './credit-limit';

const spec = deciderSpecification(accountDecider);
const now = '2026-03-01T15:00:00Z';
const limitOf = (amount: number, overLimit: OverLimitPolicy, maxTermDays: number | null = null, currency = 'USD'): CreditLimitSet => ({
  type: 'CreditLimitSet',
  data: { amount, currency, overLimit, maxTermDays },
});
/** 60.00 owed on an account whose limit is 100.00. */
const owing60 = (overLimit: OverLimitPolicy) => [opened, limitOf(10_000, overLimit), issued('inv-1', 6_000, '2026-02-01', '2026-02-28')];
const issue = (amount: number, currency = 'USD', dueOn = '2026-03-31') =>
  command<IssueInvoice>('IssueInvoice', { invoiceId: 'inv-2', amount, currency, issuedOn: '2026-03-01', dueOn }, now);
const issuedInv2 = (amount: number) => issued('inv-2', amount, '2026-03-01', '2026-03-31');
const fold = (events: AccountEvent[]) => events.reduce(evolve, initialAccountState()) as OpenedAccount;

describe('SetCreditLimit', () => {
  const set = (data: Partial<SetCreditLimit['data']>) =>
    command<SetCreditLimit>('SetCreditLimit', { amount: 10_000, currency: 'USD', overLimit: 'refuse', ...data }, now);
  it('records the policy, terms left open unless given', () => {
    spec
      .given([opened])
      .when(set({}))
      .then([limitOf(10_000, 'refuse')]);
    spec
      .given([opened])
      .when(set({ overLimit: 'approve', maxTermDays: 30 }))
      .then([limitOf(10_000, 'approve', 30)]);
  });
  it('refuses a limit of nothing, below nothing, fractional or past 2^53', () => {
    for (const amount of [0, -1, 1.5, 2 ** 53]) spec.given([opened]).when(set({ amount })).thenThrows('INVALID_AMOUNT');
  });
  it('is set in the account’s currency once one is fixed', () => {
    spec
      .given([opened, issued('inv-1', 100, '2026-02-01', '2026-02-28')])
      .when(set({ currency: 'EUR' }))
      .thenThrows('CURRENCY_MISMATCH');
    spec
      .given([opened])
      .when(set({ currency: 'XXX1' }))
      .thenThrows('UNKNOWN_CURRENCY');
  });
  it('refuses an unknown policy and terms that are not whole days', () => {
    spec
      .given([opened])
      .when(set({ overLimit: 'ignore' as OverLimitPolicy }))
      .thenThrows('INVALID_CREDIT_POLICY', { field: 'overLimit' });
    for (const maxTermDays of [-1, 1.5, 3651]) spec.given([opened]).when(set({ maxTermDays })).thenThrows('INVALID_CREDIT_POLICY', { field: 'maxTermDays' });
  });
});

describe('IssueInvoice under a credit limit', () => {
  it('passes without a limit, however much is owed', () => {
    spec
      .given([opened])
      .when(issue(Number.MAX_SAFE_INTEGER))
      .then([issuedInv2(Number.MAX_SAFE_INTEGER)]);
  });
  it('passes exactly at the limit, under every policy', () => {
    for (const policy of ['refuse', 'warn', 'approve'] as const)
      spec
        .given(owing60(policy))
        .when(issue(4_000))
        .then([issuedInv2(4_000)]);
  });
  it('refuses one minor unit over under `refuse`, naming the limit, the exposure and the headroom', () => {
    spec
      .given(owing60('refuse'))
      .when(issue(4_001))
      .thenThrows('CREDIT_LIMIT_EXCEEDED', { limit: 10_000, exposure: 6_000, headroom: 4_000, amount: 4_001, currency: 'USD' });
  });
  it('accepts one minor unit over with a warning under `warn`', () => {
    spec
      .given(owing60('warn'))
      .when(issue(4_001))
      .then([
        issuedInv2(4_001),
        { type: 'CreditLimitExceeded', data: { invoiceId: 'inv-2', limit: 10_000, exposure: 10_001, currency: 'USD', overLimit: 'warn' } },
      ]);
  });
  it('accepts and flags for a supervisor under `approve`', () => {
    const exceeded: AccountEvent = {
      type: 'CreditLimitExceeded',
      data: { invoiceId: 'inv-2', limit: 10_000, exposure: 10_001, currency: 'USD', overLimit: 'approve' },
    };
    spec
      .given(owing60('approve'))
      .when(issue(4_001))
      .then([issuedInv2(4_001), exceeded]);
    expect(fold([...owing60('approve'), issuedInv2(4_001), exceeded]).creditApprovals).toEqual({
      'inv-2': { invoiceId: 'inv-2', limit: 10_000, exposure: 10_001, currency: 'USD' },
    });
  });
  it('counts late fees and payments in the exposure, and the credit an invoice takes off it', () => {
    const fee: AccountEvent = {
      type: 'LateFeeAssessed',
      data: { invoiceId: 'inv-1', amount: 100, currency: 'USD', assessedOn: '2026-03-01', rule: { type: 'flat', amount: 100 } },
    };
    spec
      .given([...owing60('refuse'), fee])
      .when(issue(3_901))
      .thenThrows('CREDIT_LIMIT_EXCEEDED', { exposure: 6_100, headroom: 3_900 });
    const overpaid: AccountEvent = {
      type: 'PaymentReceived',
      data: {
        paymentId: 'p-1',
        amount: 7_000,
        currency: 'USD',
        receivedOn: '2026-03-01',
        method: 'bank_transfer',
        allocations: [{ invoiceId: 'inv-1', amount: 6_000 }],
        installmentAllocations: [],
        credited: 1_000,
      },
    };
    // Nothing owed and 10.00 of credit: an invoice of 110.00 adds 100.00, exactly the limit.
    spec
      .given([...owing60('refuse'), overpaid])
      .when(issue(11_000))
      .then([issuedInv2(11_000), { type: 'CreditApplied', data: { invoiceId: 'inv-2', amount: 1_000, currency: 'USD' } }]);
  });
  it('refuses an invoice in another currency than the limit’s', () => {
    spec
      .given([opened, limitOf(10_000, 'warn', null, 'EUR')])
      .when(issue(1))
      .thenThrows('CREDIT_LIMIT_CURRENCY_MISMATCH', { limitCurrency: 'EUR', currency: 'USD' });
  });
  it('refuses terms longer than the policy allows, and takes them up to it', () => {
    spec
      .given([opened, limitOf(10_000, 'warn', 30)])
      .when(issue(1, 'USD', '2026-04-01'))
      .thenThrows('TERMS_TOO_LONG', { maxTermDays: 30, termDays: 31 });
    spec
      .given([opened, limitOf(10_000, 'warn', 30)])
      .when(issue(1, 'USD', '2026-03-31'))
      .then([issued('inv-2', 1, '2026-03-01', '2026-03-31')]);
  });
  it('shows exposure and headroom, negative past the limit, none without a limit', () => {
    expect(exposureOf(fold(owing60('warn')))).toBe(6_000);
    expect(headroomOf(fold(owing60('warn')))).toBe(4_000);
    expect(headroomOf(fold([...owing60('warn'), issuedInv2(4_001)]))).toBe(-1);
    expect(headroomOf(fold([opened]))).toBeNull();
  });
});

describe('RemoveCreditLimit', () => {
  const remove = command<RemoveCreditLimit>('RemoveCreditLimit', {}, now);
  const removed: AccountEvent = { type: 'CreditLimitRemoved', data: {} };
  const exceeded: AccountEvent = {
    type: 'CreditLimitExceeded',
    data: { invoiceId: 'inv-2', limit: 10_000, exposure: 10_001, currency: 'USD', overLimit: 'approve' },
  };
  it('lifts the policy: invoices past the old limit and terms are no longer checked', () => {
    spec.given(owing60('refuse')).when(remove).then([removed]);
    spec
      .given([...owing60('refuse'), removed])
      .when(issue(4_001))
      .then([issuedInv2(4_001)]);
    spec
      .given([opened, limitOf(10_000, 'refuse', 30), removed])
      .when(issue(10_001, 'USD', '2026-04-30'))
      .then([issued('inv-2', 10_001, '2026-03-01', '2026-04-30')]);
    expect(headroomOf(fold([...owing60('refuse'), removed]))).toBeNull();
  });
  it('refuses when no limit is set, or it was removed already', () => {
    spec.given([opened]).when(remove).thenThrows('NO_CREDIT_LIMIT');
    spec
      .given([...owing60('warn'), removed])
      .when(remove)
      .thenThrows('NO_CREDIT_LIMIT');
  });
  it('leaves invoices waiting for approval waiting, for a supervisor to decide', () => {
    const flagged = [...owing60('approve'), issuedInv2(4_001), exceeded, removed];
    expect(fold(flagged).creditApprovals).toEqual({ 'inv-2': { invoiceId: 'inv-2', limit: 10_000, exposure: 10_001, currency: 'USD' } });
    spec
      .given(flagged)
      .when(command<DecideCreditApproval>('DecideCreditApproval', { invoiceId: 'inv-2', decision: 'approved' }, now))
      .then([{ type: 'CreditApprovalDecided', data: { invoiceId: 'inv-2', decision: 'approved', note: null } }]);
  });
  it('can be set again after', () => {
    spec
      .given([...owing60('warn'), removed])
      .when(command<SetCreditLimit>('SetCreditLimit', { amount: 5_000, currency: 'USD', overLimit: 'refuse' }, now))
      .then([limitOf(5_000, 'refuse')]);
  });
});

describe('the debtor’s limit across their accounts', () => {
  const debtorLimit = (amount: number, overLimit: OverLimitPolicy, currency = 'USD'): DebtorCreditLimitSet => ({
    type: 'DebtorCreditLimitSet',
    data: { amount, currency, overLimit },
  });
  /** 60.00 owed here, 100.00 on the debtor's other accounts, under a debtor limit of 200.00. */
  const owing160 = (overLimit: OverLimitPolicy) => [opened, debtorLimit(20_000, overLimit), issued('inv-1', 6_000, '2026-02-01', '2026-02-28')];
  const issueWithOthers = (amount: number, otherAccountsExposure?: number, currency = 'USD') =>
    command<IssueInvoice>(
      'IssueInvoice',
      {
        invoiceId: 'inv-2',
        amount,
        currency,
        issuedOn: '2026-03-01',
        dueOn: '2026-03-31',
        ...(otherAccountsExposure !== undefined && { otherAccountsExposure }),
      },
      now,
    );
  const set = (data: Partial<SetDebtorCreditLimit['data']>) =>
    command<SetDebtorCreditLimit>('SetDebtorCreditLimit', { amount: 20_000, currency: 'USD', overLimit: 'refuse', ...data }, now);

  it('is recorded on the account, in any currency, and refuses a limit of nothing, an unknown currency or policy', () => {
    spec
      .given([opened])
      .when(set({}))
      .then([debtorLimit(20_000, 'refuse')]);
    spec
      .given([opened, issued('inv-1', 100, '2026-02-01', '2026-02-28')])
      .when(set({ currency: 'EUR' }))
      .then([debtorLimit(20_000, 'refuse', 'EUR')]);
    for (const amount of [0, -1, 1.5, 2 ** 53]) spec.given([opened]).when(set({ amount })).thenThrows('INVALID_AMOUNT');
    spec
      .given([opened])
      .when(set({ currency: 'XXX1' }))
      .thenThrows('UNKNOWN_CURRENCY', { field: 'currency' });
    spec
      .given([opened])
      .when(set({ overLimit: 'ignore' as OverLimitPolicy }))
      .thenThrows('INVALID_CREDIT_POLICY', { field: 'overLimit' });
    expect(fold([opened, debtorLimit(20_000, 'warn')]).debtorCreditLimit).toEqual({ amount: 20_000, currency: 'USD', overLimit: 'warn' });
  });

  it('passes exactly at the debtor’s limit, counting the other accounts, under every policy', () => {
    for (const policy of ['refuse', 'warn', 'approve'] as const)
      spec
        .given(owing160(policy))
        .when(issueWithOthers(4_000, 10_000))
        .then([issuedInv2(4_000)]);
  });

  it('refuses one minor unit over under `refuse`, naming the debtor’s limit, exposure and headroom', () => {
    spec.given(owing160('refuse')).when(issueWithOthers(4_001, 10_000)).thenThrows('DEBTOR_CREDIT_LIMIT_EXCEEDED', {
      scope: 'debtor',
      limit: 20_000,
      exposure: 16_000,
      headroom: 4_000,
      amount: 4_001,
      currency: 'USD',
      otherAccountsExposure: 10_000,
    });
  });

  it('refuses an invoice that would take the debtor’s total past 2^53 − 1 minor units, which no sum can hold exactly', () => {
    const others = Number.MAX_SAFE_INTEGER - 6_000 - 4_000;
    spec
      .given(owing160('warn'))
      .when(issueWithOthers(4_000, others))
      .then([issuedInv2(4_000), expect.objectContaining({ type: 'CreditLimitExceeded' }) as AccountEvent]);
    spec.given(owing160('warn')).when(issueWithOthers(4_001, others)).thenThrows('AMOUNT_TOO_LARGE', { field: 'amount' });
  });

  it('accepts one minor unit over with a warning, or flagged for approval, naming the debtor’s figures', () => {
    for (const overLimit of ['warn', 'approve'] as const)
      spec
        .given(owing160(overLimit))
        .when(issueWithOthers(4_001, 10_000))
        .then([
          issuedInv2(4_001),
          { type: 'CreditLimitExceeded', data: { invoiceId: 'inv-2', limit: 20_000, exposure: 20_001, currency: 'USD', overLimit, scope: 'debtor' } },
        ]);
  });

  it('counts the account alone when nothing is known of the others', () => {
    spec
      .given(owing160('refuse'))
      .when(issueWithOthers(14_000))
      .then([issuedInv2(14_000)]);
    spec.given(owing160('refuse')).when(issueWithOthers(14_001)).thenThrows('DEBTOR_CREDIT_LIMIT_EXCEEDED', { exposure: 6_000, headroom: 14_000 });
  });

  it('checks the account’s own limit first, then the debtor’s, each by the same rule', () => {
    const both = [opened, limitOf(10_000, 'refuse'), debtorLimit(20_000, 'warn'), issued('inv-1', 6_000, '2026-02-01', '2026-02-28')];
    spec.given(both).when(issueWithOthers(4_001, 10_000)).thenThrows('CREDIT_LIMIT_EXCEEDED', { limit: 10_000 });
    spec
      .given(both)
      .when(issueWithOthers(4_000, 10_001))
      .then([
        issuedInv2(4_000),
        { type: 'CreditLimitExceeded', data: { invoiceId: 'inv-2', limit: 20_000, exposure: 20_001, currency: 'USD', overLimit: 'warn', scope: 'debtor' } },
      ]);
  });

  it('refuses an invoice in another currency than the debtor’s limit', () => {
    spec
      .given([opened, debtorLimit(20_000, 'warn', 'EUR')])
      .when(issueWithOthers(1, 0))
      .thenThrows('CREDIT_LIMIT_CURRENCY_MISMATCH', { scope: 'debtor', limitCurrency: 'EUR', currency: 'USD' });
  });

  describe('RemoveDebtorCreditLimit', () => {
    const remove = command<RemoveDebtorCreditLimit>('RemoveDebtorCreditLimit', {}, now);
    const removed: AccountEvent = { type: 'DebtorCreditLimitRemoved', data: {} };

    it('lifts the debtor’s policy: what the debtor owes elsewhere no longer stops an invoice, in any currency', () => {
      spec.given(owing160('refuse')).when(remove).then([removed]);
      spec
        .given([...owing160('refuse'), removed])
        .when(issueWithOthers(1_000_000, 10_000))
        .then([issuedInv2(1_000_000)]);
      spec
        .given([opened, debtorLimit(20_000, 'warn', 'EUR'), removed])
        .when(issueWithOthers(1, 0))
        .then([issued('inv-2', 1, '2026-03-01', '2026-03-31')]);
      expect(fold([...owing160('refuse'), removed]).debtorCreditLimit).toBeUndefined();
    });

    it('leaves the account’s own limit in force', () => {
      const both = [opened, limitOf(10_000, 'refuse'), debtorLimit(20_000, 'warn'), issued('inv-1', 6_000, '2026-02-01', '2026-02-28'), removed];
      spec.given(both).when(issueWithOthers(4_001, 10_000)).thenThrows('CREDIT_LIMIT_EXCEEDED', { limit: 10_000 });
      spec
        .given(both)
        .when(issueWithOthers(4_000, 10_001))
        .then([issuedInv2(4_000)]);
    });

    it('changes nothing on an account that does not hold the limit, or whose limit was removed already: another of the debtor’s may hold it', () => {
      spec.given([opened]).when(remove).then([]);
      spec
        .given([...owing160('warn'), removed])
        .when(remove)
        .then([]);
    });

    it('must lift the limit from one of the debtor’s accounts at least', () => {
      expect(() => {
        requireDebtorCreditLimitLifted(0);
      }).toThrow(expect.objectContaining({ code: 'NO_DEBTOR_CREDIT_LIMIT' }));
      expect(() => {
        requireDebtorCreditLimitLifted(1);
      }).not.toThrow();
    });

    it('refuses on a closed account', () => {
      spec
        .given([opened, debtorLimit(20_000, 'warn'), { type: 'AccountClosed', data: { closedOn: '2026-02-28' } }])
        .when(remove)
        .thenThrows('ACCOUNT_CLOSED');
    });

    it('can be set again after', () => {
      spec
        .given([...owing160('warn'), removed])
        .when(set({ amount: 5_000 }))
        .then([debtorLimit(5_000, 'refuse')]);
    });
  });
});

describe('DecideCreditApproval', () => {
  const flagged: AccountEvent[] = [
    ...owing60('approve'),
    issuedInv2(4_001),
    { type: 'CreditLimitExceeded', data: { invoiceId: 'inv-2', limit: 10_000, exposure: 10_001, currency: 'USD', overLimit: 'approve' } },
  ];
  const decide = (decision: 'approved' | 'declined', note?: string) =>
    command<DecideCreditApproval>('DecideCreditApproval', { invoiceId: 'inv-2', decision, ...(note !== undefined && { note }) }, now);
  it('records the decision and lifts the flag', () => {
    const decided: AccountEvent = { type: 'CreditApprovalDecided', data: { invoiceId: 'inv-2', decision: 'approved', note: 'long-standing customer' } };
    spec.given(flagged).when(decide('approved', ' long-standing customer ')).then([decided]);
    expect(fold([...flagged, decided]).creditApprovals).toEqual({});
    spec
      .given([...flagged, decided])
      .when(decide('declined'))
      .thenThrows('NO_CREDIT_APPROVAL_PENDING');
  });
  it('refuses an invoice that is not flagged', () => {
    spec.given(owing60('approve')).when(decide('declined')).thenThrows('NO_CREDIT_APPROVAL_PENDING', { invoiceId: 'inv-2' });
  });
});

describe('RecordCreditReport', () => {
  const report: CreditReport = {
    bureau: 'Experian',
    score: 640,
    scaleMin: 300,
    scaleMax: 850,
    reportedOn: '2026-02-20',
    reasonCodes: ['D1', '14'],
    source: 'submitted',
  };
  const record = (data: Partial<CreditReport>) => command<RecordCreditReport>('RecordCreditReport', { ...report, ...data }, now);
  const recorded = (data: Partial<CreditReport> = {}): CreditReportRecorded => ({ type: 'CreditReportRecorded', data: { ...report, ...data } });
  it('records a report as a fact', () => {
    spec.given([opened]).when(record({})).then([recorded()]);
    spec
      .given([opened])
      .when(record({ score: 300, reportedOn: '2026-03-01' }))
      .then([recorded({ score: 300, reportedOn: '2026-03-01' })]);
    spec
      .given([opened])
      .when(record({ score: 850 }))
      .then([recorded({ score: 850 })]);
  });
  it('refuses a score off the scale, a scale upside down, numbers that are not whole or safe, a date ahead', () => {
    const refused: [Partial<CreditReport>, string][] = [
      [{ score: 299 }, 'score'],
      [{ score: 851 }, 'score'],
      [{ scaleMin: 850, scaleMax: 850 }, 'scaleMax'],
      [{ scaleMin: 900 }, 'scaleMax'],
      [{ score: 640.5 }, 'score'],
      [{ scaleMax: 2 ** 53 }, 'scaleMax'],
      [{ reportedOn: '2026-03-02' }, 'reportedOn'],
      [{ reportedOn: '2026-02-30' }, 'reportedOn'],
      [{ bureau: '  ' }, 'bureau'],
      [{ reasonCodes: ['D1\u0000'] }, 'reasonCodes'],
    ];
    for (const [data, field] of refused) spec.given([opened]).when(record(data)).thenThrows('INVALID_CREDIT_REPORT', { field });
  });
  it('keeps the latest report by its date: a late older one does not replace it', () => {
    const newer = recorded({ score: 700, reportedOn: '2026-02-25' });
    const older = recorded({ score: 500, reportedOn: '2026-01-10' });
    expect(fold([opened, newer, older]).latestCreditReport).toEqual({ bureau: 'Experian', score: 700, scaleMin: 300, scaleMax: 850, reportedOn: '2026-02-25' });
    expect(fold([opened, older, newer]).latestCreditReport?.score).toBe(700);
    expect(fold([opened, newer, recorded({ score: 710, reportedOn: '2026-02-25' })]).latestCreditReport?.score).toBe(710);
  });
  it('forgets the score when the debtor’s personal data is erased, and reads no erased report', () => {
    const erased: AccountEvent = { type: 'PersonalDataErased', data: { debtorReference: 'D-100', erasedOn: '2026-03-01' } };
    expect(fold([opened, recorded(), erased]).latestCreditReport).toBeUndefined();
    const { bureau, scaleMin, scaleMax, reportedOn, source } = report;
    const unreadable: AccountEvent = { type: 'CreditReportRecorded', data: { bureau, scaleMin, scaleMax, reportedOn, source, erased: true } };
    expect(fold([opened, unreadable]).latestCreditReport).toBeUndefined();
  });
  it('records no report once the debtor’s personal data is erased: a score is about the person', () => {
    const erased: AccountEvent = { type: 'PersonalDataErased', data: { debtorReference: 'D-100', erasedOn: '2026-03-01' } };
    spec.given([opened, recorded(), erased]).when(record({})).thenThrows('PERSONAL_DATA_ERASED');
  });
});
