import { eventTypesOf } from '../account/event-types';
import type { IsoDate } from '../calendar/calendar';
import type { Debtor, DebtorContactChanges } from './debtor';
import type { DebtType } from '../compliance/limitations';

export interface AccountOpened {
  type: 'AccountOpened';
  /**
   * `openedOn` is absent from events recorded before it existed: those accounts opened when recorded.
   * `debtType` is absent when not given (and from events recorded before it existed): `defaultDebtType`.
   */
  data: { accountId: string; creditorId: string; debtor: Debtor; openedOn?: IsoDate; debtType?: DebtType };
}
export interface AccountClosed {
  type: 'AccountClosed';
  data: { closedOn: IsoDate; reason?: string };
}
/**
 * A closed account took a payment, or had one taken back (a refund, a lost chargeback): money moved, so the
 * fact is recorded and the account is open again, with the credit it now holds or the debt it owes again.
 */
export interface AccountReopened {
  type: 'AccountReopened';
  data: { reopenedOn: IsoDate; reason: 'payment_received' | 'payment_reversed'; paymentId: string };
}
/** The debtor's personal fields were erased (their data key destroyed); amounts and dates stay. */
export interface PersonalDataErased {
  type: 'PersonalDataErased';
  data: { debtorReference: string; erasedOn: IsoDate };
}
export interface AccountAssigned {
  type: 'AccountAssigned';
  data: { agentId: string };
}

/** The debtor's name or contact details changed: the fields given are the new ones (null: removed). */
export interface DebtorContactDetailsChanged {
  type: 'DebtorContactDetailsChanged';
  data: DebtorContactChanges;
}

/** The accounts part of the account's events. */
export type AccountsEvent = AccountOpened | AccountClosed | AccountReopened | PersonalDataErased | AccountAssigned | DebtorContactDetailsChanged;

/** Every accounts event type. */
export const accountsEventTypes = eventTypesOf<AccountsEvent>()([
  'AccountOpened',
  'AccountClosed',
  'AccountReopened',
  'PersonalDataErased',
  'AccountAssigned',
  'DebtorContactDetailsChanged',
]);
