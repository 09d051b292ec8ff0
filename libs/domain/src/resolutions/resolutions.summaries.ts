import { formatMoney } from '../money/money';
import type { Summaries } from '../account/capability';
import { money, sum, units } from '../account/summary-words';
import type { ResolutionsEvent } from './resolutions.events';

/** How each resolutions fact reads in the account's history: one line a person can read. */
export const resolutionsSummaries: Summaries<ResolutionsEvent> = {
  SettlementAgreed: (event) =>
    `Settlement ${event.data.settlementId}: ${money(event.data)} by ${event.data.dueOn} settles ${formatMoney(event.data.settles, event.data.currency)}.`,
  SettlementOffered: (event) => `Settlement offered (${event.data.offerId}): ${money(event.data)} by ${event.data.dueOn}, open until ${event.data.expiresOn}.`,
  SettlementCompleted: (event) =>
    `Settlement ${event.data.settlementId} completed by payment ${event.data.paymentId}; ${units(sum(event.data.writtenOff))} written off.`,
  SettlementLapsed: (event) => `Settlement ${event.data.settlementId} lapsed with ${units(event.data.paid)} paid.`,
  DebtWrittenOff: (event) => `${units(sum(event.data.allocations))} written off: ${event.data.reason}.`,
  PlacedWithAgency: (event) => `Placed with agency ${event.data.agencyId} on ${event.data.placedOn} for ${units(event.data.balance)}.`,
  RecalledFromAgency: (event) => `Recalled from agency ${event.data.agencyId}.`,
  ResolutionConfirmationRequested: (event) => `The debtor asked, on ${event.data.requestedOn}, to be sent a confirmation when the account is resolved.`,
  EscalatedToLegal: (event) => `Escalated to legal review on ${event.data.escalatedOn}${event.data.reason ? ` (${event.data.reason})` : ''}.`,
};
