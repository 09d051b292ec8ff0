import type { ResolutionsCommand } from '@arrears/domain';
import { type CapabilityReach, http, policies, scheduler } from '../command-handling/command-reach.fixtures';

/** A request with every optional field set. */
const settlement = { settlementId: 'settlement-1', amount: 5000, currency: 'USD', dueOn: '2026-01-20' };

/** How each field of the resolutions commands is set from outside (see every-field-reachable.unit.spec.ts). */
export const resolutionsReach: CapabilityReach<ResolutionsCommand> = {
  AgreeSettlement: {
    fields: { settlementId: true, amount: true, currency: true, dueOn: true },
    made: [http('POST /accounts/:accountId/settlements', settlement)],
  },
  OfferSettlement: {
    fields: { offerId: true, amount: true, currency: true, dueOn: true, expiresOn: true },
    made: [
      http('POST /accounts/:accountId/settlement-offers', { offerId: 'offer-1', amount: 5000, currency: 'USD', dueOn: '2026-01-20', expiresOn: '2026-01-15' }),
    ],
  },
  AcceptSettlementOffer: { fields: { offerId: true }, made: [http('POST /portal/api/settlement-offers/:offerId/accept', undefined, { offerId: 'offer-1' })] },
  LapseSettlement: { fields: { settlementId: true }, made: [scheduler([{ type: 'AgreeSettlement', data: settlement }])] },
  WriteOff: { fields: { reason: true }, made: [http('POST /accounts/:accountId/write-off', { reason: 'Uncollectable' })] },
  PlaceWithAgency: { fields: { agencyId: true }, made: [http('POST /accounts/:accountId/agency-placements', { agencyId: 'agency-1' })] },
  RecallFromAgency: { fields: {}, made: [http('POST /accounts/:accountId/agency-placements/recall')] },
  SendResolutionConfirmation: {
    fields: { policies },
    made: [scheduler([{ type: 'RecordPayment', data: { paymentId: 'pay-1', amount: 10_000, currency: 'USD', receivedOn: '2026-01-05', method: 'card' } }])],
  },
  RequestResolutionConfirmation: { fields: {}, made: [http('POST /accounts/:accountId/resolution-confirmation-requests')] },
  EscalateToLegal: { fields: { reason: true, policies }, made: [http('POST /accounts/:accountId/legal-escalations', { reason: 'Assets found' })] },
};
