import { deciderSpecification } from '@arrears/testing';
import { evolve } from '../account/account.evolve';
import { initialAccountState, type AccountState, type OpenedAccount } from '../account/account.state';
import type { AccountEvent } from '../account/account.events';
import { accountDecider, command, issued, opened, paymentReceived } from '../account/account.fixtures';
import type { AssignAgent, ChangeDebtorContactDetails, CloseAccount, ErasePersonalData, OpenAccount } from './accounts.commands';
import { isEmailAddress, type DebtorContactChanges } from './debtor';

const spec = deciderSpecification(accountDecider);
const { debtor } = opened.data;
const open = (timeZone = 'America/New_York', openedOn?: string) =>
  command<OpenAccount>('OpenAccount', { accountId: 'acc-1', creditorId: 'cred-1', debtor: { ...debtor, timeZone }, ...(openedOn && { openedOn }) });
const openedOn = (date: string): AccountEvent => ({ ...opened, data: { ...opened.data, openedOn: date } });
const close = (reason?: string) => command<CloseAccount>('CloseAccount', reason ? { reason } : {});

describe('OpenAccount', () => {
  it('opens a new account, on the debtor’s today when no opening date is given', () => {
    spec
      .given([])
      .when(open())
      .then([openedOn('2026-03-01')]);
  });
  it('opens an account on an earlier business date: a ledger brought in from elsewhere', () => {
    spec
      .given([])
      .when(open('America/New_York', '2024-06-30'))
      .then([openedOn('2024-06-30')]);
  });
  it('refuses an opening date after the debtor’s today', () => {
    spec.given([]).when(open('America/New_York', '2026-03-02')).thenThrows('OPENED_IN_FUTURE', { field: 'openedOn', today: '2026-03-01' });
  });
  it('refuses an opening date that is no calendar date', () => {
    spec.given([]).when(open('America/New_York', '2026-02-30')).thenThrows('INVALID_DATE', { field: 'openedOn' });
  });
  it('refuses to open an account twice', () => {
    spec.given([opened]).when(open()).thenThrows('ACCOUNT_ALREADY_EXISTS');
  });
  it('refuses a time zone that does not exist', () => {
    spec.given([]).when(open('Mars/Olympus_Mons')).thenThrows('INVALID_TIME_ZONE');
  });
  it('takes one e-mail address and an E.164 phone number, on every path: a list would reach a third party', () => {
    const reachedAt = (contact: Partial<typeof debtor>) =>
      command<OpenAccount>('OpenAccount', { accountId: 'acc-1', creditorId: 'cred-1', debtor: { ...debtor, ...contact }, openedOn: '2026-03-01' });
    for (const email of [
      'ada@example.com, hr@employer.example',
      'Ada <ada@example.com>',
      'ada@example.com;hr@x.io',
      'ada @example.com',
      'ada@example',
      '@example.com',
      `${'a'.repeat(65)}@example.com`,
    ])
      spec.given([]).when(reachedAt({ email })).thenThrows('INVALID_EMAIL', { field: 'email' });
    for (const phone of ['555-0100', '+0123456789', '+15550100 ', '+1 555 0100', `+1${'5'.repeat(15)}`])
      spec.given([]).when(reachedAt({ phone })).thenThrows('INVALID_PHONE', { field: 'phone' });
    expect(isEmailAddress("o'neil+collections@mail.example.co.uk")).toBe(true);
    expect(isEmailAddress(`${'a'.repeat(64)}@example.com`)).toBe(true);
  });
  it('takes the debtor’s language as a two-letter code, the key templates are chosen by', () => {
    const inLanguage = (language: string) =>
      command<OpenAccount>('OpenAccount', { accountId: 'acc-1', creditorId: 'cred-1', debtor: { ...debtor, language }, openedOn: '2026-03-01' });
    spec.given([]).when(inLanguage('Spanish')).thenThrows('INVALID_LANGUAGE', { field: 'language' });
    spec.given([]).when(inLanguage('ES')).thenThrows('INVALID_LANGUAGE', { field: 'language' });
    spec
      .given([])
      .when(inLanguage('es'))
      .then([{ type: 'AccountOpened', data: { accountId: 'acc-1', creditorId: 'cred-1', debtor: { ...debtor, language: 'es' }, openedOn: '2026-03-01' } }]);
  });
  it('takes the debtor’s credit limit with the creditor, when their other accounts carry one, from its first events', () => {
    const limit = { amount: 10_000, currency: 'USD', overLimit: 'refuse' as const };
    const withLimit = (debtorCreditLimit: typeof limit) =>
      command<OpenAccount>('OpenAccount', { accountId: 'acc-1', creditorId: 'cred-1', debtor, openedOn: '2026-03-01', debtorCreditLimit });
    spec
      .given([])
      .when(withLimit(limit))
      .then([openedOn('2026-03-01'), { type: 'DebtorCreditLimitSet', data: limit }]);
    spec
      .given([])
      .when(withLimit({ ...limit, amount: 0 }))
      .thenThrows('INVALID_AMOUNT');
  });
});

