import { deciderSpecification } from '@arrears/testing';
import type { AccountEvent } from '../account/account.events';
import { accountDecider, command, issued, opened, openedInNewYork } from '../account/account.fixtures';
import { regulationFEverywhere } from '../compliance/contact-policy';
import type { NoticeSent } from '../notices/notices.events';
import type { ReplyOnBlockedMedium, SendCeaseNotice } from './restrictions.commands';
import type { CeaseNoticeKind, ReplyChannel } from './restrictions.vocabulary';

/* The debtor lives in New York: 15:00Z is 10:00 there in winter, 02:00Z is 21:00 the evening before. */
const spec = deciderSpecification(accountDecider);
const now = '2026-02-10T15:00:00.000Z';
const ceased: AccountEvent[] = [
  opened,
  issued('inv-1', 50_000, '2026-01-01', '2026-01-31'),
  { type: 'CeaseCommunicationRequested', data: { requestedOn: '2026-02-05' } },
];
const send = (kind: CeaseNoticeKind, remedy?: string, channel: 'letter' | 'email' = 'letter', at = now) =>
  command<SendCeaseNotice>('SendCeaseNotice', { kind, ...(remedy !== undefined && { remedy }), channel, policies: regulationFEverywhere }, at);
const sent = (
  data: Partial<NoticeSent['data']> & Pick<NoticeSent['data'], 'purpose' | 'template'>,
  at = now,
  channel: NoticeSent['data']['channel'] = 'letter',
): NoticeSent => ({
  type: 'NoticeSent',
  data: { notificationId: `acc-1:${data.purpose}:${data.inReplyTo ?? 'account'}:${at}`, channel, sentAt: at, ...data },
});
/** The event as decided: with the message its template renders to (what it says is the notices specs' part). */
const rendered = <E extends AccountEvent>(event: E, body?: string): E => ({
  ...event,
  data: {
    ...event.data,
    message: expect.objectContaining({
      templateId: (event.data as { template: string }).template,
      ...(body && { body: expect.stringContaining(body) as string }),
    }),
  },
});
const effortsEnd = sent({ purpose: 'efforts_terminated', template: 'efforts-terminated' });
const lawsuit = (invoked: 'may' | 'will') =>
  sent({ purpose: 'remedy_notice', template: 'remedy-notice', remedy: { invoked, text: 'A lawsuit to collect the debt' } });

