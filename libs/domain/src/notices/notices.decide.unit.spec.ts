import { evolve } from '../account/account.evolve';
import { initialAccountState, type OpenedAccount } from '../account/account.state';
import { issued, NOW, opened } from '../account/account.fixtures';
import { regulationF, type ContactPolicies } from '../compliance/contact-policy';
import { demoCreditorProfile } from '../compliance/creditor-profile';
import { noticeSent } from './notices.decide';

const account = (language?: string): OpenedAccount => {
  const opening = { ...opened, data: { ...opened.data, debtor: { ...opened.data.debtor, ...(language && { language }) } } };
  return [opening, issued('inv-1', 40_000, '2026-01-01', '2026-01-31')].reduce(evolve, initialAccountState()) as OpenedAccount;
};
const collector: ContactPolicies = { default: regulationF, byCreditor: {} };
const firstParty: ContactPolicies = { ...collector, profiles: { default: { creditor: demoCreditorProfile.creditor, debtCollector: false }, byCreditor: {} } };

describe('noticeSent: the notice a decider queues carries the message it renders to', () => {
  it('renders the template for the channel, about the invoice, with the debt collector’s disclosure', () => {
    const notice = noticeSent(
      account(),
      { purpose: 'efforts_terminated', channel: 'letter', template: 'efforts-terminated', invoiceId: 'inv-1' },
      NOW,
      collector,
    );
    expect(notice.data).toMatchObject({ notificationId: `acc-1:efforts_terminated:inv-1:${NOW}`, template: 'efforts-terminated', sentAt: NOW });
    expect(notice.data.message).toMatchObject({ templateId: 'efforts-terminated', version: 2, language: 'en', subject: 'We have stopped collection efforts' });
    expect(notice.data.message?.body).toContain('Dear Ada Lovelace,\nThis communication is from a debt collector.');
  });

  it('falls back to English for a debtor whose language the template is not written in', () => {
    const notice = noticeSent(account('es'), { purpose: 'remedy_notice', channel: 'email', template: 'remedy-notice' }, NOW, collector);
    expect(notice.data.message).toMatchObject({ templateId: 'remedy-notice', language: 'en' });
  });

  it('says nothing of a debt collector for a creditor collecting its own debts (1006.18(e))', () => {
    const notice = noticeSent(account(), { purpose: 'resolution_confirmation', channel: 'sms', template: 'resolution-confirmation' }, NOW, firstParty);
    expect(notice.data.message?.body).not.toContain('debt collector');
    expect(notice.data.message?.body).toContain('Stop texts: {{optOutUrl}}');
  });

  it('carries no message where no template exists for the channel (the outbox then renders it as before)', () => {
    const notice = noticeSent(account(), { purpose: 'original_creditor', channel: 'sms', template: 'original-creditor' }, NOW, collector);
    expect(notice.data).not.toHaveProperty('message');
  });
});
