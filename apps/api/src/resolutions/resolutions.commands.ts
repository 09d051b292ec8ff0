import { accountCommand, type CommandDeclarations } from '../command-handling/account-command.declaration';
import { AgreeSettlementRequest, EscalateToLegalRequest, PlaceWithAgencyRequest, WriteOffRequest } from './resolutions.requests';

/** How collection ends or escalates: settlement, write-off, agency placement and recall, legal review. All a supervisor's call. */
export const resolutionsCommands: CommandDeclarations = {
  agreeSettlement: accountCommand({
    route: 'POST /accounts/:accountId/settlements',
    roles: ['supervisor'],
    summary: 'Agree to settle the whole balance for less, by a date',
    status: 201,
    request: AgreeSettlementRequest,
    command: ({ request: { settlementId, amount, currency, dueOn } }) => ({ type: 'AgreeSettlement', data: { settlementId, amount, currency, dueOn } }),
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
};
