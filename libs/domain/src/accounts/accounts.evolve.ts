import { noInteractions } from '../interactions/interactions.state';
import type { Evolvers } from '../account/capability';
import type { OpenedAccount } from '../account/account.state';
import type { AccountOpened, AccountsEvent } from './accounts.events';
import { erasedDebtor } from './debtor';
import { defaultDebtType } from '../compliance/limitations';

/** The account as it opens: nothing owed, agreed, restricted or contacted yet. */
export function accountOpened(event: AccountOpened): OpenedAccount {
  const { accountId, creditorId, debtor, openedOn, debtType } = event.data;
  return {
    status: 'open',
    accountId,
    creditorId,
    debtor,
    debtType: debtType ?? defaultDebtType,
    openedOn: openedOn ?? null,
    currency: null,
    invoices: {},
    payments: {},
    reversalIds: {},
    planIds: {},
    activePlan: null,
    credit: 0,
    claim: null,
    assignedAgentId: null,
    interactions: noInteractions,
    promises: {},
    disputes: {},
    creditorRequests: {},
    holds: {},
    restrictions: { ceaseRequested: false, blockedChannels: [], hardship: false },
    validationNotice: null,
    settlementIds: {},
    activeSettlement: null,
    agency: null,
    legal: null,
    noticesSent: {},
    resolution: null,
    resolutionConfirmationRequested: false,
  };
}

export const accountsEvolvers: Evolvers<Exclude<AccountsEvent, AccountOpened>> = {
  AccountClosed: (account) => ({ ...account, status: 'closed', claim: null }),
  // A credit report's score is about the debtor: it goes with the rest of their personal data.
  PersonalDataErased: (account) => {
    const erased = { ...account, debtor: erasedDebtor(account.debtor) };
    delete erased.latestCreditReport;
    return erased;
  },
  AccountAssigned: (account, event) => ({ ...account, assignedAgentId: event.data.agentId }),
};
