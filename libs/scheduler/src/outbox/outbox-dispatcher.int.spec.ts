import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { ContactPoliciesInForce } from '@arrears/commands';
import type { Debtor, OpenedAccount } from '@arrears/domain';

type Restrictions = OpenedAccount['restrictions'];
import { InMemoryEventStore } from '@arrears/event-store';
import { LocalKeyEncryption, PersonalDataVault, PostgresKeyStore, type KeyStore } from '@arrears/personal-data';
import { FixedClock, loadConfig, RandomIdGenerator, type AppConfig } from '@arrears/platform';
import { accountReadModel, outboxProjection } from '@arrears/projections';
import { LeaseLostError, PostgresReadStore, type ReadDocument } from '@arrears/read-store';
import { createTestDatabase } from '../../../../test/setup/test-database';
import { channelRouter } from '../notifications/channel-router';
import { FakeProvider } from '../notifications/fake-provider.fixtures';
import type { NotificationSender } from '../notifications/notification.port';
import { OutboxDeadLetters } from './dead-letters';
import { DELIVERIES, OUTBOX_DEAD_LETTERS, RETRIES, type DeadLetter, type PendingRetry } from './delivery-records';
import { OutboxDispatcher } from './outbox-dispatcher';

/**
 * The outbox delivering through real adapters (a Twilio-like server on a local port, the files of
 * the embedded default) into embedded PostgreSQL, while the provider fails: 5xx, a timeout, a killed
 * connection, a refused number.
 */
