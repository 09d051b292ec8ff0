import { noInteractions, type InteractionsState } from '../interactions/interactions.state';
import type { Evolvers } from '../account/capability';
import type { OpenedAccount } from '../account/account.state';
import type { AccountOpened, AccountsEvent } from './accounts.events';
import { erasedDebtor, withContactChanges } from './debtor';
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
  AccountReopened: (account) => ({ ...account, status: 'open' }),
  // A credit report's score is about the debtor: it goes with the rest of their personal data.
  PersonalDataErased: (account, { data }) => {
    const erased = { ...account, debtor: erasedDebtor(account.debtor), personalDataErasedOn: data.erasedOn };
    delete erased.latestCreditReport;
    return erased;
  },
  AccountAssigned: (account, event) => ({ ...account, assignedAgentId: event.data.agentId }),
  DebtorContactDetailsChanged: (account, { data }) => ({
    ...account,
    debtor: withContactChanges(account.debtor, data),
    // Both grounds for e-mailing required notices hold for one address: an address the debtor used, or one
    // the creditor gave notice of (12 CFR 1006.6(d)(4)(i)-(ii)), or the E-SIGN consent given for it
    // (1006.42(b)). A new address has none of them until recorded again: notices go by post meanwhile.
    interactions: data.email === undefined ? account.interactions : withoutElectronicDelivery(account.interactions),
  }),
};

function withoutElectronicDelivery(interactions: InteractionsState): InteractionsState {
  const kept = { ...interactions };
  delete kept.electronicDelivery;
  return kept;
}
