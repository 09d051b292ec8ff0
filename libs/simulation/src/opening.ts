import { addDays, daysBetween, type IsoDate } from '@arrears/domain';
import { invoiceFate, type AccountTraits } from './behaviour';
import type { PortfolioState } from './portfolio';
import { drawFor, purposes, type Draw } from './prng';

/** A line of a ledger import file (docs/imports.md): flat, every value a string or a number. */
export type ImportLine = Record<string, string | number>;

/** The creditors a portfolio starts with, each in its own zone; more are made in their image. */
export const creditors = [
  { creditorId: 'acme-energy', prefix: 'ae', timeZone: 'America/New_York', areaCodes: ['212', '315', '518', '716'], city: 'Albany', region: 'NY' },
  { creditorId: 'northwind-telecom', prefix: 'nw', timeZone: 'America/Chicago', areaCodes: ['312', '414', '608', '763'], city: 'Madison', region: 'WI' },
  { creditorId: 'globex-water', prefix: 'gw', timeZone: 'America/Los_Angeles', areaCodes: ['206', '415', '503', '702'], city: 'Portland', region: 'OR' },
] as const;
export type Creditor = Omit<(typeof creditors)[number], 'creditorId' | 'prefix'> & { creditorId: string; prefix: string };

// prettier-ignore
const firstNames = ['Ada', 'Grace', 'Alan', 'Katherine', 'Edsger', 'Barbara', 'Donald', 'Frances', 'John', 'Margaret', 'Dennis', 'Radia', 'Ken', 'Hedy', 'Tim', 'Joan', 'Linus', 'Karen', 'Niklaus', 'Sophie'];
// prettier-ignore
const lastNames = ['Lovelace', 'Hopper', 'Turing', 'Johnson', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'McCarthy', 'Hamilton', 'Ritchie', 'Perlman', 'Thompson', 'Lamarr', 'Berners-Lee', 'Clarke', 'Torvalds', 'Spärck Jones', 'Wirth', 'Wilson'];
const streets = ['Main St', 'Oak Ave', 'Maple Dr', 'Cedar Ln', 'Pine St', 'Elm St', 'Lake Rd', 'Hill Ct'];

/** The `n`th creditor (from 0): the three named ones, then `creditor-4`, `creditor-5`… in their zones. */
export function creditorOf(n: number): Creditor {
  const model = creditors[n % creditors.length] as Creditor;
  return n < creditors.length ? model : { ...model, creditorId: `creditor-${n + 1}`, prefix: `c${n + 1}` };
}

/** The account numbered `index` (from 0): its creditor goes round the `creditorCount`, its id counts within the creditor. */
export function accountOf(index: number, creditorCount: number = creditors.length): { accountId: string; creditor: Creditor } {
  const creditor = creditorOf(index % creditorCount);
  return { accountId: `${creditor.prefix}-${String(Math.floor(index / creditorCount) + 1).padStart(6, '0')}`, creditor };
}

/**
 * The account's lines of the opening ledger, all dated before `start`: the account (opened four months
 * to two years before), and for most accounts the last one to three monthly invoices with what the
 * debtor already paid of them. Payments the debtor will make later are planned in `state`.
 */
export function openingLines(
  seed: number,
  index: number,
  traits: AccountTraits,
  start: IsoDate,
  state: PortfolioState,
  creditorCount: number = creditors.length,
): ImportLine[] {
  const draw = drawFor(seed, index, purposes.opening);
  const { accountId, creditor } = accountOf(index, creditorCount);
  const lines: ImportLine[] = [accountLine(accountId, creditor, index, draw, addDays(start, -draw.int(130, 720)))];
  const months = draw.chance(0.7) ? draw.int(1, 3) : 0;
  for (let month = months; month >= 1; month--) {
    const issuedOn = lastBillingDayBefore(start, traits.billingDay, month);
    const amount = traits.monthlyAmount + draw.int(0, 20) * 100;
    const invoiceId = `inv-${state.next(state.invoices, index)}`;
    lines.push({
      type: 'invoice',
      accountId,
      invoiceId,
      amount,
      currency: 'USD',
      issuedOn,
      dueOn: addDays(issuedOn, traits.termsDays),
      graceDays: traits.graceDays,
    });
    const issuedDay = daysBetween(start, issuedOn);
    const fate = invoiceFate(traits, draw, amount, issuedDay, issuedDay + traits.termsDays);
    if (!fate) continue;
    if (fate.day >= 0) state.plan(index, fate.day, fate.amount);
    else
      lines.push({
        type: 'payment',
        accountId,
        paymentId: `pay-${state.next(state.payments, index)}`,
        amount: fate.amount,
        currency: 'USD',
        receivedOn: addDays(start, fate.day),
        method: 'card',
      });
  }
  return lines;
}

function accountLine(accountId: string, creditor: Creditor, index: number, draw: Draw, openedOn: IsoDate): ImportLine {
  const first = draw.pick(firstNames);
  const last = draw.pick(lastNames);
  return {
    type: 'account',
    accountId,
    creditorId: creditor.creditorId,
    debtorReference: `${creditor.prefix.toUpperCase()}-${100_000 + index}`,
    debtorName: `${first} ${last}`,
    timeZone: creditor.timeZone,
    openedOn,
    email: `${`${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '')}${index}@example.com`,
    phone: `+1${draw.pick(creditor.areaCodes)}555${String(draw.int(0, 9999)).padStart(4, '0')}`,
    addressLine1: `${draw.int(1, 999)} ${draw.pick(streets)}`,
    city: creditor.city,
    region: creditor.region,
    postalCode: String(draw.int(10_000, 99_999)),
    country: 'US',
  };
}

/** The billing day `months` months before the month of `start` (the billing day is 1–28, so every month has it). */
function lastBillingDayBefore(start: IsoDate, billingDay: number, months: number): IsoDate {
  const [year, month] = [Number(start.slice(0, 4)), Number(start.slice(5, 7)) - months];
  const shifted = new Date(Date.UTC(year, month - 1, billingDay));
  return shifted.toISOString().slice(0, 10);
}

/** The same day of the month `months` later (the month's last day when it has fewer days). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [year, month, day] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1 + months, Number(date.slice(8, 10))];
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(day, last))).toISOString().slice(0, 10);
}
