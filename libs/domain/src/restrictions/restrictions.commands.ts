import type { Command } from '../account/command';
import type { IsoDate } from '../calendar/calendar';
import type { ContactChannel } from '../compliance/contact-policy';

export type RequestCeaseCommunication = Command<'RequestCeaseCommunication', Record<string, never>>;
export type BlockChannel = Command<'BlockChannel', { channel: ContactChannel }>;
export type UnblockChannel = Command<'UnblockChannel', { channel: ContactChannel }>;
export type FlagHardship = Command<'FlagHardship', { note?: string }>;
export type PlaceHold = Command<'PlaceHold', { holdId: string; reason: string; until: IsoDate }>;
/** `expired`: the scheduler ends a hold whose last day has passed; otherwise someone lifts it early. */
export type ReleaseHold = Command<'ReleaseHold', { holdId: string; expired?: boolean }>;

/** The restrictions part of the account's commands. */
export type RestrictionsCommand = RequestCeaseCommunication | BlockChannel | UnblockChannel | FlagHardship | PlaceHold | ReleaseHold;
