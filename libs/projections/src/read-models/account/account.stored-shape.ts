import { evolve, initialAccountState, type AccountEvent, type OpenedAccount } from '@arrears/domain';
import { recordShape, structShape, type StoredShape } from '../../stored-shapes/stored-shape';

// No stored value has a NUL (PostgreSQL's text cannot hold one), so what the template takes from its events is never left out.
const never = '\u0000';

/**
 * The account as the domain opens it, and an invoice as the domain issues it: what every account and
 * every invoice starts with (nothing owed, agreed, restricted or contacted), by the domain's own evolve,
 * so that a field the domain adds is a default as soon as it exists.
 */
function opened(): { account: OpenedAccount; invoice: Record<string, unknown> } {
  const opening: AccountEvent = { type: 'AccountOpened', data: { accountId: never, creditorId: never, debtor: { reference: never, timeZone: never } } };
  const issue: AccountEvent = {
    type: 'InvoiceIssued',
    data: { invoiceId: never, amount: 0, currency: never, issuedOn: never, dueOn: never, terms: { graceDays: 0 } },
  };
  const account = evolve(initialAccountState(), opening);
  const issued = evolve(account, issue);
  const invoice = issued.status === 'unopened' ? undefined : issued.invoices[never];
  if (account.status === 'unopened' || !invoice) throw new Error('The domain did not open the template account.');
  return { account, invoice: { ...invoice } };
}

const template = opened();

/** The account as the domain opens it (its identity fields hold what no account has). */
export const openedAccountTemplate: OpenedAccount = template.account;

/** The folded account as the account document stores it: its defaults and each invoice's left out. */
export const accountStateShape: StoredShape = structShape({ ...template.account }, { invoices: recordShape(structShape(template.invoice)) });

/** The account document: the folded account slimmed; its own fields (which queries read) kept whole. */
export const accountDocumentShape: StoredShape = structShape({}, { account: accountStateShape });
