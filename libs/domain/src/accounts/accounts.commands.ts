import type { DebtorCreditLimitSet } from '../credit/credit.events';
import type { Command } from '../account/command';
import type { IsoDate } from '../calendar/calendar';
import type { Debtor, DebtorContactChanges } from './debtor';
import type { DebtType } from '../compliance/limitations';

/**
 * `openedOn`, the business date the account was opened, defaults to the debtor's today; `debtType`,
 * what the statute of limitations calls the debt, to `defaultDebtType`.
 */
export type OpenAccount = Command<
  'OpenAccount',
  {
    accountId: string;
    creditorId: string;
    debtor: Debtor;
    openedOn?: IsoDate;
    debtType?: DebtType;
    /** The debtor's credit limit with the creditor, as their other accounts carry it when this one opens: it holds here too. */
    debtorCreditLimit?: DebtorCreditLimitSet['data'];
  }
>;
export type CloseAccount = Command<'CloseAccount', { reason?: string }>;
/** Erases the debtor's personal fields; again on an erased account, it does nothing (a retry). */
export type ErasePersonalData = Command<'ErasePersonalData', Record<string, never>>;
export type AssignAgent = Command<'AssignAgent', { agentId: string }>;
/** Records what the debtor now goes by and where they are reached; a field set to null is removed, one absent is kept. */
export type ChangeDebtorContactDetails = Command<'ChangeDebtorContactDetails', DebtorContactChanges>;

/** The accounts part of the account's commands. */
export type AccountsCommand = OpenAccount | CloseAccount | ErasePersonalData | AssignAgent | ChangeDebtorContactDetails;
