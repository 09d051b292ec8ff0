import type { AccountEvent } from '@arrears/domain';
import type { Projection } from '../../projection';
import { eventLog, facts, projectAll } from '../read-model.fixtures';
import { outboxProjection, type OutboxDocument } from './outbox.projection';

const on = eventLog();
const acc = on('acc-1');
const message = { templateId: 'payment-reminder', version: 1, language: 'en', subject: 'For Ada', body: 'Dear Ada Lovelace' };
const reminder = {
  notificationId: 'acc-1:inv-1:reminder',
  invoiceId: 'inv-1',
  step: 'reminder',
  channel: 'email' as const,
  template: 'payment-reminder',
  amount: 500,
  currency: 'USD',
  dueOn: '2026-03-31',
};
const history = [
  acc('AccountOpened', facts.opened('acc-1')),
  acc('ReminderSent', { ...reminder, sentAt: '2026-03-28T14:00:00.000Z', message }),
  acc('ValidationNoticeSent', {
    channel: 'email',
    sentAt: '2026-03-28T14:00:00.000Z',
    periodEndsOn: '2026-05-03',
    message: { ...message, templateId: 'validation-notice' },
  }),
  acc('NoticeSent', {
    notificationId: 'acc-1:efforts_terminated:account:t',
    purpose: 'efforts_terminated',
    channel: 'letter',
    template: 'efforts-terminated',
    sentAt: '2026-04-01T14:00:00.000Z',
  }),
];
const outbox = outboxProjection as unknown as Projection<OutboxDocument, AccountEvent>;

describe('outbox read model', () => {
  const queued = [...projectAll(outbox, history).values()];

  it('queues each notification once by id, naming the event whose stored message goes out, never its text', () => {
    expect(queued.map(({ id, channel, template, messageRevision }) => ({ id, channel, template, messageRevision }))).toEqual([
      { id: 'acc-1:inv-1:reminder', channel: 'email', template: 'payment-reminder', messageRevision: 1 },
      { id: 'acc-1:validation-notice', channel: 'email', template: 'validation-notice', messageRevision: 2 },
      { id: 'acc-1:efforts_terminated:account:t', channel: 'letter', template: 'efforts-terminated', messageRevision: undefined },
    ]);
    expect(JSON.stringify(queued)).not.toContain('Ada');
  });

  it('keeps the facts an old event without a message is rendered from', () => {
    expect(queued[0]?.facts).toEqual({ invoiceId: 'inv-1', amount: 500, currency: 'USD', dueOn: '2026-03-31' });
    expect(queued[1]?.facts).toEqual({ periodEndsOn: '2026-05-03' });
    expect(queued[2]?.facts).toEqual({ purpose: 'efforts_terminated' });
  });

  it('changes nothing when the same events are applied again', () => {
    const documents = new Map(projectAll(outbox, history));
    expect([...projectAll(outbox, history, documents).values()]).toEqual(queued);
  });
});
