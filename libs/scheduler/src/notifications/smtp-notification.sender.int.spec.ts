import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { PermanentDeliveryError, type Notification } from './notification.port';
import { SmtpNotificationSender } from './smtp-notification.sender';

/** A real SMTP conversation with a local server: what the debtor's mail server would receive. */
describe('SMTP notification sender', () => {
  const received: { to: string[]; message: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let message = '';
      stream.on('data', (chunk: Buffer) => (message += chunk.toString()));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), message });
        callback();
      });
    },
  });
  let port: number;
  beforeAll(async () => {
    await new Promise<void>((resolve) => {
      server.listen(0, '127.0.0.1', resolve);
    });
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  });

  const reminder: Notification = {
    id: 'acc-1:inv-1:reminder',
    channel: 'email',
    to: 'ada@example.com',
    dataSubject: 'cred-1/D-1',
    subject: 'Payment reminder',
    body: 'USD 125.00 is due.',
  };

  it('sends e-mail with a Message-ID derived from the notification id, and refuses for good what it cannot send', async () => {
    const sender = new SmtpNotificationSender(`smtp://127.0.0.1:${port}`, 'Arrears <no-reply@arrears.invalid>');
    await sender.send(reminder);
    await expect(sender.send({ ...reminder, id: 'acc-1:inv-1:sms', channel: 'sms', to: '+15551234567' })).rejects.toThrow(
      new PermanentDeliveryError('SMTP does not deliver by sms'),
    );
    await expect(sender.send({ ...reminder, id: 'acc-1:inv-2:reminder', to: null })).rejects.toThrow(
      new PermanentDeliveryError('The debtor has no e-mail address'),
    );
    sender.close();
    expect(received).toHaveLength(1);
    expect(received[0]?.to).toEqual(['ada@example.com']);
    expect(received[0]?.message).toMatch(/Message-ID: <acc-1%3Ainv-1%3Areminder@arrears>/i);
    expect(received[0]?.message).toMatch(/Subject: Payment reminder/);
  });
});
