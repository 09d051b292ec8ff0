import { eventTypesOf } from '../account/event-types';
import type { IsoDate } from '../calendar/calendar';
import type { ContactChannel } from '../compliance/contact-policy';

export interface CeaseCommunicationRequested {
  type: 'CeaseCommunicationRequested';
  data: { requestedOn: IsoDate };
}
export interface ChannelBlocked {
  type: 'ChannelBlocked';
  data: { channel: ContactChannel };
}
export interface ChannelUnblocked {
  type: 'ChannelUnblocked';
  data: { channel: ContactChannel };
}
export interface HardshipFlagged {
  type: 'HardshipFlagged';
  data: { note: string | null };
}
/** Collection stops through `until` (a date, inclusive, in the debtor's zone), or until released. */
export interface HoldPlaced {
  type: 'HoldPlaced';
  data: { holdId: string; reason: string; until: IsoDate };
}
export interface HoldReleased {
  type: 'HoldReleased';
  data: { holdId: string; reason: 'released' | 'expired' };
}

/** The restrictions part of the account's events. */
export type RestrictionsEvent = CeaseCommunicationRequested | ChannelBlocked | ChannelUnblocked | HardshipFlagged | HoldPlaced | HoldReleased;

/** Every restrictions event type. */
export const restrictionsEventTypes = eventTypesOf<RestrictionsEvent>()([
  'CeaseCommunicationRequested',
  'ChannelBlocked',
  'ChannelUnblocked',
  'HardshipFlagged',
  'HoldPlaced',
  'HoldReleased',
]);
