import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { READ_STORE, type ReadStore } from '@arrears/read-store';
import { SCHEDULER_SWEEPS, TimelineScheduler } from '@arrears/scheduler';
import { deliveredNotifications } from './support/notification-log';
import { eventTypes, invoiceBody, openAccountBody, readModelsCaughtUp, startTestApi, uniqueId, wakeScheduler, type TestApi } from './support/test-api';

/** Every account on the standard strategy, whatever its id hashes to. */
const standardOnly = { COLLECTION_STRATEGIES: JSON.stringify({ default: { champion: 'standard' } }) };

/** The collection timeline running by itself, on embedded PostgreSQL, with the clock moved by the test. */
describe('the collection timeline scheduler', () => {
  let api: TestApi;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'arrears-scheduler-'));
    api = await startTestApi({ now: '2026-03-20T14:00:00Z', env: { DATA_DIR: dataDir, ...standardOnly } });
  });
  afterAll(async () => {
    await api.close();
  });

  const account = async (invoice: Record<string, unknown>) => {
    const accountId = uniqueId('acc');
    expect((await api.post('/accounts', openAccountBody(accountId))).status).toBe(201);
    expect((await api.post(`/accounts/${accountId}/invoices`, invoiceBody('inv-1', invoice))).status).toBe(201);
    return accountId;
  };
  const delivered = async () => (await deliveredNotifications(api, dataDir)).notifications;

  it('emits PaymentMissed for a backdated invoice on its own, keeps the books, and skips contact steps gone stale', async () => {
    // Due 01-31 with 5 days' grace: missed from 02-06, late fee 02-15; the reminder and SMS are weeks old.
    const accountId = await account({});
    await wakeScheduler(api);
    const types = await eventTypes(api, accountId);
    expect(types).toEqual(expect.arrayContaining(['CollectionTimelineStarted', 'PaymentMissed', 'LateFeeAssessed']));
    expect(types).not.toContain('ReminderSent');
    const events = (await api.get(`/accounts/${accountId}/events`)).body.events as { type: string; data: Record<string, unknown> }[];
    // Dated the days their steps fell due, not the day the scheduler got to them.
    expect(events.find((event) => event.type === 'PaymentMissed')?.data.missedOn).toBe('2026-02-06');
    expect(events.find((event) => event.type === 'LateFeeAssessed')?.data.assessedOn).toBe('2026-02-15');
    await readModelsCaughtUp(api);
    const history = (await api.get(`/accounts/${accountId}/history?limit=100`)).body.items.map((item: { summary: string }) => item.summary);
    expect(history).toEqual(expect.arrayContaining([expect.stringMatching(/^Timeline step reminder skipped for invoice inv-1 \(stale\)/)]));
  });

  it('places an invoice imported 100 days after it fell due with the agency, once, after the validation period, and sends none of its stale contacts', async () => {
    // Due 2025-12-10 with 5 days' grace: the agency placement fell due on 03-15. No notice went out, so the
    // placement waits for one (1006.38(b)): sent by letter on Friday 03-20, received 03-27, the period ends
    // Monday 04-27 (04-26 is a Sunday), and the account is placed on 04-28.
    const accountId = await account({ issuedOn: '2025-11-10', dueOn: '2025-12-10' });
    await wakeScheduler(api);
    await wakeScheduler(api);
    const waiting = (await api.get(`/accounts/${accountId}/events`)).body.events as { type: string; data: Record<string, unknown> }[];
    expect(waiting.find((event) => event.type === 'ValidationNoticeSent')?.data).toMatchObject({ channel: 'letter', periodEndsOn: '2026-04-27' });
    expect(waiting.map((event) => event.type)).not.toContain('PlacedWithAgency');
    try {
      api.clock.set('2026-04-27T14:00:00Z');
      await wakeScheduler(api);
      expect(await eventTypes(api, accountId)).not.toContain('PlacedWithAgency');
      api.clock.set('2026-04-28T14:00:00Z');
      await wakeScheduler(api);
      await wakeScheduler(api);
    } finally {
      api.clock.set('2026-03-20T14:00:00Z');
    }
    const types = await eventTypes(api, accountId);
    for (const type of ['PaymentMissed', 'LateFeeAssessed', 'PlacedWithAgency']) expect(types.filter((t) => t === type)).toHaveLength(1);
    expect(types).not.toContain('ReminderSent');
  });

  it('takes each step once: two schedulers at the same time, then a restart, append nothing more', async () => {
    const accountId = await account({ dueOn: '2026-02-28' });
    // Other processes: they read the projections the first one keeps.
    const elsewhere = { DATA_DIR: dataDir, RUN_PROJECTOR: 'false', ...standardOnly };
    const second = await startTestApi({ databaseUrl: api.databaseUrl, now: '2026-03-20T14:00:00Z', env: elsewhere });
    try {
      await Promise.all([wakeScheduler(api), wakeScheduler(second)]);
      const once = await eventTypes(api, accountId);
      expect(once.filter((type) => type === 'PaymentMissed')).toHaveLength(1);
      expect(once.filter((type) => type === 'CollectionTimelineStarted')).toHaveLength(1);
      await second.close();
      const restarted = await startTestApi({ databaseUrl: api.databaseUrl, now: '2026-03-20T16:00:00Z', env: elsewhere });
      await wakeScheduler(restarted);
      expect(await eventTypes(restarted, accountId)).toEqual(once);
      await restarted.close();
    } finally {
      await second.close().catch(() => undefined);
    }
  });

  it('sends the reminder before the due date through the outbox, once, with the validation notice by letter', async () => {
    // Due 03-23: the reminder falls due on 03-20, now 10:00 in New York.
    const accountId = await account({ issuedOn: '2026-03-01', dueOn: '2026-03-23' });
    await wakeScheduler(api);
    expect(await eventTypes(api, accountId)).toEqual(expect.arrayContaining(['ReminderSent', 'ValidationNoticeSent']));
    await wakeScheduler(api);
    await wakeScheduler(api);
    const mine = (await delivered()).filter((notification) => notification.id.startsWith(accountId));
    // What goes out is what the event stored: the date in the debtor's language, the collector's
    // disclosure (1006.18(e)) and a signed opt-out link (1006.6(e)); on disk, only sealed.
    expect(mine[0]?.subject).toBe('Payment reminder: USD 125.00 due March 23, 2026');
    expect(mine[0]?.body).toMatch(/attempt to collect a debt[\s\S]*open this link: http:\/\/localhost:\d+\/opt-out\/[\w-]+\.[\w-]{22}$/);
    const { clear } = await deliveredNotifications(api, dataDir);
    for (const text of ['ada@example.com', 'Payment reminder', 'attempt to collect']) expect(clear).not.toContain(text);
    expect(mine.map(({ id, channel, to }) => ({ id, channel, to }))).toEqual([
      { id: `${accountId}:inv-1:reminder`, channel: 'email', to: 'ada@example.com' },
      // Only by letter without e-mail consent (1006.34(a)(1)(i), 1006.42).
      { id: `${accountId}:validation-notice`, channel: 'letter', to: expect.anything() },
    ]);
  });

  it('holds a reminder back outside the debtor’s contact hours, and sends it once they open', async () => {
    const accountId = await account({ issuedOn: '2026-03-01', dueOn: '2026-03-24' });
    api.clock.set('2026-03-22T01:30:00Z'); // 21:30 in New York on 03-21, the reminder's day
    await wakeScheduler(api);
    expect(await eventTypes(api, accountId)).not.toContain('ReminderSent');
    api.clock.set('2026-03-22T12:00:00Z'); // 08:00 on 03-22
    await wakeScheduler(api);
    expect(await eventTypes(api, accountId)).toContain('ReminderSent');
    api.clock.set('2026-03-20T14:00:00Z');
  });

  it('under a dispute, keeps the books and defers the contact steps, once; takes them in order once it is rejected', async () => {
    // Due 03-10 with 5 days' grace: reminder 03-07 (stale by 03-20), missed 03-16, SMS 03-18, call 03-22.
    const accountId = await account({ issuedOn: '2026-03-01', dueOn: '2026-03-10', terms: { graceDays: 5 } });
    expect((await api.post(`/accounts/${accountId}/disputes`, { disputeId: 'd-1', reason: 'never received' })).status).toBe(201);
    await wakeScheduler(api);
    type Event = { type: string; data: Record<string, unknown> };
    const events = async () => (await api.get(`/accounts/${accountId}/events`)).body.events as Event[];
    const outcomes = (list: Event[], type: string) => list.filter((event) => event.type === type).map((event) => [event.data.step, event.data.reason]);
    const during = await events();
    expect(outcomes(during, 'CollectionStepSkipped')).toEqual([['reminder', 'stale']]);
    expect(outcomes(during, 'CollectionStepDeferred')).toEqual([['sms', 'dispute']]);
    expect(during.map((event) => event.type)).toContain('PaymentMissed');
    api.clock.set('2026-03-21T14:00:00Z');
    await wakeScheduler(api);
    expect(await events()).toHaveLength(during.length);
    const verification = { channel: 'letter', sentOn: '2026-03-21' };
    expect((await api.post(`/accounts/${accountId}/disputes/d-1/resolve`, { outcome: 'rejected', verification })).status).toBe(200);
    api.clock.set('2026-03-25T14:00:00Z');
    await wakeScheduler(api);
    const after = await events();
    expect(after.filter((event) => event.type === 'CollectionStepTaken').map((event) => event.data.step)).toEqual(['payment_missed', 'sms', 'call_task']);
    expect(after.filter((event) => event.type === 'ReminderSent').map((event) => event.data.step)).toEqual(['sms']);
    api.clock.set('2026-03-20T14:00:00Z');
  });
});

