import type { Summaries } from '../account/capability';
import type { AccountsEvent } from './accounts.events';
import { debtorContactFields, type DebtorContactChanges } from './debtor';

/** How each accounts fact reads in the account's history: one line a person can read. */
export const accountsSummaries: Summaries<AccountsEvent> = {
  AccountOpened: (event) => `Account opened for creditor ${event.data.creditorId}, debtor ${event.data.debtor.reference}.`,
  AccountClosed: (event) => `Account closed on ${event.data.closedOn}${event.data.reason ? ` (${event.data.reason})` : ''}.`,
  AccountReopened: (event) =>
    `Account reopened on ${event.data.reopenedOn}: payment ${event.data.paymentId} ${event.data.reason === 'payment_received' ? 'was received' : 'was taken back'} after it closed.`,
  PersonalDataErased: (event) => `The personal data of debtor ${event.data.debtorReference} was erased on ${event.data.erasedOn}.`,
  AccountAssigned: (event) => `Assigned to agent ${event.data.agentId}.`,
  // Which fields, never their values: the history is read by more people than the debtor's details are.
  DebtorContactDetailsChanged: (event) => `The debtor’s ${changedFieldWords(event.data)} changed.`,
};

const fieldWords: Record<keyof DebtorContactChanges, string> = {
  name: 'name',
  email: 'e-mail',
  phone: 'phone',
  address: 'address',
  timeZone: 'time zone',
  otherTimeZones: 'other time zones',
  language: 'language',
};

const changedFieldWords = (changes: DebtorContactChanges): string =>
  debtorContactFields
    .filter((field) => field in changes)
    .map((field) => fieldWords[field])
    .join(', ');
