import type { Command } from '../account/command';
import type { IsoDate } from '../calendar/calendar';
import type { ContactChannel, ContactPolicies } from '../compliance/contact-policy';
import type { CeaseNoticeKind, ReplyChannel } from './restrictions.vocabulary';

export type RequestCeaseCommunication = Command<'RequestCeaseCommunication', Record<string, never>>;
export type BlockChannel = Command<'BlockChannel', { channel: ContactChannel }>;
export type UnblockChannel = Command<'UnblockChannel', { channel: ContactChannel }>;
export type FlagHardship = Command<'FlagHardship', { note?: string }>;
export type PlaceHold = Command<'PlaceHold', { holdId: string; reason: string; until: IsoDate }>;
/** `expired`: the scheduler ends a hold whose last day has passed; otherwise someone lifts it early. */
export type ReleaseHold = Command<'ReleaseHold', { holdId: string; expired?: boolean }>;

/** One of the notices 1006.6(c)(2) allows after a cease request; `remedy` names the remedy of (ii) and (iii). */
export type SendCeaseNotice = Command<'SendCeaseNotice', { kind: CeaseNoticeKind; remedy?: string; channel: 'letter' | 'email'; policies: ContactPolicies }>;
/**
 * The one reply a debtor may be sent by a medium they asked not to be used, after they contacted the
 * collector by it: to the inbound contact logged at `inboundAt` (the latest by that medium when absent).
 */
export type ReplyOnBlockedMedium = Command<'ReplyOnBlockedMedium', { channel: ReplyChannel; inboundAt?: string; policies: ContactPolicies }>;
/** The restrictions part of the account's commands. */
export type RestrictionsCommand =
  RequestCeaseCommunication | BlockChannel | UnblockChannel | FlagHardship | PlaceHold | ReleaseHold | SendCeaseNotice | ReplyOnBlockedMedium;
