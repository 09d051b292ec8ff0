import type { OutboxDocument } from '@arrears/projections';
import { render } from './templates';

const facts = { invoiceId: 'inv-1', amount: 5_000, currency: 'USD', dueOn: '2026-03-10' };
const queued = (template: string): OutboxDocument => ({
  id: 'n-1',
  accountId: 'acc-1',
  channel: 'email',
  template,
  facts,
  queuedAt: '2026-03-01T15:00:00.000Z',
  position: 1,
});

describe('what a queued notification says', () => {
  it('is exactly the message stored with its event, when there is one', () => {
    const stored = { templateId: 'payment-reminder', version: 2, language: 'en', subject: 'Stored', body: 'As sent.' };
    expect(render(queued('payment-reminder'), stored)).toEqual({ subject: 'Stored', body: 'As sent.' });
  });

  it('is rendered from its facts for an event recorded before messages were stored', () => {
    expect(render(queued('payment-reminder')).body).toBe('Invoice inv-1: USD 50.00 is due on 2026-03-10.');
  });

  it('names an unknown template and its facts, even one named like Object.prototype’s members', () => {
    for (const template of ['no-such-template', 'constructor', 'toString', '__proto__']) {
      expect(render(queued(template))).toEqual({ subject: template, body: JSON.stringify(facts) });
    }
  });
});
