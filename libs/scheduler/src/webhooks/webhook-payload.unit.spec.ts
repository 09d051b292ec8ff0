import { createHmac } from 'node:crypto';
import type { RecordedEvent } from '@arrears/event-store';
import { payloadOf, signatureOf, subscribedTo } from './webhook-payload';

const sealed = { keyId: 'k-1', iv: 'aXY=', data: 'ZGF0YQ==', tag: 'dGFn' };

const event = (overrides: Partial<RecordedEvent> = {}): RecordedEvent => ({
  id: '6f1c1d1e-0000-4000-8000-000000000001',
  streamId: 'account-acc-1',
  revision: 0n,
  position: 42n,
  type: 'AccountOpened',
  data: { accountId: 'acc-1', creditorId: 'cred-1', debtor: { reference: 'D-1', timeZone: 'UTC', sealed } },
  metadata: {
    correlationId: 'c',
    causationId: 'c',
    actor: { id: 'sys', role: 'system' },
    occurredAt: '2026-03-01T15:00:00.000Z',
    recordedAt: '2026-03-01T15:00:01.000Z',
    schemaVersion: 1,
    creditorId: 'cred-1',
  },
  ...overrides,
});

describe('a webhook payload', () => {
  it('carries the event’s id, place and facts, with what is sealed taken out', () => {
    expect(payloadOf(event())).toEqual({
      id: '6f1c1d1e-0000-4000-8000-000000000001',
      type: 'AccountOpened',
      accountId: 'acc-1',
      creditorId: 'cred-1',
      revision: 0,
      position: 42,
      recordedAt: '2026-03-01T15:00:01.000Z',
      occurredAt: '2026-03-01T15:00:00.000Z',
      data: { accountId: 'acc-1', creditorId: 'cred-1', debtor: { reference: 'D-1', timeZone: 'UTC', personalDataWithheld: true } },
    });
  });

  it('withholds a sealed message wherever it sits, and keeps a field merely named sealed', () => {
    const data = { channel: 'email', message: { templateId: 't', version: 1, language: 'en', sealed }, notes: [{ sealed: 'no' }] };
    expect(payloadOf(event({ type: 'ReminderSent', data })).data).toEqual({
      channel: 'email',
      message: { templateId: 't', version: 1, language: 'en', personalDataWithheld: true },
      notes: [{ sealed: 'no' }],
    });
  });

  it('withholds the debtor’s portal and opt-out link tokens from an opened message: whoever holds one acts as the debtor', () => {
    const body = 'Pay online: https://arrears.example/portal/#link=eyJhIjoxfQ.c2lnbmF0dXJl. Stop e-mails: https://arrears.example/opt-out/eyJiIjoyfQ.c2ln';
    const data = { channel: 'email', message: { templateId: 't', subject: 'Reminder', body } };
    expect(payloadOf(event({ type: 'ReminderSent', data })).data).toEqual({
      channel: 'email',
      message: {
        templateId: 't',
        subject: 'Reminder',
        body: 'Pay online: https://arrears.example/portal/#link=withheld. Stop e-mails: https://arrears.example/opt-out/withheld',
      },
    });
  });
});

describe('a subscription’s filter', () => {
  it('takes account events of its creditors and types only', () => {
    const payments = { eventTypes: ['PaymentReceived'], creditorIds: ['cred-1'] };
    expect(subscribedTo(payments, event({ type: 'PaymentReceived' }))).toBe(true);
    expect(subscribedTo(payments, event())).toBe(false);
    expect(subscribedTo(payments, event({ type: 'PaymentReceived', metadata: { ...event().metadata, creditorId: 'cred-2' } }))).toBe(false);
    expect(subscribedTo({ eventTypes: ['*'], creditorIds: ['*'] }, event())).toBe(true);
    expect(subscribedTo({ eventTypes: ['*'], creditorIds: ['*'] }, event({ streamId: '$chain-checkpoints' }))).toBe(false);
  });
});

describe('the signature', () => {
  it('is Stripe’s scheme: the HMAC-SHA256 of "t.body" under the secret, with t', () => {
    const mac = createHmac('sha256', 'whsec_test').update('1767225600.{"a":1}').digest('hex');
    expect(signatureOf('whsec_test', 1767225600, '{"a":1}')).toBe(`t=1767225600,v1=${mac}`);
  });
});
