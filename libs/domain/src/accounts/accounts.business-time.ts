import type { BusinessTimes } from '../account/capability';
import type { AccountsEvent } from './accounts.events';

/** When each accounts fact happened (see BusinessTime). */
export const accountsBusinessTimes: BusinessTimes<AccountsEvent> = {
  // Openings recorded before `openedOn` existed have none: they opened when recorded.
  AccountOpened: (event) => (event.data.openedOn ? { date: event.data.openedOn } : 'command'),
  AccountClosed: (event) => ({ date: event.data.closedOn }),
  AccountReopened: (event) => ({ date: event.data.reopenedOn }),
  PersonalDataErased: (event) => ({ date: event.data.erasedOn }),
  AccountAssigned: () => 'command',
  DebtorContactDetailsChanged: () => 'command',
};