describe('SendCeaseNotice: what may still be said after a cease request (1006.6(c)(2))', () => {
  it('says once that further efforts are being terminated (1006.6(c)(2)(i))', () => {
    spec
      .given(ceased)
      .when(send('efforts_terminated'))
      .then([rendered(effortsEnd)]);
    spec
      .given([...ceased, effortsEnd])
      .when(send('efforts_terminated', undefined, 'email', '2026-02-12T15:00:00.000Z'))
      .thenThrows('NOTICE_ALREADY_SENT');
  });
  it('names a remedy that may be invoked (ii) and one that will be (iii), each once', () => {
    spec
      .given(ceased)
      .when(send('remedy_may_be_invoked', ' A lawsuit to collect the debt '))
      .then([rendered(lawsuit('may'), 'we or the creditor may invoke this remedy, which we ordinarily invoke: A lawsuit to collect the debt')]);
    spec
      .given([...ceased, lawsuit('may')])
      .when(send('remedy_intended', 'A lawsuit to collect the debt'))
      .then([rendered(lawsuit('will'), 'we or the creditor intend to invoke this remedy: A lawsuit to collect the debt')]);
    spec
      .given([...ceased, lawsuit('may')])
      .when(send('remedy_may_be_invoked', 'a lawsuit  to collect the debt'))
      .thenThrows('NOTICE_ALREADY_SENT');
    spec
      .given([...ceased, lawsuit('may')])
      .when(send('remedy_may_be_invoked', 'Reporting the debt to a credit bureau'))
      .then([
        rendered(sent({ purpose: 'remedy_notice', template: 'remedy-notice', remedy: { invoked: 'may', text: 'Reporting the debt to a credit bureau' } })),
      ]);
  });
  it('needs a remedy for a remedy notice and none for the end of efforts', () => {
    spec.given(ceased).when(send('remedy_intended')).thenThrows('REMEDY_REQUIRED');
    spec.given(ceased).when(send('remedy_intended', '  ')).thenThrows('REMEDY_REQUIRED');
    spec
      .given(ceased)
      .when(send('remedy_intended', 'x'.repeat(501)))
      .thenThrows('REMEDY_REQUIRED');
    spec.given(ceased).when(send('efforts_terminated', 'a lawsuit')).thenThrows('REMEDY_NOT_EXPECTED');
  });
  it('is refused without a cease request: other contact goes by the contact rules', () => {
    spec.given(ceased.slice(0, 2)).when(send('efforts_terminated')).thenThrows('CEASE_NOT_REQUESTED');
  });
  it('keeps to blocked channels and, by e-mail, to contact hours', () => {
    spec
      .given([...ceased, { type: 'ChannelBlocked', data: { channel: 'email' } }])
      .when(send('efforts_terminated', undefined, 'email'))
      .thenThrows('CHANNEL_BLOCKED');
    spec
      .given(ceased)
      .when(send('efforts_terminated', undefined, 'email', '2026-02-11T02:00:00.000Z'))
      .thenThrows('OUTSIDE_CONTACT_HOURS');
  });
  it('names no legal remedy on a time-barred debt (1006.26(b)), and any other remedy still', () => {
    // New York: 3 years from default (CPLR 214-i). Due 2022-12-31, in default from 2023-01-01: time-barred from 2026-01-01.
    const barred: AccountEvent[] = [openedInNewYork, issued('inv-1', 50_000, '2022-12-01', '2022-12-31'), ceased[2] as AccountEvent];
    spec.given(barred).when(send('remedy_intended', 'A lawsuit to collect the debt')).thenThrows('DEBT_TIME_BARRED');
    spec.given(barred).when(send('remedy_may_be_invoked', 'Garnishment of wages after judgment')).thenThrows('DEBT_TIME_BARRED');
    spec.given(barred).when(send('remedy_intended', 'Una demanda judicial')).thenThrows('DEBT_TIME_BARRED');
    spec
      .given(barred)
      .when(send('remedy_intended', 'Reporting the debt to the creditor as unpaid'))
      .then([
        rendered(
          sent({ purpose: 'remedy_notice', template: 'remedy-notice', remedy: { invoked: 'will', text: 'Reporting the debt to the creditor as unpaid' } }),
        ),
      ]);
    // The day before it is time-barred, the suit may still be named.
    spec
      .given(barred)
      .when(send('remedy_intended', 'A lawsuit to collect the debt', 'letter', '2025-12-31T15:00:00.000Z'))
      .then([
        rendered(
          sent(
            { purpose: 'remedy_notice', template: 'remedy-notice', remedy: { invoked: 'will', text: 'A lawsuit to collect the debt' } },
            '2025-12-31T15:00:00.000Z',
          ),
        ),
      ]);
  });
  it('names no remedy while the validation period runs (1006.38(b)), and says that efforts end then all the same', () => {
    const validated: AccountEvent = {
      type: 'ValidationNoticeSent',
      data: { channel: 'letter', sentAt: '2026-01-20T15:00:00.000Z', periodEndsOn: '2026-02-10' },
    };
    const during = [...ceased, validated];
    spec.given(during).when(send('remedy_intended', 'A lawsuit to collect the debt')).thenThrows('VALIDATION_PERIOD', { periodEndsOn: '2026-02-10' });
    spec.given(during).when(send('remedy_may_be_invoked', 'Reporting the debt to a credit bureau')).thenThrows('VALIDATION_PERIOD');
    spec
      .given(during)
      .when(send('efforts_terminated'))
      .then([rendered(effortsEnd)]);
    const after = '2026-02-11T15:00:00.000Z';
    spec
      .given(during)
      .when(send('remedy_intended', 'A lawsuit to collect the debt', 'letter', after))
      .then([
        rendered(sent({ purpose: 'remedy_notice', template: 'remedy-notice', remedy: { invoked: 'will', text: 'A lawsuit to collect the debt' } }, after)),
      ]);
  });
  it('leaves every other contact refused (1006.6(c)(1))', () => {
    spec
      .given([...ceased, effortsEnd])
      .when(command('LogContactAttempt', { channel: 'letter', direction: 'outbound', outcome: 'left_message', policies: regulationFEverywhere }, now))
      .thenThrows('CEASE_REQUESTED');
  });
});