/** Schedulers in two processes, the accounts cut into four parts (SCHEDULER_PARTITIONS). */
describe('the scheduler’s sweep in parts', () => {
  const partitioned = { SCHEDULER_PARTITIONS: '4', ...standardOnly };
  let first: TestApi;
  let second: TestApi;
  let stopped = false;
  beforeAll(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'arrears-scheduler-parts-'));
    first = await startTestApi({ now: '2026-03-20T14:00:00Z', env: { DATA_DIR: dataDir, ...partitioned } });
    second = await startTestApi({
      databaseUrl: first.databaseUrl,
      now: '2026-03-20T14:00:00Z',
      env: { DATA_DIR: dataDir, RUN_PROJECTOR: 'false', ...partitioned },
    });
  });
  afterAll(async () => {
    // The spec stops the second itself, unless it failed before.
    if (!stopped) await second.close();
    await first.close();
  });
  const notes = async () => (await first.app.get<symbol, ReadStore>(READ_STORE).find(SCHEDULER_SWEEPS)).map(({ id, owner }) => ({ id, owner }));

  it('shares the due accounts between the processes, each account worked once, and one process sweeps every part once the other is gone', async () => {
    const accountIds = Array.from({ length: 12 }, () => uniqueId('acc'));
    for (const accountId of accountIds) {
      expect((await first.post('/accounts', openAccountBody(accountId))).status).toBe(201);
      expect((await first.post(`/accounts/${accountId}/invoices`, invoiceBody('inv-1', { dueOn: '2026-02-28' }))).status).toBe(201);
    }
    await readModelsCaughtUp(first);
    const runs = await Promise.all([first, second].map((api) => api.app.get(TimelineScheduler).runOnce()));
    // Every part swept by one process or the other, and each account worked by one of them alone.
    expect(runs.reduce((sum, run) => sum + run.accounts, 0)).toBe(accountIds.length);
    for (const accountId of accountIds) expect((await eventTypes(first, accountId)).filter((type) => type === 'PaymentMissed')).toHaveLength(1);
    const swept = await notes();
    expect(swept.map(({ id }) => id).sort()).toEqual([0, 1, 2, 3].map((part) => `timeline-scheduler:${part}/4`));
    expect(runs.every((run) => !run.standby)).toBe(true);
    expect(new Set(swept.map(({ owner }) => owner)).size).toBe(2);

    // The second process stops: once a wake's interval has passed, the first sweeps its parts too.
    await second.close();
    stopped = true;
    first.clock.set('2026-03-20T14:00:06Z');
    await readModelsCaughtUp(first);
    expect(await first.app.get(TimelineScheduler).runOnce()).toMatchObject({ refused: 0, failed: 0 });
    expect(new Set((await notes()).map(({ owner }) => owner)).size).toBe(1);
  });

  it('sweeps the other parts when one fails, and fails the wake with its error, to be woken again', async () => {
    const store = first.app.get<symbol, ReadStore>(READ_STORE);
    const get = store.get.bind(store);
    // The store fails for one part alone: the first the wake takes (they come in a random order), so that every
    // other part comes after the failure, and a wake that gave up at it would leave them all unswept.
    let failed: string | undefined;
    const failing = jest.spyOn(store, 'get').mockImplementation((collection, id) => {
      if (collection === SCHEDULER_SWEEPS && (failed ??= id) === id) return Promise.reject(new Error('connection terminated'));
      return get(collection, id);
    });
    try {
      first.clock.set('2026-03-20T14:00:12Z');
      await expect(first.app.get(TimelineScheduler).runOnce()).rejects.toThrow('connection terminated');
    } finally {
      failing.mockRestore();
    }
    const endedAt = new Map((await store.find(SCHEDULER_SWEEPS)).map(({ id, endedAt }) => [id, endedAt]));
    const parts = [0, 1, 2, 3].map((part) => `timeline-scheduler:${part}/4`);
    expect(parts).toContain(failed);
    expect(parts.map((part) => endedAt.get(part))).toEqual(parts.map((part) => (part === failed ? '2026-03-20T14:00:06.000Z' : '2026-03-20T14:00:12.000Z')));
  });

  it('warns at each wake while a process has swept the accounts, within two intervals, in another number of parts', async () => {
    const store = first.app.get<symbol, ReadStore>(READ_STORE);
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const wakeAt = async (instant: string) => {
      warn.mockClear();
      first.clock.set(instant);
      await first.app.get(TimelineScheduler).runOnce();
      return warn.mock.calls.map(([message]) => String(message)).filter((message) => message.includes('SCHEDULER_PARTITIONS'));
    };
    try {
      expect(await wakeAt('2026-03-20T14:00:20Z')).toEqual([]);
      // A process started with SCHEDULER_PARTITIONS=2 sweeps one of its parts; the interval is 5 s.
      const elsewhere = { id: 'timeline-scheduler:1/2', owner: 'scheduler-elsewhere', endedAt: '2026-03-20T14:00:21.000Z' };
      await store.apply([{ kind: 'put', collection: SCHEDULER_SWEEPS, document: elsewhere }]);
      expect(await wakeAt('2026-03-20T14:00:30Z')).toEqual([expect.stringContaining('in 2 parts, this one in 4')]);
      expect(await wakeAt('2026-03-20T14:00:31Z')).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });
});
