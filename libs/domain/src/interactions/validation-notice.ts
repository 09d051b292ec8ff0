import { profileFor } from '../compliance/creditor-profile';
import type { ContactChannel, ContactPolicies } from '../compliance/contact-policy';
import type { OpenedAccount } from '../account/account.state';
import type { IsoDate } from '../calendar/calendar';

type NoticeSubject = Pick<OpenedAccount, 'creditorId' | 'debtor' | 'restrictions' | 'interactions' | 'validationNotice'>;

/**
 * Only debt collectors owe a validation notice (15 U.S.C. 1692g; 12 CFR 1006.34): a creditor collecting
 * its own debts does not, so none is sent and nothing waits for one.
 */
export const owesValidationNotice = (account: NoticeSubject, policies: ContactPolicies): boolean =>
  !account.validationNotice && profileFor(policies.profiles, account.creditorId).debtCollector;

/**
 * Whether the validation period runs on `today` (the debtor's date): from the notice's sending through its
 * `periodEndsOn`. Nothing that threatens action goes out then: it would overshadow the debtor's right to
 * dispute (12 CFR 1006.38(b)).
 */
export const inValidationPeriod = (account: Pick<OpenedAccount, 'validationNotice'>, today: IsoDate): boolean =>
  account.validationNotice !== null && today <= account.validationNotice.periodEndsOn;

/**
 * Why the validation notice may not go by `channel`, or null. It names the consumer and their mailing
 * address (1006.34(c)(2)(ii)): without both on file (never given, or erased) it cannot be complete by any
 * channel, so it is not sent rather than sent lacking them. It is written notice, sent "in the manner
 * required by § 1006.42" (1006.34(a)(1)(i)): on paper, or electronically only as 1006.42(b) allows — with
 * the debtor's E-SIGN consent or the procedure of 1006.6(d)(4)(i) or (ii) recorded. Never by text
 * message or call: those media cannot carry it here, and a call is no written notice.
 */
export function noticeChannelRefusal(account: NoticeSubject, channel: ContactChannel): { code: string; message: string } | null {
  if (!account.debtor.name || !account.debtor.address) {
    return {
      code: 'VALIDATION_NOTICE_INCOMPLETE',
      message:
        'The validation notice names the consumer and their mailing address (12 CFR 1006.34(c)(2)(ii)): record the debtor’s name and postal address first.',
    };
  }
  if (channel !== 'letter' && channel !== 'email') {
    return {
      code: 'VALIDATION_NOTICE_CHANNEL',
      message: `The validation notice goes by letter or e-mail only, never by ${channel} (12 CFR 1006.34(a)(1)(i), 1006.42).`,
    };
  }
  if (channel === 'email' && !account.debtor.email) {
    return { code: 'NO_EMAIL_ADDRESS', message: 'The debtor has no e-mail address on file: the validation notice cannot go by e-mail.' };
  }
  if (channel === 'email' && !account.interactions.electronicDelivery) {
    return {
      code: 'ELECTRONIC_DELIVERY_NOT_ESTABLISHED',
      message: 'The validation notice goes by e-mail only once the debtor’s E-SIGN consent or a 1006.42(b) procedure is recorded.',
    };
  }
  return null;
}

/**
 * The channel the validation notice goes by: a letter unless the debtor blocked post, else e-mail where
 * it may go (see noticeChannelRefusal) and is not blocked; null when neither may, and the notice waits.
 */
export function validationNoticeChannel(account: NoticeSubject): 'letter' | 'email' | null {
  const allowed = (channel: 'letter' | 'email') => !account.restrictions.blockedChannels.includes(channel) && !noticeChannelRefusal(account, channel);
  return (['letter', 'email'] as const).find(allowed) ?? null;
}
