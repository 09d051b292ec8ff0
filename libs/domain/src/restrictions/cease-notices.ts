import { policyFor } from '../compliance/contact-policy';
import { blockedChannelRule, ceaseRule, convenientTimeRules, requireContactAllowed } from '../compliance/contact-rules';
import { conflict, ruleBroken } from '../errors/domain-error';
import { requireOpen, todayFor } from '../account/account.guards';
import { requireNotTimeBarred } from '../compliance/time-bar';
import { inValidationPeriod } from '../interactions/validation-notice';
import { namesLegalAction } from '../notices/notices.checks';
import type { AccountState } from '../account/account.state';
import { noticeSent, onceOnlyKey, type NoticeRequest } from '../notices/notices.decide';
import type { NoticeSent } from '../notices/notices.events';
import type { ReplyOnBlockedMedium, SendCeaseNotice } from './restrictions.commands';
import type { CeaseNoticeKind } from './restrictions.vocabulary';

/** A remedy is named in a sentence or two, as the notice will say it. */
const remedyLengthAtMost = 500;

/**
 * After a cease request (1006.6(c)(1)) the collector may still tell the debtor, in writing, that its
 * further efforts are being terminated (1006.6(c)(2)(i)), that it or the creditor may invoke specified
 * remedies it ordinarily invokes ((ii)), or that it intends to invoke a specified remedy ((iii)). Each
 * is said once: efforts end once; each remedy is named once as possible and once as intended.
 * Without a cease request none of these is the point: ordinary contact goes by the contact rules.
 */
export function sendCeaseNotice(command: SendCeaseNotice, state: AccountState): [NoticeSent] {
  const account = requireOpen(state);
  const { kind, remedy, channel, policies } = command.data;
  if (!account.restrictions.ceaseRequested) throw conflict('CEASE_NOT_REQUESTED', 'The debtor has not asked that communication cease.');
  const notice = ceaseNoticeOf(kind, remedy?.trim());
  const today = todayFor(account, command.now);
  // A remedy named threatens action: an escalation, which waits out the validation period (1006.38(b)) as the timeline's do.
  if (notice.remedy && inValidationPeriod(account, today)) {
    const periodEndsOn = account.validationNotice?.periodEndsOn;
    throw ruleBroken('VALIDATION_PERIOD', `A remedy may be named once the validation period has ended (${periodEndsOn}; 12 CFR 1006.38(b)).`, {
      periodEndsOn,
    });
  }
  // A remedy may be a lawsuit (1006.6(c)(2)(iii)), but not on a time-barred debt (1006.26(b)).
  if (notice.remedy && namesLegalAction(notice.remedy.text)) requireNotTimeBarred(account, policies, today);
  const key = onceOnlyKey(notice);
  const sentAt = key ? account.noticesSent[key] : undefined;
  if (sentAt) throw conflict('NOTICE_ALREADY_SENT', `This notice went out at ${sentAt}; 1006.6(c)(2) allows it once.`, { kind, sentAt });
  requireContactAllowed(account, { channel, at: command.now }, policyFor(policies, account.creditorId), [blockedChannelRule, ...convenientTimeRules]);
  return [noticeSent(account, { ...notice, channel }, command.now, policies)];
}

function ceaseNoticeOf(kind: CeaseNoticeKind, remedy: string | undefined): Omit<NoticeRequest, 'channel'> {
  if (kind === 'efforts_terminated') {
    if (remedy) throw ruleBroken('REMEDY_NOT_EXPECTED', 'A notice that efforts end names no remedy.', { field: 'remedy' });
    return { purpose: 'efforts_terminated', template: 'efforts-terminated' };
  }
  if (!remedy || remedy.length > remedyLengthAtMost) {
    throw ruleBroken('REMEDY_REQUIRED', `A remedy notice names the remedy (1 to ${remedyLengthAtMost} characters; 1006.6(c)(2)(ii), (iii)).`, {
      field: 'remedy',
    });
  }
  return { purpose: 'remedy_notice', template: 'remedy-notice', remedy: { invoked: kind === 'remedy_intended' ? 'will' : 'may', text: remedy } };
}

/**
 * A debtor who asked that a medium not be used and then contacts the collector by it may be answered
 * once by that medium (1006.14(h)(2)(ii): "If a person initiates contact with a debt collector using
 * a medium of communication that the person previously requested the debt collector not use, the debt
 * collector may respond once through the same medium"). The inbound contact must have come while the
 * medium was blocked; a second reply to it is refused. Contact hours still hold, and so does a cease
 * request: the project does not read 14(h)(2) as an exception to 1006.6(c).
 */
export function replyOnBlockedMedium(command: ReplyOnBlockedMedium, state: AccountState): [NoticeSent] {
  const account = requireOpen(state);
  const { channel, inboundAt, policies } = command.data;
  if (!account.restrictions.blockedChannels.includes(channel)) throw conflict('CHANNEL_NOT_BLOCKED', `${channel} is not blocked.`, { channel });
  const wanted = inboundAt === undefined ? undefined : Date.parse(inboundAt);
  const inbound = account.interactions.inboundOnBlocked.filter(
    (contact) => contact.channel === channel && (wanted === undefined || Date.parse(contact.at) === wanted),
  );
  const contact = inbound[inbound.length - 1];
  if (!contact) {
    throw ruleBroken('NO_INBOUND_CONTACT', `The debtor has not contacted the collector by ${channel} since blocking it (1006.14(h)(2)(ii)).`, {
      channel,
      inboundAt: inboundAt ?? null,
    });
  }
  const notice: NoticeRequest = { purpose: 'blocked_medium_reply', channel, template: 'blocked-medium-reply', inReplyTo: contact.at };
  const repliedAt = account.noticesSent[onceOnlyKey(notice) ?? ''];
  if (repliedAt)
    throw conflict('ALREADY_REPLIED', `The reply to the contact of ${contact.at} went out at ${repliedAt}; one is allowed.`, {
      inboundAt: contact.at,
      repliedAt,
    });
  requireContactAllowed(account, { channel, at: command.now }, policyFor(policies, account.creditorId), [ceaseRule, ...convenientTimeRules]);
  return [noticeSent(account, notice, command.now, policies)];
}
