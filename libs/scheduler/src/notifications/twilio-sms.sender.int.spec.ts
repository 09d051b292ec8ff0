import { basicCredentials, FakeProvider } from './fake-provider.fixtures';
import { PermanentDeliveryError, type TextNotification } from './notification.port';
import { TwilioSmsSender, type TwilioSettings } from './twilio-sms.sender';

/** Twilio's Messages API as a local server that records what it is sent and fails on cue. */
describe('SMS through Twilio’s Messages API', () => {
  const twilio = new FakeProvider();
  const accountSid = `AC${'0a'.repeat(16)}`;
  let settings: TwilioSettings;
  beforeAll(async () => {
    settings = { url: await twilio.start(), accountSid, authToken: 'the-auth-token', from: '+15005550006', timeoutMs: 300 };
  });
  afterAll(() => twilio.stop());
  beforeEach(() => {
    twilio.received.length = 0;
  });

  const sms: TextNotification = {
    id: 'acc-1:inv-1:sms',
    channel: 'sms',
    to: '+15551234567',
    dataSubject: 'cred-1/D-1',
    subject: 'Past due',
    body: 'Invoice inv-1 is past due.',
  };
  const form = (index = 0) => Object.fromEntries(new URLSearchParams(twilio.received[index]?.body ?? ''));

  it('POSTs the message, form-encoded, to the account’s Messages resource with the SID and token as Basic credentials', async () => {
    await new TwilioSmsSender(settings).send(sms);
    const [request] = twilio.received;
    expect(request).toMatchObject({ method: 'POST', path: `/2010-04-01/Accounts/${accountSid}/Messages.json` });
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(basicCredentials(request!)).toEqual([accountSid, 'the-auth-token']);
    expect(form()).toEqual({ To: '+15551234567', From: '+15005550006', Body: 'Invoice inv-1 is past due.' });
  });

  it('sends from a Messaging Service when SMS_FROM names one', async () => {
    const service = `MG${'1b'.repeat(16)}`;
    await new TwilioSmsSender({ ...settings, from: service }).send(sms);
    expect(form()).toEqual({ To: '+15551234567', MessagingServiceSid: service, Body: 'Invoice inv-1 is past due.' });
  });

  it('fails for good on an invalid number (400, code 21211), with Twilio’s code and message', async () => {
    twilio.answer({ status: 400, body: { code: 21211, message: "The 'To' number +15551234567 is not a valid phone number.", status: 400 } });
    const sent = new TwilioSmsSender(settings).send(sms);
    await expect(sent).rejects.toBeInstanceOf(PermanentDeliveryError);
    await expect(sent).rejects.toThrow(/Twilio refused the message \(HTTP 400, code 21211: The 'To' number .* is not a valid phone number\.\)/);
  });

  it.each([
    [429, { code: 20429, message: 'Too Many Requests' }, /HTTP 429, code 20429: Too Many Requests/],
    [500, { code: 20500, message: 'Internal Server Error' }, /HTTP 500, code 20500/],
    [503, 'not json', /HTTP 503\)/],
  ])('fails to be retried on HTTP %i', async (status, body, message) => {
    twilio.answer({ status, body });
    const sent = new TwilioSmsSender(settings).send(sms);
    await expect(sent).rejects.toThrow(message);
    await expect(sent).rejects.not.toBeInstanceOf(PermanentDeliveryError);
  });

  it('fails to be retried when Twilio does not answer in time, or the connection is killed', async () => {
    twilio.answer('hang', 'reset');
    const sender = new TwilioSmsSender(settings);
    const timedOut = sender.send(sms);
    await expect(timedOut).rejects.toThrow('Twilio did not answer: no answer within 300 ms');
    await expect(timedOut).rejects.not.toBeInstanceOf(PermanentDeliveryError);
    const reset = sender.send(sms);
    await expect(reset).rejects.toThrow(/^Twilio did not answer: /);
    await expect(reset).rejects.not.toBeInstanceOf(PermanentDeliveryError);
    expect(twilio.received).toHaveLength(2);
  });

  it('fails for good, without a request, when the debtor has no phone number', async () => {
    await expect(new TwilioSmsSender(settings).send({ ...sms, to: null })).rejects.toThrow(new PermanentDeliveryError('The debtor has no phone number'));
    expect(twilio.received).toHaveLength(0);
  });
});
