import type { IsoDate } from '../calendar/calendar';
import { evolve } from '../account/account.evolve';
import { initialAccountState, outstanding, type OpenedAccount } from '../account/account.state';
import type { AccountEvent } from '../account/account.events';
import { itemizationOf } from '../interactions/itemization';
import { validationPeriodOf } from '../interactions/validation-period';
import type { MessageFacts, MessageSubject } from './notices.render';

/** The day sample messages are rendered on. */
export const sampleToday: IsoDate = '2026-03-02';

/**
 * An account to render a template with when no real one is named (a preview, the check at boot): a
 * debtor with every personal field, one invoice past due, and the validation notice not sent yet, so
 * the message is the initial communication and carries the fullest disclosure.
 */
export function sampleAccount(language = 'en'): OpenedAccount {
  const events: AccountEvent[] = [
    {
      type: 'AccountOpened',
      data: {
        accountId: 'sample-account-0042',
        creditorId: 'sample-creditor',
        debtor: {
          reference: 'SAMPLE-1',
          name: 'Alex Sample',
          timeZone: 'America/New_York',
          email: 'alex@example.com',
          address: { lines: ['1 Sample Street'], city: 'Albany', region: 'NY', postalCode: '12207', country: 'US' },
          language,
        },
        openedOn: '2026-01-02',
      },
    },
    {
      type: 'InvoiceIssued',
      data: { invoiceId: 'INV-1001', amount: 12_500, currency: 'USD', issuedOn: '2026-01-02', dueOn: '2026-02-01', terms: { graceDays: 0 } },
    },
  ];
  return events.reduce(evolve, initialAccountState()) as OpenedAccount;
}

/** The facts a sample message is about: the sample invoice, a validation period and an itemization. */
export const sampleFacts: MessageFacts = {
  invoiceId: 'INV-1001',
  amount: 12_500,
  currency: 'USD',
  dueOn: '2026-02-01',
  periodEndsOn: '2026-04-13',
  itemization: {
    itemizationDate: '2026-02-01',
    amountOnItemizationDate: 12_000,
    interest: 300,
    fees: 500,
    payments: 200,
    credits: 100,
    currentAmount: 12_500,
    currency: 'USD',
  },
  remedy: { invoked: 'may', text: 'a lawsuit to collect the debt' },
  originalCreditor: { name: 'Original Sample Bank', address: { lines: ['5 Origin Way'], city: 'Buffalo', region: 'NY', postalCode: '14201', country: 'US' } },
};

/**
 * The facts of a real account's message preview, as if it went out today: its oldest outstanding
 * invoice, its itemization, and its validation period (the one running, or the one a notice sent
 * today would start).
 */
export function factsOf(account: MessageSubject, today: IsoDate): MessageFacts {
  const unpaid = Object.values(account.invoices).filter((invoice) => outstanding(invoice) > 0);
  const invoice = unpaid.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.sequence - b.sequence)[0];
  const itemization = itemizationOf(account);
  return {
    ...(invoice && { invoiceId: invoice.invoiceId, amount: outstanding(invoice), currency: invoice.currency, dueOn: invoice.dueOn }),
    ...(itemization && { itemization }),
    periodEndsOn: account.validationNotice?.periodEndsOn ?? validationPeriodOf(today).periodEndsOn,
  };
}
