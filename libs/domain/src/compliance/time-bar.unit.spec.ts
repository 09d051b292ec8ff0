import type { AccountEvent } from '../account/account.events';
import { evolve } from '../account/account.evolve';
import { initialAccountState, type OpenedAccount } from '../account/account.state';
import { issued, paymentReceived } from '../account/account.fixtures';
import type { PostalAddress } from '../accounts/debtor';
import { regulationF, type ContactPolicies } from './contact-policy';
import { demoCreditorProfile } from './creditor-profile';
import { debtTypes, statutesOfLimitations, type DebtType } from './limitations';
import { addYears, timeBarOf } from './time-bar';

const inState = (region: string, country = 'US'): PostalAddress => ({ lines: ['1 Main St'], city: 'Somewhere', region, country });
const profileIn = (jurisdiction?: string): ContactPolicies => ({
  default: regulationF,
  byCreditor: {},
  profiles: { default: { ...demoCreditorProfile, ...(jurisdiction && { jurisdiction }) }, byCreditor: {} },
});
const nyProfile = profileIn('US-NY');

function account(address: PostalAddress | undefined, events: AccountEvent[], debtType?: DebtType): OpenedAccount {
  const debtor = { reference: 'D-1', timeZone: 'America/New_York', ...(address && { address }) };
  const opening: AccountEvent = {
    type: 'AccountOpened',
    data: { accountId: 'acc-1', creditorId: 'cred-1', debtor, openedOn: '2019-01-01', ...(debtType && { debtType }) },
  };
  return [opening, ...events].reduce(evolve, initialAccountState()) as OpenedAccount;
}

// Due 2022-03-01 without grace: in default from 2022-03-02.
const dueMarch2022 = issued('inv-1', 50_000, '2022-02-01', '2022-03-01');
const partPayment = (receivedOn: string) => paymentReceived(10_000, receivedOn, { allocations: [{ invoiceId: 'inv-1', amount: 10_000 }] });

describe('Time-barred debts (12 CFR 1006.26(a): a debt for which the statute of limitations has expired)', () => {
  it('is not time-barred the day before the anniversary of its default, and is on that day', () => {
    // New York: 3 years for a consumer credit debt (CPLR 214-i), from 2022-03-02.
    const ny = account(inState('NY'), [dueMarch2022]);
    expect(timeBarOf(ny, nyProfile, '2025-03-01')).toEqual({ timeBarred: false, since: null, disclosureRequired: false, jurisdiction: 'US-NY' });
    expect(timeBarOf(ny, nyProfile, '2025-03-02')).toEqual({ timeBarred: true, since: '2025-03-02', disclosureRequired: true, jurisdiction: 'US-NY' });
  });

  it('starts the clock after the grace days: default is the day after the due date plus grace', () => {
    const graced = account(inState('NY'), [issued('inv-1', 50_000, '2022-02-01', '2022-03-01', { graceDays: 10 })]);
    expect(timeBarOf(graced, nyProfile, '2025-03-11').timeBarred).toBe(false);
    expect(timeBarOf(graced, nyProfile, '2025-03-12').since).toBe('2025-03-12');
  });

  it('restarts the clock on a part payment made while the period runs, where the state says a payment does', () => {
    // Illinois: 5 years on an open account (735 ILCS 5/13-205); a part payment acknowledges the debt.
    const il = account(inState('IL'), [dueMarch2022, partPayment('2023-06-15')]);
    expect(timeBarOf(il, nyProfile, '2028-06-14').timeBarred).toBe(false);
    expect(timeBarOf(il, nyProfile, '2028-06-15')).toMatchObject({ timeBarred: true, since: '2028-06-15', disclosureRequired: false });
  });

  it('does not restart it where the state says a payment does not (New York, CPLR 214-i)', () => {
    const ny = account(inState('NY'), [dueMarch2022, partPayment('2023-06-15')]);
    expect(timeBarOf(ny, nyProfile, '2025-03-02').since).toBe('2025-03-02');
  });

  it('is not revived by a payment after the period ran out', () => {
    const il = account(inState('IL'), [dueMarch2022, partPayment('2027-04-01')]);
    expect(timeBarOf(il, nyProfile, '2027-04-02').since).toBe('2027-03-02');
  });

  it("applies the debtor's state when their address is in another state than the creditor profile's", () => {
    // The profile says New York (3 years); the debtor lives in Illinois (5 years).
    const il = account(inState('il'), [dueMarch2022]);
    expect(timeBarOf(il, nyProfile, '2025-03-02')).toMatchObject({ timeBarred: false, jurisdiction: 'US-IL' });
    expect(timeBarOf(il, nyProfile, '2027-03-02')).toMatchObject({ timeBarred: true, jurisdiction: 'US-IL' });
  });

  it("falls back to the creditor profile's state for an address abroad or without a state, and to none without either", () => {
    expect(timeBarOf(account(inState('Greater London', 'GB'), [dueMarch2022]), nyProfile, '2025-03-02').jurisdiction).toBe('US-NY');
    expect(timeBarOf(account(undefined, [dueMarch2022]), nyProfile, '2025-03-02').jurisdiction).toBe('US-NY');
    expect(timeBarOf(account(undefined, [dueMarch2022]), profileIn(), '2030-01-01')).toEqual({
      timeBarred: false,
      since: null,
      disclosureRequired: false,
      jurisdiction: null,
    });
  });

  it("takes the account's debt type: a written contract runs longer than an open account in Illinois", () => {
    expect(timeBarOf(account(inState('IL'), [dueMarch2022], 'written_contract'), nyProfile, '2031-03-01').timeBarred).toBe(false);
    expect(timeBarOf(account(inState('IL'), [dueMarch2022], 'written_contract'), nyProfile, '2032-03-02').timeBarred).toBe(true);
  });

  it('counts only debts still owed, and the oldest of them gives the date', () => {
    const paid = paymentReceived(50_000, '2022-04-01', { allocations: [{ invoiceId: 'inv-1', amount: 50_000 }] });
    expect(timeBarOf(account(inState('NY'), [dueMarch2022, paid]), nyProfile, '2030-01-01').timeBarred).toBe(false);
    const two = account(inState('NY'), [dueMarch2022, issued('inv-2', 1_000, '2022-05-01', '2022-06-01')]);
    expect(timeBarOf(two, nyProfile, '2026-01-01').since).toBe('2025-03-02');
  });

  it('reads 29 February plus years as the 28th when the later year has none', () => {
    expect(addYears('2024-02-29', 3)).toBe('2027-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });
});

describe('The statute of limitations table', () => {
  it('has every state and the District of Columbia, each row with a source and a whole number of years per debt type', () => {
    expect(Object.keys(statutesOfLimitations)).toHaveLength(51);
    expect(statutesOfLimitations['US-DC']).toBeDefined();
    for (const rule of Object.values(statutesOfLimitations)) {
      expect(rule.source.length).toBeGreaterThan(0);
      for (const type of debtTypes) expect(Number.isInteger(rule.years[type]) && rule.years[type] > 0).toBe(true);
    }
  });
});