describe('ReplyOnBlockedMedium: one reply to the debtor’s contact by a blocked medium (1006.14(h)(2)(ii))', () => {
  const billed: AccountEvent[] = [opened, issued('inv-1', 50_000, '2026-01-01', '2026-01-31')];
  const blocked: AccountEvent = { type: 'ChannelBlocked', data: { channel: 'email' } };
  const inbound = (at: string, channel: ReplyChannel = 'email'): AccountEvent => ({
    type: 'ContactAttempted',
    data: { channel, direction: 'inbound', outcome: 'right_party_contact', at },
  });
  const first = '2026-02-09T15:00:00.000Z';
  const reply = (inboundAt?: string, at = now, channel: ReplyChannel = 'email') =>
    command<ReplyOnBlockedMedium>('ReplyOnBlockedMedium', { channel, ...(inboundAt && { inboundAt }), policies: regulationFEverywhere }, at);
  const replied = (to: string, at = now) => sent({ purpose: 'blocked_medium_reply', template: 'blocked-medium-reply', inReplyTo: to }, at, 'email');

  it('replies once by the same medium to the debtor’s contact by it', () => {
    spec
      .given([...billed, blocked, inbound(first)])
      .when(reply())
      .then([rendered(replied(first))]);
    spec
      .given([...billed, blocked, inbound(first), replied(first)])
      .when(reply(first, '2026-02-10T16:00:00.000Z'))
      .thenThrows('ALREADY_REPLIED');
  });
  it('replies to each new contact by it once, the latest when not named', () => {
    const second = '2026-02-10T14:00:00.000Z';
    spec
      .given([...billed, blocked, inbound(first), replied(first, '2026-02-09T16:00:00.000Z'), inbound(second)])
      .when(reply())
      .then([rendered(replied(second))]);
    spec
      .given([...billed, blocked, inbound(first), inbound(second)])
      .when(reply('2026-02-09T15:00:00Z'))
      .then([rendered(replied(first))]);
  });
  it('needs the debtor to have asked first: a contact before the block, or by another medium, owes no reply here', () => {
    spec
      .given([...billed, inbound(first), blocked])
      .when(reply())
      .thenThrows('NO_INBOUND_CONTACT');
    spec
      .given([...billed, blocked, inbound(first, 'sms')])
      .when(reply())
      .thenThrows('NO_INBOUND_CONTACT');
    spec
      .given([...billed, blocked, inbound(first)])
      .when(reply('2026-02-08T15:00:00Z'))
      .thenThrows('NO_INBOUND_CONTACT');
  });
  it('is no exception once the medium is unblocked, and keeps to contact hours and a cease request', () => {
    spec
      .given([...billed, blocked, inbound(first), { type: 'ChannelUnblocked', data: { channel: 'email' } }])
      .when(reply())
      .thenThrows('CHANNEL_NOT_BLOCKED');
    spec
      .given([...billed, blocked, inbound(first)])
      .when(reply(undefined, '2026-02-11T02:00:00.000Z'))
      .thenThrows('OUTSIDE_CONTACT_HOURS');
    spec
      .given([...billed, blocked, inbound(first), { type: 'CeaseCommunicationRequested', data: { requestedOn: '2026-02-09' } }])
      .when(reply())
      .thenThrows('CEASE_REQUESTED');
  });
});
