import { randomUUID } from 'node:crypto';
import type { AccountOpened } from '@arrears/domain';
import type { RecordedEvent } from '@arrears/event-store';
import { clearPartOf } from '@arrears/testing';
import { InMemoryKeyStore } from '../in-memory/in-memory.key-store';
import { PersonalDataVault } from './personal-data-vault';

/** Keys in a Map, counting lookups. */
class MapKeyStore extends InMemoryKeyStore {
  finds = 0;
  override async find(keyIds: string[]): Promise<Map<string, Buffer>> {
    this.finds++;
    return super.find(keyIds);
  }
}

const opened: AccountOpened['data'] = {
  accountId: 'acc-1',
  creditorId: 'cred-1',
  debtor: {
    reference: 'D-100',
    timeZone: 'America/New_York',
    otherTimeZones: ['America/Chicago'],
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    phone: '+15551234567',
    address: { lines: ['12 St James’s Square'], city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
  },
};

const recorded = (data: object, type = 'AccountOpened', revision = 0n): RecordedEvent =>
  Object.freeze({
    id: randomUUID(),
    streamId: 'account-acc-1',
    revision,
    position: revision + 1n,
    type,
    data: data as Record<string, unknown>,
    metadata: {
      correlationId: 'c',
      causationId: 'c',
      actor: { id: 'a', role: 'agent' },
      occurredAt: '',
      recordedAt: '',
      schemaVersion: 1,
      creditorId: 'cred-1',
    },
  });

describe('PersonalDataVault', () => {
  let keys: MapKeyStore;
  let vault: PersonalDataVault;
  beforeEach(() => {
    keys = new MapKeyStore();
    vault = new PersonalDataVault(keys);
  });

  it('stores no personal field in clear, and opens them back as they were', async () => {
    const stored = await vault.seal(opened);
    expect(clearPartOf(stored)).toContain('"[sealed]"');
    for (const clear of ['Ada', 'ada@example.com', '15551234567', 'James', 'SW1Y']) expect(clearPartOf(stored)).not.toContain(clear);
    expect(stored.debtor).toMatchObject({ reference: 'D-100', timeZone: 'America/New_York', otherTimeZones: ['America/Chicago'] });
    const [back] = await vault.open([recorded(stored)]);
    expect(back?.data).toEqual(opened);
  });

  it('stores a debtor without personal fields as it is, with no key made', async () => {
    const bare = { ...opened, debtor: { reference: 'D-100', timeZone: 'UTC' } };
    expect(await vault.seal(bare)).toBe(bare);
    expect(keys.live.size).toBe(0);
  });

  it('uses one key per debtor of a creditor', async () => {
    const a = await vault.seal(opened);
    const b = await vault.seal({ ...opened, accountId: 'acc-2' });
    const c = await vault.seal({ ...opened, creditorId: 'cred-2' });
    expect(a.debtor.sealed?.keyId).toBe(b.debtor.sealed?.keyId);
    expect(c.debtor.sealed?.keyId).not.toBe(a.debtor.sealed?.keyId);
  });

  it('reads a forgotten debtor as erased: the reference and zones stay, the rest is gone', async () => {
    const stored = recorded(await vault.seal(opened));
    expect(await vault.forget('cred-1', 'D-100')).toBe(1);
    const [back] = await vault.open([stored]);
    expect(back?.data).toEqual({
      accountId: 'acc-1',
      creditorId: 'cred-1',
      debtor: { reference: 'D-100', timeZone: 'America/New_York', otherTimeZones: ['America/Chicago'], personalDataErased: true },
    });
  });

  it('keeps no key that was destroyed while a reader was finding it: the next read is erased', async () => {
    const stored = recorded(await vault.seal(opened));
    const find = keys.find.bind(keys);
    let forgetting: Promise<number> | undefined;
    // The debtor is forgotten after the reader's lookup found the key and before it returned.
    keys.find = async (keyIds) => {
      const found = await find(keyIds);
      forgetting = vault.forget('cred-1', 'D-100');
      await forgetting;
      return found;
    };
    expect((await vault.open([stored]))[0]?.data).toEqual(opened);
    keys.find = find;
    expect((await vault.open([stored]))[0]?.data).toMatchObject({ debtor: { personalDataErased: true } });
    expect(forgetting).toBeDefined();
  });

  it('refuses sealed data moved to another account: the ciphertext is bound to its account', async () => {
    const stored = await vault.seal(opened);
    const [moved] = await vault.open([recorded({ ...stored, accountId: 'acc-2' })]);
    expect(() => moved?.data).toThrow(/cannot be opened: .*authenticate/);
  });

  it('hands on an event it cannot open with data that throws when read, and opens the others beside it', async () => {
    const payment = recorded({ paymentId: 'p-1' }, 'PaymentReceived', 1n);
    const noDebtor = recorded({ accountId: 'acc-1', creditorId: 'cred-1' });
    const [bare, fine, other] = await vault.open([noDebtor, recorded(await vault.seal(opened)), payment]);
    expect(() => bare?.data).toThrow(/AccountOpened\) cannot be opened/);
    expect(bare?.id).toBe(noDebtor.id);
    expect(fine?.data).toEqual(opened);
    expect(other).toBe(payment);
  });

  it('leaves other events alone, and asks the key store once for keys it has just found', async () => {
    const payment = recorded({ paymentId: 'p-1' }, 'PaymentReceived', 1n);
    const stored = recorded(await vault.seal(opened));
    const [first, second] = await vault.open([stored, payment]);
    expect(second).toBe(payment);
    await vault.open([stored]);
    expect(keys.finds).toBe(1);
    expect(first?.data).toEqual(opened);
    expect(await vault.open([payment])).toEqual([payment]);
    expect(keys.finds).toBe(1);
  });

  it('seals a credit report’s score and reason codes under the debtor’s key, and reads them as erased once it is gone', async () => {
    const report = { bureau: 'Experian', score: 640, scaleMin: 300, scaleMax: 850, reportedOn: '2026-02-20', reasonCodes: ['D1', '14'], source: 'submitted' };
    const sealed = await vault.sealFields('cred-1/D-100', 'CreditReportRecorded', report, 'account-acc-1');
    expect(Object.keys(sealed).sort()).toEqual(['bureau', 'reportedOn', 'scaleMax', 'scaleMin', 'sealed', 'source']);
    // The clear part only: the ciphertext is random base64, which may spell anything.
    expect(JSON.stringify({ ...sealed, sealed: undefined })).not.toMatch(/640|D1/);
    const stored = recorded(sealed, 'CreditReportRecorded', 1n);
    expect((await vault.open([stored]))[0]?.data).toEqual(report);
    await vault.forget('cred-1', 'D-100');
    const { bureau, scaleMin, scaleMax, reportedOn, source } = report;
    expect((await vault.open([stored]))[0]?.data).toEqual({ bureau, scaleMin, scaleMax, reportedOn, source, erased: true });
  });
});
