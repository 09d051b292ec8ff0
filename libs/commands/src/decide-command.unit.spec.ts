import type { AccountEvent } from '@arrears/domain';
import type { AccountCommandInput } from './account-command';
import type { CommandContext } from './command-context';
import { decideCommand } from './decide-command';
import { callerWith, debtor, knownAfter, noteAdded, opened, now } from './write-path.fixtures';

const open = (creditorId: string): AccountCommandInput => ({ type: 'OpenAccount', data: { accountId: 'acc-1', creditorId, debtor } });
const note: AccountCommandInput = { type: 'AddNote', data: { text: 'Called back.' } };
const forCred1 = { creditors: ['cred-1'] } as const;

/** Given these events, when this caller sends this command: the decision. */
const given = (events: AccountEvent[]) => ({
  when:
    (input: AccountCommandInput, caller: Partial<CommandContext> = {}) =>
    () =>
      decideCommand('acc-1', input, knownAfter(events), callerWith(caller), now),
});

describe('deciding a command: the creditor scope, then If-Match, then the domain', () => {
  it('opens an account for a creditor the caller acts for', () => {
    expect(given([]).when(open('cred-1'), forCred1)()).toEqual([opened('acc-1', 'cred-1')]);
  });

  it('refuses to open one for a creditor the caller may not act for', () => {
    expect(given([]).when(open('cred-2'), forCred1)).toThrow(
      expect.objectContaining({ code: 'CREDITOR_NOT_ALLOWED', kind: 'forbidden', details: { creditorId: 'cred-2' } }),
    );
  });

  it('refuses to open an id another creditor holds exactly as opening one’s own twice', () => {
    expect(given([opened('acc-1', 'cred-2')]).when(open('cred-1'), forCred1)).toThrow(expect.objectContaining({ code: 'ACCOUNT_ALREADY_EXISTS' }));
  });

  it('answers a command on another creditor’s account as on an absent one, whatever If-Match says', () => {
    const refusal = expect.objectContaining({ code: 'ACCOUNT_NOT_FOUND', kind: 'not_found', details: { accountId: 'acc-1' } });
    expect(given([opened('acc-1', 'cred-2')]).when(note, forCred1)).toThrow(refusal);
    expect(given([opened('acc-1', 'cred-2')]).when(note, { ...forCred1, expectedRevision: 7n })).toThrow(refusal);
  });

  it('refuses a command whose If-Match names a revision the account is not at', () => {
    expect(given([opened('acc-1'), noteAdded('First.')]).when(note, { expectedRevision: 0n })).toThrow(
      expect.objectContaining({ code: 'WRONG_EXPECTED_REVISION', kind: 'stale_revision', details: { expectedRevision: 0, actualRevision: 1 } }),
    );
  });

  it('decides a command whose If-Match names the account’s revision', () => {
    expect(given([opened('acc-1')]).when(note, { expectedRevision: 0n })()).toEqual([noteAdded('Called back.')]);
  });

  it('leaves an account that does not exist to the domain, whatever If-Match says', () => {
    expect(given([]).when(note, { expectedRevision: 3n })).toThrow(expect.objectContaining({ code: 'ACCOUNT_NOT_FOUND', kind: 'not_found', details: {} }));
  });

  it('decides at the moment it is given', () => {
    const erased = given([opened('acc-1')]).when({ type: 'ErasePersonalData', data: {} })();
    expect(erased).toEqual([{ type: 'PersonalDataErased', data: { debtorReference: 'D-1', erasedOn: '2026-03-01' } }]);
  });
});