describe('the outbox dispatcher, when deliveries fail', () => {
  const twilio = new FakeProvider();
  const clock = new FixedClock(new Date('2026-04-02T15:00:00Z'));
  const t0 = clock.now().getTime();
  const at = (ms: number) => new Date(t0 + ms).toISOString();
  let smsUrl: string;
  let keys: KeyStore;
  let reads: PostgresReadStore;
  let dataDir: string;
  let position: number;
  const warned: string[] = [];
  beforeAll(async () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warned.push(String(message)));
    smsUrl = await twilio.start();
    keys = await PostgresKeyStore.connect(await createTestDatabase(), new LocalKeyEncryption('the-key-encryption-key-of-32-characters'));
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await twilio.stop();
    await keys.close();
  });
  beforeEach(async () => {
    reads = await PostgresReadStore.connect(await createTestDatabase());
    dataDir = await mkdtemp(join(tmpdir(), 'arrears-outbox-'));
    twilio.received.length = 0;
    position = 0;
    clock.set(new Date(t0));
  });
  afterEach(() => reads.close());

  /** Three tries at most, the first retry 45 s later (jitter fixed at the middle), then 90 s. */
  const settings = (): AppConfig =>
    loadConfig({
      DATA_DIR: dataDir,
      SMS_PROVIDER_URL: smsUrl,
      SMS_ACCOUNT_SID: `AC${'0a'.repeat(16)}`,
      SMS_AUTH_TOKEN: 'the-auth-token',
      SMS_FROM: '+15005550006',
      NOTIFY_MAX_ATTEMPTS: '3',
      NOTIFY_RETRY_BASE_MS: '60000',
      NOTIFY_RETRY_MAX_MS: '600000',
      NOTIFY_TIMEOUT_MS: '300',
    });
  const dispatcherWith = (sender: NotificationSender) => {
    const config = settings();
    // Notifications queued here name no stored message: the event store is never read.
    const dispatcher = new OutboxDispatcher(
      reads,
      new InMemoryEventStore(),
      sender,
      clock,
      new RandomIdGenerator(),
      config,
      new ContactPoliciesInForce(config),
    );
    dispatcher.random = () => 0.5;
    return dispatcher;
  };
  /** A dispatcher as a (re)started process makes it: the configured adapters, nothing kept in memory. */
  const dispatcher = () => dispatcherWith(channelRouter(settings(), new PersonalDataVault(keys), clock));

  const ada: Debtor = {
    reference: 'D-1',
    timeZone: 'America/New_York',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    phone: '+15551234567',
    address: { lines: ['12 Analytical Row'], city: 'Albany', region: 'NY', postalCode: '12207', country: 'US' },
  };

  /** Queues a notification as the projections would: the outbox entry, and its account as the account read model has it. */
  async function queued(
    channel: 'email' | 'sms' | 'letter',
    options: {
      debtor?: Debtor;
      creditorId?: string;
      accountsBehind?: boolean;
      restrictions?: Partial<Restrictions>;
      template?: string;
      preferredContactTime?: { from: string; to: string };
    } = {},
  ): Promise<string> {
    position++;
    const accountId = `acc-${position}`;
    const id = `${accountId}:inv-1:${channel}`;
    const creditorId = options.creditorId ?? 'cred-1';
    const template = options.template ?? (channel === 'sms' ? 'past-due-sms' : channel === 'letter' ? 'final-notice' : 'payment-reminder');
    const facts = options.template ? { purpose: 'efforts_terminated' } : { invoiceId: 'inv-1', amount: 12_500, currency: 'USD', dueOn: '2026-03-23' };
    const restrictions = { ceaseRequested: false, blockedChannels: [], hardship: false, ...options.restrictions };
    await reads.apply(
      [
        { kind: 'put', collection: outboxProjection.collection, document: { id, accountId, channel, template, facts, queuedAt: at(0), position } },
        {
          kind: 'put',
          collection: accountReadModel.collection,
          document: {
            id: accountId,
            creditorId,
            account: {
              creditorId,
              debtor: options.debtor ?? ada,
              restrictions,
              disputes: {},
              creditorRequests: {},
              holds: {},
              agency: null,
              legal: null,
              invoices: {},
              interactions: { preferredContactTime: options.preferredContactTime ?? null },
            },
            position,
          },
        },
      ],
      options.accountsBehind ? undefined : { name: accountReadModel.name, position: BigInt(position) },
    );
    return id;
  }
  const checkpoint = () => reads.checkpoint('outbox-dispatcher');
  const retry = async (id: string) => (await reads.get(RETRIES, id)) as PendingRetry | undefined;
  const deadLetter = async (id: string) => (await reads.get(OUTBOX_DEAD_LETTERS, id)) as DeadLetter | undefined;
  const delivery = (id: string) => reads.get(DELIVERIES, id);
  const logged = async () => (await readFile(join(dataDir, 'notifications.log'), 'utf8').catch(() => '')).split('\n').filter(Boolean).length;

  it('holds no later notification behind a failing one: the e-mail goes out, the SMS waits for its next try', async () => {
    twilio.answer({ status: 500, body: { code: 20500, message: 'Internal Server Error' } });
    const sms = await queued('sms');
    const email = await queued('email');

    expect(await dispatcher().dispatch()).toBe(1);

    expect(await delivery(email)).toMatchObject({ attempts: 1, deliveredAt: at(0) });
    expect(await logged()).toBe(1);
    expect(await retry(sms)).toMatchObject({
      attempts: 1,
      nextAttemptAt: at(45_000),
      creditorId: 'cred-1',
      lastError: expect.stringMatching(/HTTP 500, code 20500/),
    });
    expect(await checkpoint()).toBe(2n);
  });

  it('tries again once the time comes, also after a restart, and then delivers', async () => {
    twilio.answer({ status: 503, body: {} });
    const sms = await queued('sms');
    await dispatcher().dispatch();

    clock.set(at(44_000));
    expect(await dispatcher().dispatch()).toBe(0);
    expect(twilio.received).toHaveLength(1);

    clock.set(at(45_000));
    expect(await dispatcher().dispatch()).toBe(1);
    expect(twilio.received).toHaveLength(2);
    expect(await retry(sms)).toBeUndefined();
    expect(await delivery(sms)).toMatchObject({ attempts: 2, deliveredAt: at(45_000) });
  });

  it('dead-letters after NOTIFY_MAX_ATTEMPTS tries (a 5xx, a killed connection, a timeout), the delays doubling, with the last error', async () => {
    twilio.answer({ status: 500, body: {} }, 'reset', 'hang');
    const sms = await queued('sms');
    await dispatcher().dispatch();
    expect(await retry(sms)).toMatchObject({ attempts: 1, nextAttemptAt: at(45_000) });
    clock.set(at(45_000));
    await dispatcher().dispatch();
    expect(await retry(sms)).toMatchObject({
      attempts: 2,
      nextAttemptAt: at(45_000 + 90_000),
      lastError: 'Twilio did not answer: other side closed (UND_ERR_SOCKET)',
    });
    clock.set(at(135_000));
    await dispatcher().dispatch();

    expect(await retry(sms)).toBeUndefined();
    expect(await deadLetter(sms)).toEqual({
      id: sms,
      accountId: 'acc-1',
      creditorId: 'cred-1',
      channel: 'sms',
      template: 'past-due-sms',
      position: 1,
      attempts: 3,
      lastError: 'Twilio did not answer: no answer within 300 ms',
      firstFailedAt: at(0),
      deadAt: at(135_000),
      permanent: false,
    });
    expect(await delivery(sms)).toBeUndefined();
  });

  it('dead-letters at once what no retry can fix: a number the provider refuses, a letter with no postal address; keeps no address', async () => {
    twilio.answer({ status: 400, body: { code: 21211, message: "The 'To' number +15551234567 is not a valid phone number.", status: 400 } });
    const sms = await queued('sms');
    const unaddressed: Debtor = { ...ada };
    delete unaddressed.address;
    const letter = await queued('letter', { debtor: unaddressed });

    await dispatcher().dispatch();

    expect(await deadLetter(sms)).toMatchObject({
      attempts: 1,
      permanent: true,
      lastError: "Twilio refused the message (HTTP 400, code 21211: The 'To' number [address] is not a valid phone number.)",
    });
    expect(await deadLetter(letter)).toMatchObject({ attempts: 1, permanent: true, channel: 'letter', lastError: 'The debtor has no postal address' });
    expect(await reads.find(RETRIES)).toEqual([]);
    expect(await checkpoint()).toBe(2n);
    expect(warned.join('\n')).toContain('acc-1:inv-1:sms by sms not delivered, for good');
    expect(warned.join('\n')).not.toContain('5551234567');
  });

  it('sends a letter to the postal address in the hand-over folder', async () => {
    const letter = await queued('letter');
    expect(await dispatcher().dispatch()).toBe(1);
    expect(await delivery(letter)).toMatchObject({ channel: 'letter' });
    expect(await readFile(join(dataDir, 'letters', `${encodeURIComponent(letter)}.letter.json`), 'utf8')).toContain('"subject":"Final notice: invoice inv-1"');
  });

  it('tries a provider that does not answer once per wake: the channel’s later notifications wait for its next try, untried', async () => {
    twilio.answer('hang');
    const first = await queued('sms');
    const second = await queued('sms');
    const email = await queued('email');

    await dispatcher().dispatch();

    expect(twilio.received).toHaveLength(1);
    expect(await retry(first)).toMatchObject({ attempts: 1, nextAttemptAt: at(45_000) });
    expect(await retry(second)).toMatchObject({
      attempts: 0,
      nextAttemptAt: at(45_000),
      lastError: expect.stringMatching(/^not tried while sms was failing: /),
    });
    expect(await delivery(email)).toBeDefined();
    expect(await checkpoint()).toBe(3n);

    clock.set(at(45_000));
    expect(await dispatcher().dispatch()).toBe(2);
    expect(await reads.find(RETRIES)).toEqual([]);
    expect(await delivery(second)).toMatchObject({ attempts: 1 });
  });

  it('lets a supervisor requeue a dead letter of their creditors: it goes out on the next wake', async () => {
    twilio.answer({ status: 400, body: { code: 21211, message: 'invalid' } });
    const sms = await queued('sms');
    await dispatcher().dispatch();
    const deadLetters = new OutboxDeadLetters(reads, clock);
    expect(await deadLetters.list(['cred-2'], { limit: 10 })).toEqual([]);
    expect((await deadLetters.list(['cred-1'], { limit: 10 })).map(({ id }) => id)).toEqual([sms]);
    await expect(deadLetters.requeue(sms, ['cred-2'], { id: 'sup-2', role: 'supervisor' })).rejects.toMatchObject({ code: 'DEAD_LETTER_NOT_FOUND' });

    clock.set(at(60_000));
    const requeued = await deadLetters.requeue(sms, ['cred-1'], { id: 'sup-1', role: 'supervisor' });
    expect(requeued).toMatchObject({ attempts: 0, nextAttemptAt: at(60_000), requeues: [{ by: { id: 'sup-1', role: 'supervisor' }, at: at(60_000) }] });
    expect(await deadLetter(sms)).toBeUndefined();

    expect(await dispatcher().dispatch()).toBe(1);
    expect(await delivery(sms)).toMatchObject({ attempts: 1, deliveredAt: at(60_000) });
    expect(await reads.find(RETRIES)).toEqual([]);
  });

  it('holds an e-mail or SMS whose try falls outside the debtor’s contact hours until they open, untried; a letter goes', async () => {
    clock.set('2026-04-02T06:00:00Z'); // 02:00 in New York
    const sms = await queued('sms');
    const letter = await queued('letter');

    expect(await dispatcher().dispatch()).toBe(1);

    expect(twilio.received).toHaveLength(0);
    expect(await delivery(letter)).toBeDefined();
    expect(await retry(sms)).toMatchObject({
      attempts: 0,
      nextAttemptAt: '2026-04-02T12:00:00.000Z',
      lastError: expect.stringMatching(/^waiting for contact hours: It is outside 08:00–21:00 in America\/New_York/),
    });
    clock.set('2026-04-02T12:00:00Z');
    expect(await dispatcher().dispatch()).toBe(1);
    expect(await delivery(sms)).toMatchObject({ attempts: 1 });
  });

  it('holds an e-mail or SMS until the span the debtor said suits them opens (1006.6(b)(1)(i)); dead-letters one whose span the hours never meet', async () => {
    clock.set('2026-04-02T14:00:00Z'); // 10:00 in New York, within 08:00–21:00
    const email = await queued('email', { preferredContactTime: { from: '18:00', to: '20:00' } });
    const never = await queued('sms', { preferredContactTime: { from: '05:00', to: '07:00' } });

    expect(await dispatcher().dispatch()).toBe(0);

    expect(await retry(email)).toMatchObject({
      attempts: 0,
      nextAttemptAt: '2026-04-02T22:00:00.000Z',
      lastError: expect.stringMatching(/^waiting for contact hours: The debtor said contact suits them from 18:00 to 20:00/),
    });
    expect(await deadLetter(never)).toMatchObject({ permanent: true, lastError: expect.stringMatching(/^withheld: no convenient time within two weeks/) });
    clock.set('2026-04-02T22:00:00Z');
    expect(await dispatcher().dispatch()).toBe(1);
    expect(await delivery(email)).toMatchObject({ attempts: 1 });
  });

  it('withholds a reminder the debtor has since ruled out (a cease request, a blocked medium), dead-lettered with why; a notice 1006.6(c)(2) allows goes', async () => {
    const ceased = await queued('email', { restrictions: { ceaseRequested: true } });
    const blocked = await queued('sms', { restrictions: { blockedChannels: ['sms'] } });
    const effortsEnd = await queued('email', { restrictions: { ceaseRequested: true }, template: 'efforts-terminated' });

    expect(await dispatcher().dispatch()).toBe(1);

    expect(twilio.received).toHaveLength(0);
    expect(await deadLetter(ceased)).toMatchObject({
      permanent: true,
      lastError: expect.stringMatching(/^withdrawn: The debtor asked that communication cease/),
    });
    expect(await deadLetter(blocked)).toMatchObject({
      permanent: true,
      lastError: expect.stringMatching(/^withdrawn: The debtor asked not to be contacted by sms/),
    });
    expect(await delivery(effortsEnd)).toBeDefined();
  });

  it('waits for the account read model: a notification it has not reached is not tried, and the checkpoint stays before it', async () => {
    const email = await queued('email', { accountsBehind: true });
    expect(await dispatcher().dispatch()).toBe(0);
    expect(await checkpoint()).toBeUndefined();
    await reads.apply([], { name: accountReadModel.name, position: 1n });
    expect(await dispatcher().dispatch()).toBe(1);
    expect(await delivery(email)).toBeDefined();
  });

  it('writes nothing once its lease has passed to another dispatcher (fenced)', async () => {
    const sms = await queued('sms');
    // The lease is taken over while the provider is being called, as by a dispatcher that thought this one dead.
    const takenOver: NotificationSender = {
      send: async () => {
        await reads.acquireLease('outbox-dispatcher', 'another-dispatcher', 30_000, { takeOver: true });
        throw new Error('provider down');
      },
    };
    await expect(dispatcherWith(takenOver).dispatch()).rejects.toBeInstanceOf(LeaseLostError);
    expect(await checkpoint()).toBeUndefined();
    expect(await retry(sms)).toBeUndefined();
    const everything: ReadDocument[] = [...(await reads.find(RETRIES)), ...(await reads.find(OUTBOX_DEAD_LETTERS)), ...(await reads.find(DELIVERIES))];
    expect(everything).toEqual([]);
  });
});
