import type { BusinessTimes } from '../account/capability';
import type { AccountsEvent } from './accounts.events';

/** When each accounts fact happened (see BusinessTime). */
export const accountsBusinessTimes: BusinessTimes<AccountsEvent> = {
  AccountOpened: () => 'command',
  AccountClosed: (event) => ({ date: event.data.closedOn }),
  PersonalDataErased: (event) => ({ date: event.data.erasedOn }),
  AccountAssigned: () => 'command',
};
