import type { Command } from '../account/command';
import type { IsoDate } from '../calendar/calendar';
import type { ContactPolicies } from '../compliance/contact-policy';

export type AgreeSettlement = Command<'AgreeSettlement', { settlementId: string; amount: number; currency: string; dueOn: IsoDate }>;
/** A supervisor offers the debtor a settlement, which the debtor may accept (on the portal) until `expiresOn`. */
export type OfferSettlement = Command<'OfferSettlement', { offerId: string; amount: number; currency: string; dueOn: IsoDate; expiresOn: IsoDate }>;
/** The debtor accepts an offer: the settlement is agreed as if a supervisor had agreed it, under the same rules. */
export type AcceptSettlementOffer = Command<'AcceptSettlementOffer', { offerId: string }>;
export type LapseSettlement = Command<'LapseSettlement', { settlementId: string }>;
export type WriteOff = Command<'WriteOff', { reason: string }>;
export type PlaceWithAgency = Command<'PlaceWithAgency', { agencyId: string }>;
export type RecallFromAgency = Command<'RecallFromAgency', Record<string, never>>;
/** `policies` carry the creditor profiles: the state whose statute of limitations applies when the debtor's address names none. */
export type EscalateToLegal = Command<'EscalateToLegal', { reason?: string; policies: ContactPolicies }>;

/** The scheduler sends the thank-you and confirmation of a resolution, once (see `confirmationDue`). */
export type SendResolutionConfirmation = Command<'SendResolutionConfirmation', { policies: ContactPolicies }>;
/** Records that the debtor, under a cease request (1006.6(c)), asked to be sent the confirmation of a resolution. */
export type RequestResolutionConfirmation = Command<'RequestResolutionConfirmation', Record<string, never>>;

/** The resolutions part of the account's commands. */
export type ResolutionsCommand =
  | AgreeSettlement
  | OfferSettlement
  | AcceptSettlementOffer
  | LapseSettlement
  | WriteOff
  | PlaceWithAgency
  | RecallFromAgency
  | EscalateToLegal
  | SendResolutionConfirmation
  | RequestResolutionConfirmation;