describe('CloseAccount', () => {
  it('closes an account with nothing owed, dated in the debtor’s zone', () => {
    // 02:00 UTC on March 1st is still February 28th in New York.
    const late = { ...close('settled'), now: '2026-03-01T02:00:00Z' };
    spec
      .given([opened])
      .when(late)
      .then([{ type: 'AccountClosed', data: { closedOn: '2026-02-28', reason: 'settled' } }]);
  });
  it('refuses while a balance is owed', () => {
    spec
      .given([opened, issued('inv-1', 10000, '2026-01-01', '2026-01-31')])
      .when(close())
      .thenThrows('ACCOUNT_BALANCE_NOT_ZERO', { outstanding: 10000, credit: 0 });
  });
  it('refuses while the debtor has unused credit', () => {
    const overpaid = paymentReceived(500, '2026-02-01', { credited: 500 });
    spec.given([opened, overpaid]).when(close()).thenThrows('ACCOUNT_BALANCE_NOT_ZERO', { credit: 500 });
  });
  it('refuses on an account that does not exist', () => {
    spec.given([]).when(close()).thenThrows('ACCOUNT_NOT_FOUND');
  });
  it('refuses on an account already closed', () => {
    spec
      .given([opened, { type: 'AccountClosed', data: { closedOn: '2026-02-01' } }])
      .when(close())
      .thenThrows('ACCOUNT_CLOSED');
  });
});

describe('ErasePersonalData', () => {
  const erase = command<ErasePersonalData>('ErasePersonalData', {}, '2026-03-01T02:00:00Z');
  const erased = { type: 'PersonalDataErased' as const, data: { debtorReference: 'D-100', erasedOn: '2026-02-28' } };
  const closed = { type: 'AccountClosed' as const, data: { closedOn: '2026-02-01' } };

  it('erases the debtor’s personal data, dated in the debtor’s zone', () => {
    spec.given([opened]).when(erase).then([erased]);
  });
  it('erases on a closed account too: the right outlives the debt', () => {
    spec.given([opened, closed]).when(erase).then([erased]);
  });
  it('does nothing when already erased, so a retry is harmless', () => {
    spec.given([opened, erased]).when(erase).then([]);
  });
  it('records the erasure on an account whose debtor already reads as erased (their key destroyed from another account)', () => {
    // What the log gives back once the key is gone: the opening with its debtor erased, no erasure recorded yet.
    const openedUnreadable: AccountEvent = {
      ...opened,
      data: { ...opened.data, debtor: { reference: 'D-100', timeZone: 'America/New_York', personalDataErased: true } },
    };
    spec.given([openedUnreadable]).when(erase).then([erased]);
  });
  it('refuses on an account that does not exist', () => {
    spec.given([]).when(erase).thenThrows('ACCOUNT_NOT_FOUND');
  });
  it('leaves the reference and time zones, and nothing personal', () => {
    const withEverything: AccountEvent = {
      type: 'AccountOpened',
      data: {
        accountId: 'acc-1',
        creditorId: 'cred-1',
        debtor: {
          ...debtor,
          email: 'ada@example.com',
          phone: '+15551234567',
          otherTimeZones: ['Europe/London'],
          address: { lines: ['1 Main St'], city: 'Boston', country: 'US' },
        },
      },
    };
    const state = [withEverything, erased].reduce<AccountState>(evolve, initialAccountState());
    expect(state.status !== 'unopened' && state.debtor).toEqual({
      reference: 'D-100',
      timeZone: 'America/New_York',
      otherTimeZones: ['Europe/London'],
      personalDataErased: true,
    });
  });
});

