import { eventTypesOf } from '../account/event-types';
import type { Allocation } from '../account/allocation';
import type { IsoDate } from '../calendar/calendar';

/** Paying `amount` by `dueOn` settles the `settles` balance owed at agreement; the rest is written off. */
export interface SettlementAgreed {
  type: 'SettlementAgreed';
  data: { settlementId: string; amount: number; currency: string; dueOn: IsoDate; settles: number };
}
/** A settlement the debtor may accept until `expiresOn` (see AcceptSettlementOffer). */
export interface SettlementOffered {
  type: 'SettlementOffered';
  data: { offerId: string; amount: number; currency: string; dueOn: IsoDate; expiresOn: IsoDate };
}
export interface SettlementCompleted {
  type: 'SettlementCompleted';
  data: { settlementId: string; paymentId: string; writtenOff: Allocation[] };
}
export interface SettlementLapsed {
  type: 'SettlementLapsed';
  data: { settlementId: string; paid: number };
}
export interface DebtWrittenOff {
  type: 'DebtWrittenOff';
  data: { reason: string; allocations: Allocation[] };
}
export interface PlacedWithAgency {
  type: 'PlacedWithAgency';
  data: { agencyId: string; placedOn: IsoDate; balance: number };
}
export interface RecalledFromAgency {
  type: 'RecalledFromAgency';
  data: { agencyId: string };
}
export interface EscalatedToLegal {
  type: 'EscalatedToLegal';
  data: { escalatedOn: IsoDate; reason: string | null };
}

/** Under a cease request (1006.6(c)), the debtor asked to be sent the confirmation of a resolution all the same. */
export interface ResolutionConfirmationRequested {
  type: 'ResolutionConfirmationRequested';
  data: { requestedOn: IsoDate };
}

/** The resolutions part of the account's events. */
export type ResolutionsEvent =
  | SettlementAgreed
  | SettlementOffered
  | SettlementCompleted
  | SettlementLapsed
  | DebtWrittenOff
  | PlacedWithAgency
  | RecalledFromAgency
  | EscalatedToLegal
  | ResolutionConfirmationRequested;

/** Every resolutions event type. */
export const resolutionsEventTypes = eventTypesOf<ResolutionsEvent>()([
  'SettlementAgreed',
  'SettlementOffered',
  'SettlementCompleted',
  'SettlementLapsed',
  'DebtWrittenOff',
  'PlacedWithAgency',
  'RecalledFromAgency',
  'EscalatedToLegal',
  'ResolutionConfirmationRequested',
]);
