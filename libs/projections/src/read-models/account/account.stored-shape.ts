import { evolve, initialAccountState, sharedEntryOf, sharedRegistryLevels, type AccountEvent, type OpenedAccount } from '@arrears/domain';
import { recordShape, structShape, type StoredShape } from '../../stored-shapes/stored-shape';
import type { PartedField } from '../../stored-shapes/stored-parts';
import { monthLevels } from '../kpis/day-buckets';

// No stored value has a NUL (PostgreSQL's text cannot hold one), so what the template takes from its events is never left out.
const never = '\u0000';

/**
 * The account as the domain opens it, an invoice as it issues it and a payment as it receives it: what
 * each starts with (nothing owed, agreed, restricted, contacted or reversed), by the domain's own evolve,
 * so that a field the domain adds is a default as soon as it exists.
 */
function opened(): { account: OpenedAccount; invoice: Record<string, unknown>; payment: Record<string, unknown> } {
  const opening: AccountEvent = { type: 'AccountOpened', data: { accountId: never, creditorId: never, debtor: { reference: never, timeZone: never } } };
  const issue: AccountEvent = {
    type: 'InvoiceIssued',
    data: { invoiceId: never, amount: 0, currency: never, issuedOn: never, dueOn: never, terms: { graceDays: 0 } },
  };
  const payment: AccountEvent = {
    type: 'PaymentReceived',
    data: { paymentId: never, amount: 0, currency: never, receivedOn: never, method: never, allocations: [], installmentAllocations: [], credited: 0 },
  };
  const account = evolve(initialAccountState(), opening);
  const [issued, paid] = [evolve(account, issue), evolve(account, payment)];
  const invoiceState = issued.status === 'unopened' ? undefined : issued.invoices[never];
  const paymentState = paid.status === 'unopened' ? undefined : sharedEntryOf(paid.payments, never);
  if (account.status === 'unopened' || !invoiceState || !paymentState) throw new Error('The domain did not open the template account.');
  return { account, invoice: { ...invoiceState }, payment: { ...paymentState } };
}

const template = opened();

/** The account as the domain opens it (its identity fields hold what no account has). */
export const openedAccountTemplate: OpenedAccount = template.account;

/** A registry of entries of `entry`'s shape: records of records down to the bucket that holds them (see shared-registry). */
const sharedRegistryShape = (entry: StoredShape): StoredShape =>
  Array.from({ length: sharedRegistryLevels }).reduce<StoredShape>((inner) => recordShape(inner), entry);

/** The folded account as the account document stores it: its defaults, each invoice's and each payment's left out. */
export const accountStateShape: StoredShape = structShape(
  { ...template.account },
  { invoices: recordShape(structShape(template.invoice)), payments: sharedRegistryShape(structShape(template.payment)) },
);

/** The account document: the folded account slimmed; its own fields (which queries read) kept whole. */
export const accountDocumentShape: StoredShape = structShape({}, { account: accountStateShape });

/**
 * What an account document holds that grows with its history, each stored in parts of its own: its
 * registries of payments, of reversals and of each invoice's days paid on, in 256 parts each (the index
 * objects two levels down, each over 16 buckets), and its KPI ledger, by month. A payment changes one part
 * of each and one month: a part holds a 256th of the registry, which stays a few kilobytes up to ten thousand
 * payments. Finer parts (the 4,096 buckets) would make that write smaller still, and a process's first read
 * of a large account, which reads every part, 1.6 times slower (bench (j), 10,000 payments).
 */
export const accountPartedFields: readonly PartedField[] = [
  { at: ['account', 'payments'], depth: sharedRegistryLevels - 2 },
  { at: ['account', 'reversalIds'], depth: sharedRegistryLevels - 2 },
  { at: ['account', 'invoices', '*', 'paidOn'], depth: sharedRegistryLevels - 2 },
  { at: ['kpis', 'days'], depth: monthLevels },
];
