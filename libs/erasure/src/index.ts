import { AccountReadModelDebtorAccounts, DebtorAccounts } from './debtor-accounts';
import { DebtorErasure } from './debtor-erasure';

export * from './debtor-accounts';
export * from './debtor-erasure';

/** What a process that erases debtors provides (next to the commands module and the projections' progress). */
export const erasureProviders = [DebtorErasure, { provide: DebtorAccounts, useClass: AccountReadModelDebtorAccounts }];
