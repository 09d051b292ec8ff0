import { demoCreditorProfile, erasedDebtor, type CreditorProfile, type Debtor } from '@arrears/domain';
import type { OutboxDocument } from '@arrears/projections';
import { addressed } from './addressing';

describe('addressing a queued notification from the account as it is now', () => {
  const ada: Debtor = {
    reference: 'D-1',
    name: 'Ada Lovelace',
    timeZone: 'America/New_York',
    email: 'ada@example.com',
    phone: '+15551234567',
    address: { lines: ['12 Analytical Row'], city: 'Albany', region: 'NY', postalCode: '12207', country: 'US' },
  };
  const account = { creditorId: 'cred-1', debtor: ada };
  const content = { subject: 'Final notice', body: 'Pay.' };
  const queued = (channel: OutboxDocument['channel']): OutboxDocument => ({
    id: `acc-1:${channel}`,
    accountId: 'acc-1',
    channel,
    template: 'final-notice',
    facts: {},
    queuedAt: '2026-04-02T15:00:00Z',
    position: 1,
  });

  it('sends e-mail to the e-mail address and SMS to the phone, under the debtor’s data key', () => {
    expect(addressed(queued('email'), account, demoCreditorProfile, content)).toMatchObject({
      to: 'ada@example.com',
      dataSubject: 'cred-1/D-1',
      subject: 'Final notice',
    });
    expect(addressed(queued('sms'), account, demoCreditorProfile, content)).toMatchObject({ to: '+15551234567' });
  });

  it('sends a letter to the postal address, not the name alone, from the collector, whose envelope shows no name', () => {
    expect(addressed(queued('letter'), account, demoCreditorProfile, content)).toMatchObject({
      to: { name: 'Ada Lovelace', address: ada.address },
      from: demoCreditorProfile.collector,
      envelopeName: null,
    });
  });

  it('lets a creditor collecting its own debts name itself on the envelope', () => {
    const firstParty: CreditorProfile = { creditor: demoCreditorProfile.creditor, debtCollector: false };
    expect(addressed(queued('letter'), account, firstParty, content)).toMatchObject({ from: firstParty.creditor, envelopeName: firstParty.creditor.name });
  });

  it('has no recipient when the debtor gave no address for the channel, was erased, or the account is unknown', () => {
    const unaddressed: Debtor = { ...ada };
    delete unaddressed.address;
    expect(addressed(queued('letter'), { ...account, debtor: unaddressed }, demoCreditorProfile, content).to).toBeNull();
    for (const channel of ['email', 'sms', 'letter'] as const) {
      expect(addressed(queued(channel), { ...account, debtor: erasedDebtor(ada) }, demoCreditorProfile, content).to).toBeNull();
      expect(addressed(queued(channel), undefined, demoCreditorProfile, content)).toMatchObject({ to: null, dataSubject: null });
    }
  });

  it('refuses for good a channel the outbox does not deliver on', () => {
    expect(() => addressed(queued('call'), account, demoCreditorProfile, content)).toThrow('The outbox cannot deliver by call');
  });
});
