import type { Summaries } from '../account/capability';
import type { AccountsEvent } from './accounts.events';

/** How each accounts fact reads in the account's history: one line a person can read. */
export const accountsSummaries: Summaries<AccountsEvent> = {
  AccountOpened: (event) => `Account opened for creditor ${event.data.creditorId}, debtor ${event.data.debtor.reference}.`,
  AccountClosed: (event) => `Account closed on ${event.data.closedOn}${event.data.reason ? ` (${event.data.reason})` : ''}.`,
  PersonalDataErased: (event) => `The personal data of debtor ${event.data.debtorReference} was erased on ${event.data.erasedOn}.`,
  AccountAssigned: (event) => `Assigned to agent ${event.data.agentId}.`,
};
