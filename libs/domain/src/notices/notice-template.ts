/** The channels a written message goes by; calls and visits are spoken, not templated. */
// Contact channels (see contact-policy.ts), written out here since the rule set names this type.
export const messageChannels = ['email', 'sms', 'letter'] as const;
export type MessageChannel = (typeof messageChannels)[number];

/**
 * Notices that must not invite the debtor to pay (the portal's link, `{{portalUrl}}`): those a cease
 * request still allows, which may say only that efforts end or that a remedy may or will be invoked
 * (12 CFR 1006.6(c)(2)); a request for payment there is the further communication the debtor asked to
 * stop (1006.6(c)(1); FDCPA 805(c)). And the confirmation that an account is resolved, which would
 * otherwise say that something is still owed (1006.18(b)(2)(i)).
 */
export const notInvitingPayment: readonly string[] = ['efforts-terminated', 'remedy-notice', 'resolution-confirmation'];

/**
 * One version of a message, for one channel and language, as data. Its text names variables as
 * `{{name}}` (see `messageVariables`); `{{disclosure}}` and, for e-mail and SMS, `{{optOut}}` must
 * appear, so every message says who it is from and how to stop it (checked: see notices.checks.ts).
 */
export interface NoticeTemplate {
  /** The id a strategy step or a notice names (`payment-reminder`, `validation-notice`…). */
  id: string;
  /** Raised whenever the text changes, so a stored message says which text it was. */
  version: number;
  channel: MessageChannel;
  /** A language tag (`en`, `es`). */
  language: string;
  /** What it is for, for the supervisor who picks or reviews it. */
  purpose: string;
  /** Empty for SMS, which has none. */
  subject: string;
  body: string;
  /**
   * It threatens action or demands payment by a date: an escalation, which must not go out during
   * the validation period (1006.38(b)). Text that does so without declaring it fails the check.
   */
  escalation?: true;
}
