import {
  accountCommand,
  type AccountCommandDeclaration,
  type CommandDeclaration,
  type CommandDeclarations,
} from '../command-handling/account-command.declaration';
import { disputesCommands } from '../disputes/disputes.commands';
import { interactionsCommands } from '../interactions/interactions.commands';
import { promisesCommands } from '../promises/promises.commands';
import { restrictionsCommands } from '../restrictions/restrictions.commands';
import { portalAccountOf } from './portal-sessions';
import { AcceptPlanOfferRequest, RevokePortalLinksRequest } from './portal.requests';
import { planAgreedResponse, PlanAgreedResponse } from '../plans/plans.commands';

type PortalRoute = `POST /portal/api/${string}`;

const debtor = ['debtor'] as const;
const forTheDebtor = { roles: debtor, accountId: ({ context }: { context: { actor: { id: string; role: string } } }) => portalAccountOf(context) };

/**
 * An agent's command, taken by the debtor on the portal: the same request, the same domain command,
 * hence the same decider and the same refusals; only the route, the role, and where the account comes
 * from (the portal token, never the path) differ.
 */
function asTheDebtor(declared: CommandDeclaration | undefined, route: PortalRoute, summary: string): AccountCommandDeclaration {
  if (!declared || 'process' in declared) throw new Error(`${route} must take an account command an agent takes.`);
  return { ...declared, ...forTheDebtor, route, summary };
}

/** The portal: what the debtor does on their own account, and the supervisor's revocation of its links. */
export const portalCommands: CommandDeclarations = {
  revokePortalLinks: accountCommand({
    route: 'POST /accounts/:accountId/portal-links/revoke',
    roles: ['supervisor'],
    summary: 'Revoke one portal link, or every link issued so far (notices’ links too): a session opened by one ends on its next request',
    status: 200,
    request: RevokePortalLinksRequest,
    optionalBody: true,
    command: ({ request: { linkId } }) => ({ type: 'RevokePortalLink', data: { ...(linkId && { linkId }) } }),
  }),

  portalPromise: asTheDebtor(promisesCommands.recordPromise, 'POST /portal/api/promises', 'The debtor promises to pay an amount by a date'),
  portalAcceptPlan: accountCommand<AcceptPlanOfferRequest, PlanAgreedResponse>({
    route: 'POST /portal/api/plans',
    ...forTheDebtor,
    summary: 'The debtor accepts one of the plans the creditor offers (see `planOffers` of GET /portal/api/account)',
    status: 201,
    request: AcceptPlanOfferRequest,
    command: ({ request: { planId, installmentCount }, policies }) => ({ type: 'AcceptPlanOffer', data: { planId, installmentCount, policies } }),
    response: planAgreedResponse,
  }),
  portalAcceptSettlementOffer: accountCommand({
    route: 'POST /portal/api/settlement-offers/:offerId/accept',
    ...forTheDebtor,
    summary: 'The debtor accepts a settlement a supervisor offered, before it expires',
    status: 201,
    command: ({ params }) => ({ type: 'AcceptSettlementOffer', data: { offerId: params.offerId } }),
  }),
  portalDispute: asTheDebtor(
    disputesCommands.raiseDispute,
    'POST /portal/api/disputes',
    'The debtor disputes the debt or an invoice, with a reason and, if any, a document by reference',
  ),
  portalOriginalCreditor: asTheDebtor(
    disputesCommands.requestOriginalCreditor,
    'POST /portal/api/original-creditor-requests',
    'The debtor asks for the original creditor’s name and address (12 CFR 1006.38(c))',
  ),
  portalOptOut: asTheDebtor(restrictionsCommands.blockChannel, 'POST /portal/api/channels/:channel/opt-out', 'The debtor asks us to stop using a channel'),
  portalContactTime: asTheDebtor(
    interactionsCommands.recordPreferredContactTime,
    'POST /portal/api/preferred-contact-time',
    'The debtor says when contact suits them (times of day, their time zone)',
  ),
};
