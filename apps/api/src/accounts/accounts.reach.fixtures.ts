import type { AccountsCommand } from '@arrears/domain';
import { type CapabilityReach, http } from '../command-handling/command-reach.fixtures';

/** A request with every optional field set. */
const address = { lines: ['1 Main St'], city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' };
const debtor = {
  reference: 'D-1',
  name: 'Ada',
  timeZone: 'America/New_York',
  otherTimeZones: ['America/Chicago'],
  email: 'ada@example.com',
  phone: '+15551234567',
  address,
  language: 'es',
};

/** How each field of the accounts commands is set from outside (see every-field-reachable.unit.spec.ts). */
export const accountsReach: CapabilityReach<AccountsCommand> = {
  OpenAccount: {
    fields: {
      accountId: true,
      creditorId: true,
      debtor: {
        reference: true,
        name: true,
        timeZone: true,
        otherTimeZones: true,
        email: true,
        phone: true,
        address: { lines: true, city: true, region: true, postalCode: true, country: true },
        language: true,
        personalDataErased: {
          notAnInput:
            'the mark an erased debtor carries in events and state (Debtor is shared); PersonalDataErased sets it, and so does reading the log once the debtor’s key is destroyed',
        },
      },
      openedOn: true,
      debtType: true,
      debtorCreditLimit: { setBy: 'the command path (DebtorCreditLimitInForce), from the debtor’s other accounts with the creditor in the account read model' },
    },
    made: [
      http(
        'POST /accounts',
        { accountId: 'acc-1', creditorId: 'cred-1', debtor, openedOn: '2026-01-02', debtType: 'written_contract' },
        {},
        { amount: 10_000, currency: 'USD', overLimit: 'refuse' },
      ),
    ],
  },
  CloseAccount: { fields: { reason: true }, made: [http('POST /accounts/:accountId/close', { reason: 'Paid in full' })] },
  ErasePersonalData: { fields: {}, made: [] },
  ChangeDebtorContactDetails: {
    fields: {
      name: true,
      email: true,
      phone: true,
      address: { lines: true, city: true, region: true, postalCode: true, country: true },
      timeZone: true,
      otherTimeZones: true,
      language: true,
    },
    made: [
      http('POST /accounts/:accountId/contact-details', {
        name: 'Ada',
        email: 'ada@example.com',
        phone: '+15551234567',
        address,
        timeZone: 'America/Chicago',
        otherTimeZones: ['America/Denver'],
        language: 'en',
      }),
    ],
  },
  AssignAgent: { fields: { agentId: true }, made: [http('POST /accounts/:accountId/assign', { agentId: 'agent-7' })] },
};
