/** What a notice after a cease request says (1006.6(c)(2)): efforts end (i), a remedy may be invoked (ii), a remedy will be invoked (iii). */
export const ceaseNoticeKinds = ['efforts_terminated', 'remedy_may_be_invoked', 'remedy_intended'] as const;
export type CeaseNoticeKind = (typeof ceaseNoticeKinds)[number];

/** The media a reply on a blocked medium may go by: those the outbox delivers. */
export const replyChannels = ['email', 'sms', 'letter'] as const;
export type ReplyChannel = (typeof replyChannels)[number];
