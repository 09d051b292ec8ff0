import { demoCreditorProfile } from '@arrears/domain';
import { FixedClock } from '@arrears/platform';
import { basicCredentials, FakeProvider } from './fake-provider.fixtures';
import { PermanentDeliveryError, type LetterNotification } from './notification.port';
import { PrintMailLetterSender, type PrintMailSettings } from './print-mail-letter.sender';

/** A Lob-like letters API as a local server that records what it is sent and fails on cue. */
describe('letters through a print-and-mail API', () => {
  const lob = new FakeProvider({ status: 200, body: { id: 'ltr_fake' } });
  const clock = new FixedClock(new Date('2026-04-02T15:00:00Z'));
  let settings: PrintMailSettings;
  beforeAll(async () => {
    settings = { url: `${await lob.start()}/v1`, apiKey: 'test_the-api-key', timeoutMs: 300 };
  });
  afterAll(() => lob.stop());
  beforeEach(() => {
    lob.received.length = 0;
  });

  const collector = demoCreditorProfile.collector!;
  const letter: LetterNotification = {
    id: 'acc-1:inv-1:final-notice',
    channel: 'letter',
    to: { name: 'Ada Lovelace', address: { lines: ['12 Analytical Row', 'Apt 3'], city: 'Albany', region: 'NY', postalCode: '12207', country: 'US' } },
    from: collector,
    timeZone: 'America/New_York',
    envelopeName: null,
    dataSubject: 'cred-1/D-1',
    subject: 'Final notice: invoice inv-1',
    body: 'Invoice inv-1 remains unpaid.\n\nCall us <today>.',
  };
  const sent = () => JSON.parse(lob.received[0]?.body ?? '{}') as Record<string, unknown> & { file: string };

  it('POSTs the letter to /letters: both addresses, the HTML, the key as Basic user, the notification id as Idempotency-Key', async () => {
    await new PrintMailLetterSender(settings, clock).send(letter);
    const [request] = lob.received;
    expect(request).toMatchObject({ method: 'POST', path: '/v1/letters' });
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['idempotency-key']).toBe('acc-1:inv-1:final-notice');
    expect(basicCredentials(request!)).toEqual(['test_the-api-key', '']);
    expect(sent()).toMatchObject({
      description: 'Final notice: invoice inv-1',
      to: {
        name: 'Ada Lovelace',
        address_line1: '12 Analytical Row',
        address_line2: 'Apt 3',
        address_city: 'Albany',
        address_state: 'NY',
        address_zip: '12207',
        address_country: 'US',
      },
      from: { address_line1: collector.address.lines[0], address_city: collector.address.city, address_country: 'US' },
      color: false,
      metadata: { notification_id: 'acc-1:inv-1:final-notice' },
    });
    expect(sent().file).toContain('Ada Lovelace<br>12 Analytical Row<br>Apt 3<br>Albany, NY 12207<br>US');
    expect(sent().file).toContain('<p>Call us &lt;today&gt;.</p>');
    expect(sent().file).toContain('2026-04-02');
    // A debt collector's envelope shows its address only (1006.22(f)(2)).
    expect(sent().from).not.toHaveProperty('name');
  });

  it('names the sender on the envelope where it may', async () => {
    await new PrintMailLetterSender(settings, clock).send({ ...letter, envelopeName: 'Example Utility Co' });
    expect(sent().from).toMatchObject({ name: 'Example Utility Co', address_line1: collector.address.lines[0] });
  });

  it('fails for good when the service refuses the letter itself (422), with its code and message', async () => {
    lob.answer({ status: 422, body: { error: { message: 'address_zip is invalid', status_code: 422, code: 'invalid' } } });
    const sending = new PrintMailLetterSender(settings, clock).send(letter);
    await expect(sending).rejects.toThrow(
      new PermanentDeliveryError('The print-and-mail service refused the message (HTTP 422, code invalid: address_zip is invalid)'),
    );
  });

  it('fails to be retried on a 5xx, a rate limit or no answer in time', async () => {
    lob.answer({ status: 500, body: { error: { message: 'internal', status_code: 500 } } }, { status: 429, body: {} }, 'hang');
    const sender = new PrintMailLetterSender(settings, clock);
    for (const expected of [/HTTP 500/, /HTTP 429/, /did not answer: no answer within 300 ms/]) {
      const sending = sender.send(letter);
      await expect(sending).rejects.toThrow(expected);
      await expect(sending).rejects.not.toBeInstanceOf(PermanentDeliveryError);
    }
  });

  it('fails for good, without a request, when the debtor has no postal address', async () => {
    await expect(new PrintMailLetterSender(settings, clock).send({ ...letter, to: null })).rejects.toThrow(
      new PermanentDeliveryError('The debtor has no postal address'),
    );
    expect(lob.received).toHaveLength(0);
  });
});
