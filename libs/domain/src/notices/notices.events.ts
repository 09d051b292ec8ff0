import { eventTypesOf } from '../account/event-types';
import type { ContactChannel } from '../compliance/contact-policy';

/**
 * A message as it went out, rendered from a versioned template: what an auditor is shown. Personal
 * data (it names the debtor and their address): the write path seals its subject and body under the
 * debtor's data key. Once that key is destroyed the message reads as gone: which template, version
 * and language stay; subject and body are empty and `erased` is set.
 */
export type RenderedMessage = { templateId: string; version: number; language: string; subject: string; body: string; erased?: true };

/** Why a message other than a reminder or the validation notice went to the debtor. */
export const noticePurposes = [
  /** After a cease request, that further efforts are being terminated (1006.6(c)(2)(i)). */
  'efforts_terminated',
  /** After a cease request, that a specified remedy may be, or will be, invoked (1006.6(c)(2)(ii), (iii)). */
  'remedy_notice',
  /** A reply, once, by a medium the debtor asked not to be used, to a request they made by it (1006.14(h)(2)). */
  'blocked_medium_reply',
  /** The original creditor's name and address, as the debtor asked (1006.38(c)). */
  'original_creditor',
  /** The account is paid in full, settled, or its plan completed: thanks and confirmation. */
  'resolution_confirmation',
] as const;
export type NoticePurpose = (typeof noticePurposes)[number];

/** A notice was queued for the debtor; the outbox delivers it at least once, by this id. */
export interface NoticeSent {
  type: 'NoticeSent';
  data: {
    notificationId: string;
    purpose: NoticePurpose;
    channel: ContactChannel;
    template: string;
    invoiceId?: string;
    sentAt: string;
    message?: RenderedMessage;
    /** A remedy notice's remedy, as the collector specified it, and whether it may be or will be invoked (1006.6(c)(2)(ii), (iii)). */
    remedy?: CeaseRemedy;
    /** A blocked-medium reply's inbound contact: the instant the debtor's contact by that medium was logged. */
    inReplyTo?: string;
  };
}

/** A remedy named in a notice after a cease request: one the collector or creditor `may` invoke, or `will` invoke. */
export type CeaseRemedy = { invoked: 'may' | 'will'; text: string };

/** The notices part of the account's events. */
export type NoticesEvent = NoticeSent;

/** Every notices event type. */
export const noticesEventTypes = eventTypesOf<NoticesEvent>()(['NoticeSent']);
