import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContactPoliciesInForce, type ImportProgress } from '@arrears/commands';
import {
  addDays,
  dateIn,
  defaultTimelines,
  evolve,
  initialAccountState,
  isEscalation,
  missingElements,
  phrasesIn,
  profileFor,
  templateFor,
  templatesIn,
  threateningWords,
  timeBarOf,
  valuesFor,
  type AccountEvent,
  type AccountState,
  type ContactPolicies,
  type MessageChannel,
  type MessageFacts,
  type OpenedAccount,
  type RenderedMessage,
} from '@arrears/domain';
import { deliveredNotifications } from './support/notification-log';
import { startTestApi, wakeScheduler, type TestApi } from './support/test-api';

/**
 * Issue 17's judge: accounts imported 100 days overdue, each strategy's steps replayed by the scheduler
 * over five months of a moved clock, then every message that went out checked against the rules of
 * 12 CFR 1006 it is subject to. The checks read the messages as stored and delivered, and the law's
 * elements through the domain's own `missingElements` fed from the account as it stood when each was sent.
 */
type RecordedEvent = AccountEvent & { metadata: { occurredAt: string; recordedAt: string } };
type Message = { event: RecordedEvent; at: string; channel: MessageChannel; message: RenderedMessage; before: OpenedAccount };

const start = '2026-03-20';
const days = 150;
const wakesOfDay = ['03:00', '12:00', '18:00'];

const ownProfile = {
  creditor: { name: 'Own Goods Ltd', address: { lines: ['5 Market Street'], city: 'Hartford', region: 'CT', postalCode: '06103', country: 'US' } },
  debtCollector: false,
};
const strategies = { default: { champion: 'standard' }, byCreditor: { 'cred-early': { champion: 'early-contact' } } };

/** Five debtors: the standard and early-contact strategies, e-mail by consent, a cease request, a time-barred debt, a first-party creditor. */
const debtors = {
  standard: { creditorId: 'cred-1', timeZone: 'America/New_York', region: 'NY', oldDueOn: '2025-12-10' },
  early: { creditorId: 'cred-early', timeZone: 'America/Los_Angeles', region: 'CA', oldDueOn: '2025-12-10' },
  consented: { creditorId: 'cred-1', timeZone: 'America/Chicago', region: 'IL', oldDueOn: '2025-12-10' },
  ceased: { creditorId: 'cred-1', timeZone: 'America/New_York', region: 'NY', oldDueOn: '2025-12-10' },
  barred: { creditorId: 'cred-1', timeZone: 'America/New_York', region: 'NY', oldDueOn: '2022-06-10' },
  // Owed no validation notice, a creditor's own account would go to the agency at once if 100 days overdue: 60 days leave it a month of messages.
  own: { creditorId: 'cred-own', timeZone: 'America/New_York', region: 'CT', oldDueOn: '2026-01-20' },
} as const;
type Debtor = keyof typeof debtors;
const accountOf = (debtor: Debtor) => `replay-${debtor}`;

/** An invoice 100 days past due (years for the time-barred one, 60 days for the creditor's own), one just past due and one not yet due, a part payment. */
function ledger(debtor: Debtor): object[] {
  const { creditorId, timeZone, region, oldDueOn } = debtors[debtor];
  const accountId = accountOf(debtor);
  const issued = (invoiceId: string, amount: number, issuedOn: string, dueOn: string) => ({
    type: 'invoice',
    accountId,
    invoiceId,
    amount,
    currency: 'USD',
    issuedOn,
    dueOn,
    graceDays: 5,
    lateFeeAmount: 2500,
  });
  return [
    {
      type: 'account',
      accountId,
      creditorId,
      debtorReference: `D-${debtor}`,
      timeZone,
      openedOn: '2022-01-03',
      debtorName: `Grace ${debtor}`,
      email: `${debtor}@example.com`,
      phone: '+15551230000',
      addressLine1: '7 Compliance Way',
      city: 'Capital City',
      region,
      postalCode: '10001',
      country: 'US',
    },
    issued('inv-old', 48000, addDays(oldDueOn, -30), oldDueOn),
    { type: 'payment', accountId, paymentId: 'pay-1', amount: 10000, currency: 'USD', receivedOn: '2026-01-15', method: 'card' },
    issued('inv-recent', 12000, '2026-02-15', '2026-03-17'),
    issued('inv-next', 9000, '2026-03-15', '2026-04-15'),
  ];
}