describe('AssignAgent', () => {
  it('assigns an agent, refusing the same one twice', () => {
    const assign = command<AssignAgent>('AssignAgent', { agentId: 'agent-7' });
    spec
      .given([opened])
      .when(assign)
      .then([{ type: 'AccountAssigned', data: { agentId: 'agent-7' } }]);
    spec
      .given([opened, { type: 'AccountAssigned', data: { agentId: 'agent-7' } }])
      .when(assign)
      .thenThrows('ALREADY_ASSIGNED');
  });
});

describe('ChangeDebtorContactDetails', () => {
  const change = (data: DebtorContactChanges) => command<ChangeDebtorContactDetails>('ChangeDebtorContactDetails', data);
  const changed = (data: DebtorContactChanges): AccountEvent => ({ type: 'DebtorContactDetailsChanged', data });
  const stateAfter = (...events: AccountEvent[]) => [opened, ...events].reduce(evolve, initialAccountState()) as OpenedAccount;

  it('records the fields that differ, and leaves out those sent as they already are', () => {
    spec
      .given([opened])
      .when(change({ phone: '+15559876543', email: 'ada@example.com', timeZone: 'America/Chicago' }))
      .then([changed({ phone: '+15559876543', timeZone: 'America/Chicago' })]);
  });
  it('changes nothing when nothing differs: a retry records nothing twice', () => {
    spec
      .given([opened, changed({ phone: '+15559876543' })])
      .when(change({ phone: '+15559876543' }))
      .then([]);
  });
  it('removes a field sent as null, and the debtor then has none', () => {
    spec
      .given([opened])
      .when(change({ address: null }))
      .then([changed({ address: null })]);
    expect(stateAfter(changed({ address: null })).debtor).not.toHaveProperty('address');
  });
  it('moves the debtor to another zone: their today and contact hours follow it', () => {
    expect(stateAfter(changed({ timeZone: 'America/Los_Angeles', otherTimeZones: ['America/Denver'] })).debtor).toMatchObject({
      timeZone: 'America/Los_Angeles',
      otherTimeZones: ['America/Denver'],
      reference: 'D-100',
    });
  });
  it('drops the grounds for e-mailing required notices with a new e-mail address: they held for the old one (1006.6(d)(4), 1006.42(b))', () => {
    const consented: AccountEvent = { type: 'ElectronicDeliveryConsentRecorded', data: { basis: 'esign_consent', consentedOn: '2026-02-01' } };
    expect(stateAfter(consented, changed({ phone: '+15559876543' })).interactions.electronicDelivery).toBeDefined();
    expect(stateAfter(consented, changed({ email: 'ada@example.org' })).interactions.electronicDelivery).toBeUndefined();
    expect(stateAfter(consented, changed({ email: null })).interactions.electronicDelivery).toBeUndefined();
  });
  it('refuses a zone or a language the rules cannot read, and removing the time zone', () => {
    spec
      .given([opened])
      .when(change({ timeZone: 'Mars/Olympus_Mons' }))
      .thenThrows('INVALID_TIME_ZONE');
    spec
      .given([opened])
      .when(change({ otherTimeZones: ['America/Chicago', 'Nowhere/Land'] }))
      .thenThrows('INVALID_TIME_ZONE');
    spec
      .given([opened])
      .when(change({ timeZone: null as unknown as string }))
      .thenThrows('INVALID_TIME_ZONE');
    spec
      .given([opened])
      .when(change({ language: 'english' }))
      .thenThrows('INVALID_LANGUAGE');
    spec
      .given([opened])
      .when(change({ email: 'ada@example.com,hr@employer.example' }))
      .thenThrows('INVALID_EMAIL');
    spec
      .given([opened])
      .when(change({ phone: 'call me' }))
      .thenThrows('INVALID_PHONE');
  });
  it('refuses once the debtor’s personal data is erased, on a closed account, and on an account that does not exist', () => {
    const erased: AccountEvent = { type: 'PersonalDataErased', data: { debtorReference: 'D-100', erasedOn: '2026-03-01' } };
    spec
      .given([opened, erased])
      .when(change({ phone: '+15559876543' }))
      .thenThrows('PERSONAL_DATA_ERASED');
    spec
      .given([opened, { type: 'AccountClosed', data: { closedOn: '2026-03-01' } }])
      .when(change({ phone: '+15559876543' }))
      .thenThrows('ACCOUNT_CLOSED');
    spec
      .given([])
      .when(change({ phone: '+15559876543' }))
      .thenThrows('ACCOUNT_NOT_FOUND');
  });
});
