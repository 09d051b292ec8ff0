import type { Debtor, DebtorContactChanges, PostalAddress } from '@arrears/domain';
import { nameBasedUuid } from '@arrears/platform';
import { accountCommand, type CommandDeclarations } from '../command-handling/account-command.declaration';
import {
  AssignAgentRequest,
  ChangeDebtorContactDetailsRequest,
  CloseAccountRequest,
  OpenAccountRequest,
  type DebtorRequest,
  type PostalAddressRequest,
} from './accounts.requests';
import { DebtorCreditLimitInForce } from '../credit/debtor-credit-limit-in-force';
import { PersonalDataErasure, PersonalDataErasureProcess } from './personal-data-erasure';

/** An account's life: opened, assigned, closed, and its debtor's personal data erased. */
export const accountsCommands: CommandDeclarations = {
  open: accountCommand({
    route: 'POST /accounts',
    roles: ['system'],
    summary: 'Open an account for a debtor of a creditor',
    status: 201,
    request: OpenAccountRequest,
    // Derived from the Idempotency-Key when there is one, so that a retry opens the same account.
    accountId: ({ request, context, newId }) => request.accountId ?? (context.idempotencyKey ? nameBasedUuid(`${context.idempotencyKey}|account`) : newId()),
    lookup: DebtorCreditLimitInForce,
    command: ({ request, accountId, found }) => ({
      type: 'OpenAccount',
      data: {
        accountId,
        creditorId: request.creditorId,
        debtor: debtorOf(request.debtor),
        ...defined({ openedOn: request.openedOn, debtType: request.debtType }),
        ...(found && { debtorCreditLimit: found }),
      },
    }),
  }),

  close: accountCommand({
    route: 'POST /accounts/:accountId/close',
    roles: ['supervisor', 'system'],
    summary: 'Close an account that owes nothing and holds no credit',
    status: 200,
    request: CloseAccountRequest,
    optionalBody: true,
    command: ({ request }) => ({ type: 'CloseAccount', data: defined({ reason: request.reason }) }),
  }),

  assign: accountCommand({
    route: 'POST /accounts/:accountId/assign',
    roles: ['supervisor'],
    summary: 'Assign the account to an agent',
    status: 200,
    request: AssignAgentRequest,
    command: ({ request }) => ({ type: 'AssignAgent', data: { agentId: request.agentId } }),
  }),

  changeContactDetails: accountCommand({
    route: 'POST /accounts/:accountId/contact-details',
    roles: ['agent', 'supervisor', 'system'],
    summary: 'Record the debtor’s new name, e-mail, phone, address, time zones or language (null removes one)',
    status: 200,
    request: ChangeDebtorContactDetailsRequest,
    command: ({ request }) => ({ type: 'ChangeDebtorContactDetails', data: contactChangesOf(request) }),
  }),

  erasePersonalData: {
    route: 'POST /accounts/:accountId/erase-personal-data',
    roles: ['supervisor'],
    summary: 'Erase the debtor’s personal data (name, e-mail, phone, address) by destroying their data key; amounts and dates stay',
    status: 200,
    process: PersonalDataErasureProcess,
    response: PersonalDataErasure,
  },
};

function debtorOf({ reference, name, timeZone, otherTimeZones, email, phone, address, language }: DebtorRequest): Debtor {
  return { reference, timeZone, ...defined({ otherTimeZones, name, email, phone, address: address && postalAddressOf(address), language }) };
}

/** The fields sent, null included (it removes the field); an address as plain data. */
function contactChangesOf({ address, ...rest }: ChangeDebtorContactDetailsRequest): DebtorContactChanges {
  return { ...defined(rest), ...(address !== undefined && { address: address && postalAddressOf(address) }) };
}

/** The validated request is a class instance: the event holds its fields as plain data. */
export function postalAddressOf({ lines, city, region, postalCode, country }: PostalAddressRequest): PostalAddress {
  return { lines, city, ...defined({ region, postalCode }), country };
}

/** Drops absent optional fields, so events hold no `undefined`s. */
const defined = <T extends Record<string, unknown>>(fields: T): Partial<T> =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
