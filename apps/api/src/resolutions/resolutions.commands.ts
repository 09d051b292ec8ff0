import { accountCommand, type CommandDeclarations } from '../command-handling/account-command.declaration';
import { AgreeSettlementRequest, OfferSettlementRequest, EscalateToLegalRequest, PlaceWithAgencyRequest, WriteOffRequest } from './resolutions.requests';

/** How collection ends or escalates: settlement, write-off, agency placement and recall, legal review (a supervisor's call), and the debtor's request for a confirmation. */
export const resolutionsCommands: CommandDeclarations = {
  agreeSettlement: accountCommand({
    route: 'POST /accounts/:accountId/settlements',
    roles: ['supervisor'],
    summary: 'Agree to settle the whole balance for less, by a date',
    status: 201,
    request: AgreeSettlementRequest,
    command: ({ request: { settlementId, amount, currency, dueOn } }) => ({ type: 'AgreeSettlement', data: { settlementId, amount, currency, dueOn } }),
  }),

  offerSettlement: accountCommand({
    route: 'POST /accounts/:accountId/settlement-offers',
    roles: ['supervisor'],
    summary: 'Offer the debtor a settlement they may accept on the portal until expiresOn (the rules of agreeing one apply, now and on acceptance)',
    status: 201,
    request: OfferSettlementRequest,
    command: ({ request: { offerId, amount, currency, dueOn, expiresOn } }) => ({
      type: 'OfferSettlement',
      data: { offerId, amount, currency, dueOn, expiresOn },
    }),
  }),

  writeOff: accountCommand({
    route: 'POST /accounts/:accountId/write-off',
    roles: ['supervisor'],
    summary: 'Write off every open balance',
    status: 200,
    request: WriteOffRequest,
    command: ({ request }) => ({ type: 'WriteOff', data: { reason: request.reason } }),
  }),

  placeWithAgency: accountCommand({
    route: 'POST /accounts/:accountId/agency-placements',
    roles: ['supervisor'],
    summary: 'Place the account with a collection agency',
    status: 201,
    request: PlaceWithAgencyRequest,
    command: ({ request }) => ({ type: 'PlaceWithAgency', data: { agencyId: request.agencyId } }),
  }),

  recallFromAgency: accountCommand({
    route: 'POST /accounts/:accountId/agency-placements/recall',
    roles: ['supervisor'],
    summary: 'Recall the account from its agency',
    status: 200,
    command: () => ({ type: 'RecallFromAgency', data: {} }),
  }),

  escalateToLegal: accountCommand({
    route: 'POST /accounts/:accountId/legal-escalations',
    roles: ['supervisor'],
    summary: 'Escalate the account to legal review',
    status: 201,
    request: EscalateToLegalRequest,
    optionalBody: true,
    command: ({ request, policies }) => ({ type: 'EscalateToLegal', data: { ...(request.reason && { reason: request.reason }), policies } }),
  }),

  // The confirmation itself is the scheduler's (SendResolutionConfirmation, from dueWork): one per resolution.
  requestResolutionConfirmation: accountCommand({
    route: 'POST /accounts/:accountId/resolution-confirmation-requests',
    roles: ['agent', 'supervisor'],
    summary: 'Record that the debtor, under a cease request, asked to be sent the confirmation of a resolution (12 CFR 1006.6(c))',
    status: 201,
    command: () => ({ type: 'RequestResolutionConfirmation', data: {} }),
  }),
};
