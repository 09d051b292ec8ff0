import type { Evolvers } from '../account/capability';
import { adjust } from '../account/invoice-updates';
import type { ResolutionsEvent } from './resolutions.events';
import { latestPaidOn, resolvedBy } from './resolution';

export const resolutionsEvolvers: Evolvers<ResolutionsEvent> = {
  SettlementAgreed: (account, event) => {
    const { settlementId, amount, dueOn, settles } = event.data;
    return {
      ...account,
      settlementIds: { ...account.settlementIds, [settlementId]: true },
      activeSettlement: { settlementId, amount, dueOn, settles, paid: 0 },
    };
  },
  SettlementOffered: (account, { data }) => ({ ...account, settlementOffers: { ...account.settlementOffers, [data.offerId]: data } }),
  SettlementCompleted: (account, event) => resolvedBy({ ...adjust(account, event.data.writtenOff), activeSettlement: null }, 'settled', latestPaidOn(account)),
  SettlementLapsed: (account) => ({ ...account, activeSettlement: null }),
  DebtWrittenOff: (account, event) => adjust(account, event.data.allocations),
  PlacedWithAgency: (account, event) => ({ ...account, agency: { agencyId: event.data.agencyId, placedOn: event.data.placedOn } }),
  RecalledFromAgency: (account) => ({ ...account, agency: null }),
  EscalatedToLegal: (account, event) => ({ ...account, legal: { escalatedOn: event.data.escalatedOn } }),
  ResolutionConfirmationRequested: (account) => ({ ...account, resolutionConfirmationRequested: true }),
};
