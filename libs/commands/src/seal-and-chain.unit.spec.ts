import { optOutLinkMarker, type AccountEvent } from '@arrears/domain';
import { InMemoryEventStore, verifyChain } from '@arrears/event-store';
import { InMemoryKeyStore, PersonalDataVault } from '@arrears/personal-data';
import { clearPartOf } from '@arrears/testing';
import { loadAccount } from './load-account';
import { eventIdOf } from './seal-and-chain';
import { callerWith, chainKey, noteAdded, now, opened, optOutLinks, record, sealAndChain } from './write-path.fixtures';

describe('sealing and chaining: the events as they are stored', () => {
  it('chains the events to the stream’s last hash, at the revisions after it, so the stream verifies', async () => {
    const store = new InMemoryEventStore();
    await record(store, 'acc-1', [opened('acc-1')]);
    const known = await loadAccount(store, 'account-acc-1');
    const stored = await sealAndChain().newEvents([noteAdded('One.'), noteAdded('Two.')], 'account-acc-1', known, callerWith(), now);
    expect(stored.map(({ metadata }) => [metadata.previousHash === known.lastHash, metadata.chainKeyId])).toEqual([
      [true, chainKey.id],
      [false, chainKey.id],
    ]);
    await store.append('account-acc-1', stored, { expectedRevision: known.revision });
    expect(verifyChain(await store.readStream('account-acc-1'), chainKey)).toMatchObject({ status: 'intact', events: 3 });
  });

  it('seals the debtor’s personal data of an opening: stored without it, opened again by the vault', async () => {
    const store = new InMemoryEventStore();
    const vault = new PersonalDataVault(new InMemoryKeyStore());
    const named = opened('acc-1', 'cred-1', { reference: 'D-1', timeZone: 'UTC', name: 'Ada Lovelace', email: 'ada@example.com' });
    await record(store, 'acc-1', [named], vault);
    const [stored] = await store.readStream('account-acc-1');
    expect(clearPartOf(stored?.data)).toContain('"[sealed]"');
    expect(clearPartOf(stored?.data)).not.toMatch(/Ada|ada@/);
    expect((await vault.open(await store.readStream('account-acc-1')))[0]?.data).toEqual(named.data);
  });

  it('seals a rendered message under the debtor’s key, its opt-out link signed first; erasing the debtor erases what it said', async () => {
    const store = new InMemoryEventStore();
    const vault = new PersonalDataVault(new InMemoryKeyStore(), 0);
    await record(store, 'acc-1', [opened('acc-1', 'cred-1', { reference: 'D-1', timeZone: 'UTC', name: 'Ada Lovelace' })], vault);
    const message = {
      templateId: 'payment-reminder',
      version: 1,
      language: 'en',
      subject: 'For Ada Lovelace',
      body: `Dear Ada Lovelace,\nStop: ${optOutLinkMarker}`,
    };
    const reminder: AccountEvent = {
      type: 'ReminderSent',
      data: {
        notificationId: 'n-1',
        invoiceId: 'inv-1',
        step: 'reminder',
        channel: 'email',
        template: 'payment-reminder',
        amount: 100,
        currency: 'USD',
        dueOn: '2026-03-01',
        sentAt: now.toISOString(),
        message,
      },
    };
    const known = await loadAccount(store, 'account-acc-1');
    const stored = await sealAndChain(vault).newEvents([reminder], 'account-acc-1', known, callerWith(), now);
    await store.append('account-acc-1', stored, { expectedRevision: known.revision });
    const [, raw] = await store.readStream('account-acc-1');
    expect(clearPartOf(raw?.data)).toContain('"[sealed]"');
    expect(clearPartOf(raw?.data)).not.toMatch(/Ada|Dear/);
    expect(raw?.data).toMatchObject({ message: { templateId: 'payment-reminder', version: 1, language: 'en', sealed: { keyId: expect.any(String) } } });
    const [, reopened] = await vault.open(await store.readStream('account-acc-1'));
    const link = optOutLinks.linkFor('acc-1', 'email');
    expect(reopened?.data).toMatchObject({ message: { ...message, body: `Dear Ada Lovelace,\nStop: ${link}` } });
    expect(optOutLinks.read(link.split('/').pop() as string)).toEqual({ accountId: 'acc-1', channel: 'email' });
    await vault.forget('cred-1', 'D-1');
    const [, erased] = await vault.open(await store.readStream('account-acc-1'));
    expect(erased?.data).toMatchObject({ message: { templateId: 'payment-reminder', version: 1, language: 'en', subject: '', body: '', erased: true } });
    expect(verifyChain(await store.readStream('account-acc-1'), chainKey)).toMatchObject({ status: 'intact', events: 2 });
  });

  it('records who asked, under which request and when, and the account’s creditor, in every event’s metadata', async () => {
    const store = new InMemoryEventStore();
    const caller = callerWith({ correlationId: 'corr-9', causationId: 'req-9' });
    const expected = {
      correlationId: 'corr-9',
      causationId: 'req-9',
      actor: caller.actor,
      occurredAt: now.toISOString(),
      recordedAt: now.toISOString(),
      schemaVersion: 1,
      creditorId: 'cred-7',
    };
    const [opening] = await sealAndChain().newEvents([opened('acc-1', 'cred-7')], 'account-acc-1', await loadAccount(store, 'account-acc-1'), caller, now);
    expect(opening?.metadata).toMatchObject(expected);
    await record(store, 'acc-1', [opened('acc-1', 'cred-7')]);
    const [later] = await sealAndChain().newEvents([noteAdded('Later.')], 'account-acc-1', await loadAccount(store, 'account-acc-1'), caller, now);
    expect(later?.metadata).toMatchObject(expected);
  });

  it('dates a fact of the past by its business instant (occurredAt) and records it at the real clock (recordedAt)', async () => {
    const known = await loadAccount(new InMemoryEventStore(), 'account-acc-1');
    const happened = new Date('2025-06-30T12:00:00Z');
    const [opening] = await sealAndChain().newEvents([opened('acc-1')], 'account-acc-1', known, callerWith(), now, happened);
    expect(opening?.metadata).toMatchObject({ occurredAt: '2025-06-30T12:00:00.000Z', recordedAt: now.toISOString() });
  });

  it('derives the event ids from the Idempotency-Key, so two copies of a request append once; without one, they are fresh', async () => {
    const known = await loadAccount(new InMemoryEventStore(), 'account-acc-1');
    const idsOf = async (idempotencyKey?: string) =>
      (await sealAndChain().newEvents([noteAdded('One.'), noteAdded('Two.')], 'account-acc-1', known, callerWith({ idempotencyKey }), now)).map(({ id }) => id);
    expect(await idsOf('agent-1:key-1')).toEqual([eventIdOf('agent-1:key-1', 'account-acc-1', 0), eventIdOf('agent-1:key-1', 'account-acc-1', 1)]);
    expect(await idsOf()).not.toEqual(await idsOf());
  });
});
