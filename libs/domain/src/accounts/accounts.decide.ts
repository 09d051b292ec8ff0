import { dateIn, isTimeZone } from '../calendar/calendar';
import { conflict, notFound, ruleBroken } from '../errors/domain-error';
import { requireDate, requireDebtorNotErased, requireOpen, todayFor } from '../account/account.guards';
import { totalOutstanding, type AccountState } from '../account/account.state';
import type { Decisions } from '../account/capability';
import type { AssignAgent, ChangeDebtorContactDetails, CloseAccount, ErasePersonalData, OpenAccount, AccountsCommand } from './accounts.commands';
import { effectiveChanges, isEmailAddress, phonePattern, type DebtorContactChanges } from './debtor';
import { debtTypes } from '../compliance/limitations';
import { debtorCreditLimitSet } from '../credit/credit.decide';
import type { DebtorCreditLimitSet } from '../credit/credit.events';
import type { AccountAssigned, AccountClosed, AccountOpened, DebtorContactDetailsChanged, PersonalDataErased } from './accounts.events';

/** An account opened for a debtor who has a credit limit with the creditor takes that limit with it. */
export function openAccount(command: OpenAccount, state: AccountState): [AccountOpened] | [AccountOpened, DebtorCreditLimitSet] {
  if (state.status !== 'unopened') {
    throw conflict('ACCOUNT_ALREADY_EXISTS', `Account ${state.accountId} already exists.`, { accountId: state.accountId });
  }
  const { debtor } = command.data;
  requireDebtorSettings(debtor);
  const today = dateIn(command.now, debtor.timeZone);
  const openedOn = command.data.openedOn ?? today;
  requireDate(openedOn, 'openedOn');
  const { debtType } = command.data;
  if (debtType !== undefined && !debtTypes.includes(debtType)) {
    throw ruleBroken('INVALID_DEBT_TYPE', `debtType must be one of ${debtTypes.join(', ')}.`, { field: 'debtType', debtTypes });
  }
  if (openedOn > today) {
    throw ruleBroken('OPENED_IN_FUTURE', `openedOn ${openedOn} is after today (${today}).`, { field: 'openedOn', openedOn, today });
  }
  const { debtorCreditLimit, ...opening } = command.data;
  const opened: AccountOpened = { type: 'AccountOpened', data: { ...opening, openedOn } };
  return debtorCreditLimit ? [opened, debtorCreditLimitSet(debtorCreditLimit)] : [opened];
}

/**
 * The debtor's zones and language as the collection rules read them, and the e-mail address and phone number
 * messages go to (an absent or null one is not checked): on every path, since imports reach the outbox too.
 */
function requireDebtorSettings({
  timeZone,
  otherTimeZones,
  language,
  email,
  phone,
}: Pick<DebtorContactChanges, 'timeZone' | 'otherTimeZones' | 'language' | 'email' | 'phone'>): void {
  if (typeof email === 'string' && !isEmailAddress(email)) {
    throw ruleBroken('INVALID_EMAIL', 'email must be one address such as ada@example.com.', { field: 'email' });
  }
  if (typeof phone === 'string' && !phonePattern.test(phone)) {
    throw ruleBroken('INVALID_PHONE', 'phone must be an E.164 number such as +15551234567.', { field: 'phone' });
  }
  const unknownZone = [timeZone, ...(otherTimeZones ?? [])].find((zone) => zone !== undefined && !isTimeZone(zone));
  if (unknownZone !== undefined) throw ruleBroken('INVALID_TIME_ZONE', `${unknownZone} is not an IANA time zone.`, { timeZone: unknownZone });
  // Two letters (ISO 639-1): the key templates are chosen by, never free text.
  if (typeof language === 'string' && !/^[a-z]{2}$/.test(language)) {
    throw ruleBroken('INVALID_LANGUAGE', 'language must be a two-letter ISO 639-1 code such as en or es.', { field: 'language', language });
  }
}

/**
 * The debtor moved, changed number or address, or goes by another name: the fields that differ are
 * recorded (none: nothing happens, so a retry changes nothing). Not once their personal data is erased:
 * there is no one left to reach.
 */
export function changeDebtorContactDetails(command: ChangeDebtorContactDetails, state: AccountState): DebtorContactDetailsChanged[] {
  const account = requireOpen(state);
  requireDebtorNotErased(account, 'their contact details are no longer kept.');
  requireDebtorSettings(command.data);
  const changes = effectiveChanges(account.debtor, command.data);
  return Object.keys(changes).length > 0 ? [{ type: 'DebtorContactDetailsChanged', data: changes }] : [];
}

/** An account closes only when nothing is owed either way (no balance, no unused credit). */
export function closeAccount(command: CloseAccount, state: AccountState): [AccountClosed] {
  const account = requireOpen(state);
  const balance = totalOutstanding(account);
  if (balance !== 0 || account.credit !== 0) {
    throw ruleBroken('ACCOUNT_BALANCE_NOT_ZERO', 'Only an account with a zero balance and no credit can be closed.', {
      outstanding: balance,
      credit: account.credit,
      currency: account.currency,
    });
  }
  const closed: AccountClosed = { type: 'AccountClosed', data: { closedOn: todayFor(account, command.now) } };
  if (command.data.reason !== undefined) closed.data.reason = command.data.reason;
  return [closed];
}

/**
 * Erasure is a right the debtor keeps after the account closes; erasing twice changes nothing. Whether it
 * was recorded on this account is what counts, not whether the debtor reads as erased: once the debtor's
 * key is destroyed from one of their accounts, the others read as erased too, and still need the fact that
 * tells their read models to let go of what they were shown before.
 */
export function erasePersonalData(command: ErasePersonalData, state: AccountState): PersonalDataErased[] {
  if (state.status === 'unopened') throw notFound('ACCOUNT_NOT_FOUND', 'The account does not exist.');
  if (state.personalDataErasedOn !== undefined) return [];
  return [{ type: 'PersonalDataErased', data: { debtorReference: state.debtor.reference, erasedOn: todayFor(state, command.now) } }];
}

export function assignAgent(command: AssignAgent, state: AccountState): [AccountAssigned] {
  const account = requireOpen(state);
  if (account.assignedAgentId === command.data.agentId) {
    throw conflict('ALREADY_ASSIGNED', `The account is already assigned to ${command.data.agentId}.`, { agentId: command.data.agentId });
  }
  return [{ type: 'AccountAssigned', data: { agentId: command.data.agentId } }];
}

export const accountsDecisions: Decisions<AccountsCommand> = {
  OpenAccount: openAccount,
  CloseAccount: closeAccount,
  ErasePersonalData: erasePersonalData,
  AssignAgent: assignAgent,
  ChangeDebtorContactDetails: changeDebtorContactDetails,
};