describe('the strategies replayed for accounts imported 100 days overdue (12 CFR 1006)', () => {
  let api: TestApi;
  let dataDir: string;
  let policies: ContactPolicies;
  const histories = new Map<Debtor, RecordedEvent[]>();

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'arrears-notices-replay-'));
    api = await startTestApi({
      now: `${start}T11:00:00Z`,
      env: { DATA_DIR: dataDir, COLLECTION_STRATEGIES: JSON.stringify(strategies), CREDITOR_PROFILES: JSON.stringify({ 'cred-own': ownProfile }) },
    });
    policies = api.app.get(ContactPoliciesInForce).policies;
    const file = Object.keys(debtors).flatMap((debtor) => ledger(debtor as Debtor).map((line) => JSON.stringify(line)));
    expect(await imported(file.join('\n'))).toMatchObject({ status: 'done', linesRefused: 0, errors: [] });
    // The consented debtor asked for post to stop and gave E-SIGN consent: the notice may go only by e-mail (1006.42(b)).
    const consented = accountOf('consented');
    expect((await api.post(`/accounts/${consented}/channels/letter/block`)).status).toBe(200);
    expect((await api.post(`/accounts/${consented}/electronic-delivery-consent`, { basis: 'esign_consent' })).status).toBe(201);
    await replay();
    for (const debtor of Object.keys(debtors) as Debtor[]) histories.set(debtor, await history(accountOf(debtor)));
  }, 600_000);
  afterAll(async () => {
    await api.close();
  });

  async function imported(body: string): Promise<ImportProgress> {
    const started = await api.post('/imports', body, { 'content-type': 'application/x-ndjson' });
    expect(started.status).toBe(202);
    for (;;) {
      const progress = await api.get(`/imports/${started.body.importId as string}`);
      if (progress.body.status !== 'running') return progress.body as ImportProgress;
      await new Promise((done) => setTimeout(done, 20));
    }
  }

  /**
   * Three wakes a day (one at night in every zone), the ceased debtor asking to stop on the 12th day and then sent the
   * notices 1006.6(c)(2) allows: that efforts end at once, a remedy once the validation period is over (1006.38(b)).
   */
  async function replay(): Promise<void> {
    let remedyFrom: string | undefined;
    for (let day = 0; day < days; day++) {
      const date = addDays(start, day);
      for (const time of wakesOfDay) {
        api.clock.set(`${date}T${time}:00Z`);
        await wakeScheduler(api);
      }
      if (day === 12) remedyFrom = await cease(accountOf('ceased'));
      if (remedyFrom && date >= remedyFrom) {
        expect((await api.post(`/accounts/${accountOf('ceased')}/cease/notices`, remedy)).status).toBe(201);
        remedyFrom = undefined;
      }
    }
  }

  const remedy = { kind: 'remedy_may_be_invoked', remedy: 'Reporting the debt as unpaid to the creditor', channel: 'letter' };

  /** The cease request and the notice that efforts end; the day from which a remedy may be named. */
  async function cease(accountId: string): Promise<string> {
    expect((await api.post(`/accounts/${accountId}/cease`)).status).toBe(200);
    expect((await api.post(`/accounts/${accountId}/cease/notices`, { kind: 'efforts_terminated', channel: 'letter' })).status).toBe(201);
    const early = await api.post(`/accounts/${accountId}/cease/notices`, remedy);
    expect(early.body).toMatchObject({ status: 422, code: 'VALIDATION_PERIOD' });
    return addDays(early.body.periodEndsOn as string, 1);
  }

  const history = async (accountId: string) => (await api.get(`/accounts/${accountId}/events`)).body.events as RecordedEvent[];

  /** Every message the account was sent, with the account as it stood just before it. */
  function messagesOf(debtor: Debtor): Message[] {
    const messages: Message[] = [];
    let state: AccountState = initialAccountState();
    for (const event of histories.get(debtor) ?? []) {
      const data = event.data as { channel?: MessageChannel; sentAt?: string; message?: RenderedMessage };
      if (['ReminderSent', 'ValidationNoticeSent', 'NoticeSent'].includes(event.type)) {
        expect(data.message).toBeDefined();
        if (data.message && data.channel && data.sentAt && state.status !== 'unopened') {
          messages.push({ event, at: data.sentAt, channel: data.channel, message: data.message, before: state });
        }
      }
      state = evolve(state, event);
    }
    return messages;
  }

  const validationNotices = (debtor: Debtor) => (histories.get(debtor) ?? []).filter((event) => event.type === 'ValidationNoticeSent');
  const periodEndOf = (debtor: Debtor) => (validationNotices(debtor)[0]?.data as { periodEndsOn: string } | undefined)?.periodEndsOn;
  const localTime = (instant: string, timeZone: string) =>
    new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));
  const debtCollectors = (Object.keys(debtors) as Debtor[]).filter((debtor) => debtor !== 'own');

  it('sends every debtor messages over the five months: the replay is not empty', () => {
    for (const debtor of Object.keys(debtors) as Debtor[]) expect(messagesOf(debtor).length).toBeGreaterThan(0);
    const channels = new Set((Object.keys(debtors) as Debtor[]).flatMap((debtor) => messagesOf(debtor).map(({ channel }) => channel)));
    expect([...channels].sort()).toEqual(['email', 'letter', 'sms']);
  });

  it('sends a debt collector’s validation notice once, by letter or by consented e-mail, with the first communication (1006.34(a), 1006.42)', () => {
    for (const debtor of debtCollectors) {
      const notices = validationNotices(debtor);
      expect(notices).toHaveLength(1);
      const notice = notices[0]?.data as { channel: string; sentAt: string };
      expect(notice.channel).toBe(debtor === 'consented' ? 'email' : 'letter');
      const first = messagesOf(debtor)[0];
      expect(Date.parse(notice.sentAt) - Date.parse(first?.at ?? '')).toBeLessThanOrEqual(5 * 86_400_000);
    }
    expect(validationNotices('own')).toEqual([]);
  });

  it('puts in every message what the law requires of it: opt-out, disclosure, the notice’s elements, the time-barred paragraph (1006.6(e), 1006.18(e), 1006.34(c), 1006.26)', () => {
    let checked = 0;
    for (const debtor of Object.keys(debtors) as Debtor[]) {
      for (const { event, message, channel, at, before } of messagesOf(debtor)) {
        const today = dateIn(at, before.debtor.timeZone);
        const template = templateFor(templatesIn(policies), message.templateId, channel, message.language);
        // What the event says it was about: the invoice and amount, the remedy, the notice's itemization and period.
        const facts = event.data as MessageFacts;
        const timeBarredDisclosure = timeBarOf(before, policies, today).disclosureRequired;
        const request = { templateId: message.templateId, channel, facts, timeBarredDisclosure };
        const rendered = template ? valuesFor({ account: before, policies, today }, request, template) : {};
        const { debtCollector } = profileFor(policies.profiles, before.creditorId);
        // Every message from a debt collector says so (1006.18(e)(2)); which one was the first, owing the fuller (e)(1), is checked below.
        const values = { ...rendered, disclosure: debtCollector ? phrasesIn(message.language).laterDisclosure : '' };
        expect({
          debtor,
          template: message.templateId,
          missing: missingElements(message, { templateId: message.templateId, channel, debtCollector, values, timeBarredDisclosure }),
        }).toEqual({
          debtor,
          template: message.templateId,
          missing: [],
        });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('says in a debt collector’s first message that it is an attempt to collect a debt (1006.18(e)(1)), and a creditor’s own says nothing of the kind', () => {
    for (const debtor of debtCollectors) {
      const first = messagesOf(debtor)[0]?.message;
      expect(`${first?.body}`).toContain(phrasesIn('en').initialDisclosure);
    }
    for (const { message } of messagesOf('own')) expect(message.body).not.toContain('debt collector');
  });

  it('queues and delivers e-mails and texts only within 08:00–21:00 in the debtor’s zone (1006.6(b)(1)(i))', async () => {
    const { notifications } = await deliveredNotifications(api, dataDir);
    const deliveredAt = new Map(notifications.map(({ id, deliveredAt }) => [id, deliveredAt]));
    let checked = 0;
    for (const debtor of Object.keys(debtors) as Debtor[]) {
      for (const { event, channel, at } of messagesOf(debtor).filter(({ channel }) => channel !== 'letter')) {
        const { notificationId } = event.data as { notificationId?: string };
        const delivered = deliveredAt.get(notificationId ?? `${accountOf(debtor)}:validation-notice`) ?? '';
        const inHours = (instant: string) => ((time) => time >= '08:00' && time < '21:00')(localTime(instant, debtors[debtor].timeZone));
        expect({ debtor, channel, at, delivered, inHours: inHours(at) && inHours(delivered) }).toEqual({ debtor, channel, at, delivered, inHours: true });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('threatens nothing and demands nothing by a date until the validation period has ended (1006.38(b))', () => {
    const escalationSteps = new Set(
      Object.values(defaultTimelines.strategies).flatMap((strategy) => strategy.steps.filter(isEscalation).map(({ step }) => step)),
    );
    let escalated = 0;
    for (const debtor of debtCollectors) {
      const periodEndsOn = periodEndOf(debtor) as string;
      const zone = debtors[debtor].timeZone;
      for (const event of histories.get(debtor) ?? []) {
        const on = dateIn(event.metadata.occurredAt, zone);
        const data = event.data as { step?: string };
        const escalation =
          ['PlacedWithAgency', 'EscalatedToLegal'].includes(event.type) || (event.type === 'CollectionStepTaken' && escalationSteps.has(data.step ?? ''));
        if (escalation) {
          escalated++;
          expect({ debtor, type: event.type, step: data.step, on, afterPeriod: on > periodEndsOn }).toMatchObject({ afterPeriod: true });
        }
      }
      for (const { message, at } of messagesOf(debtor).filter(({ at }) => dateIn(at, zone) <= periodEndsOn)) {
        expect({ debtor, template: message.templateId, at, threats: threateningWords(message) }).toMatchObject({ threats: [] });
      }
    }
    expect(escalated).toBeGreaterThan(0);
  });

  it('never threatens legal action on a time-barred debt, and never reviews it for legal action (1006.26(b))', () => {
    const events = histories.get('barred') ?? [];
    const types = events.map(({ type }) => type);
    expect(types).not.toContain('EscalatedToLegal');
    const legal = events.filter((event) => (event.data as { step?: string }).step === 'legal_review');
    expect(legal.map(({ type, data }) => ({ type, reason: (data as { reason?: string }).reason }))).toContainEqual({
      type: 'CollectionStepSkipped',
      reason: 'time_barred',
    });
    expect(legal.filter(({ type }) => type === 'CollectionStepTaken')).toEqual([]);
    for (const { message } of messagesOf('barred')) expect(message.templateId).not.toBe('final-notice');
  });

  it('after a cease request sends only the notices 1006.6(c)(2) allows, and nothing from the strategy', () => {
    const events = histories.get('ceased') ?? [];
    const ceased = events.findIndex(({ type }) => type === 'CeaseCommunicationRequested');
    expect(ceased).toBeGreaterThan(0);
    const after = events.slice(ceased + 1);
    const said = after.flatMap(({ type, data }) =>
      ['ReminderSent', 'ValidationNoticeSent', 'NoticeSent'].includes(type) ? [{ type, purpose: (data as { purpose?: string }).purpose }] : [],
    );
    expect(said).toEqual([
      { type: 'NoticeSent', purpose: 'efforts_terminated' },
      { type: 'NoticeSent', purpose: 'remedy_notice' },
    ]);
    const communicating = after.filter(
      ({ type, data }) => type === 'CollectionStepTaken' && ['notify', 'call_task'].includes((data as { action: string }).action),
    );
    expect(communicating).toEqual([]);
  });

  it('delivers what it stored: every message once, each letter to the postal address, no validation notice by text', async () => {
    const { notifications } = await deliveredNotifications(api, dataDir);
    const delivered = new Map(notifications.map((notification) => [notification.id, notification]));
    expect(delivered.size).toBe(notifications.length);
    for (const debtor of Object.keys(debtors) as Debtor[]) {
      for (const { event, channel, message } of messagesOf(debtor)) {
        const { notificationId } = event.data as { notificationId?: string };
        const id = notificationId ?? `${accountOf(debtor)}:validation-notice`;
        const sent = delivered.get(id);
        expect({ id, channel: sent?.channel }).toEqual({ id, channel });
        expect(sent?.body).toContain(channel === 'letter' ? escapeHtml(message.body.split('\n')[0] ?? '') : message.body);
        if (channel === 'letter') expect(sent?.to).toContain('7 Compliance Way');
        if (message.templateId === 'validation-notice') expect(channel).not.toBe('sms');
      }
    }
  });
});

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
