import type { ActorRole } from '@arrears/commands';

/** Anyone may call it, without a token. */
export const publicRoute = 'public';

/** Prometheus's target: besides the roles below, the static scrape token (METRICS_TOKEN) may call it. */
export const scrapeRoute = 'GET /metrics';

const agentWork: ActorRole[] = ['agent', 'supervisor'];
const supervisors: ActorRole[] = ['supervisor'];
const integrations: ActorRole[] = ['system'];
const auditors: ActorRole[] = ['auditor', 'supervisor'];

/**
 * Who may call which route: the role × route matrix, `METHOD /route/pattern` as the router knows it.
 * A route missing here is refused to everyone (the guard fails closed, and a test checks that every
 * route is listed). The README's table is this one.
 */
export const accessMatrix: Record<string, readonly ActorRole[] | typeof publicRoute> = {
  'GET /health': publicRoute,
  'GET /health/live': publicRoute,
  'GET /health/ready': publicRoute,
  [scrapeRoute]: ['supervisor', 'system'],

  'POST /accounts': integrations,
  'POST /accounts/:accountId/invoices': integrations,
  'POST /accounts/:accountId/payments': integrations,
  'POST /accounts/:accountId/invoices/:invoiceId/missed': integrations,
  'POST /accounts/:accountId/invoices/:invoiceId/late-fee': integrations,
  'POST /accounts/:accountId/validation-notice': ['agent', 'supervisor', 'system'],
  'POST /accounts/:accountId/close': ['supervisor', 'system'],

  'POST /accounts/:accountId/contacts': agentWork,
  'POST /accounts/:accountId/notes': agentWork,
  'POST /accounts/:accountId/promises': agentWork,
  'POST /accounts/:accountId/plans': agentWork,
  'POST /accounts/:accountId/plans/:planId/installments/:installment/extend': agentWork,
  'POST /accounts/:accountId/disputes': agentWork,
  'POST /accounts/:accountId/cease': agentWork,
  'POST /accounts/:accountId/channels/:channel/block': agentWork,
  'POST /accounts/:accountId/channels/:channel/unblock': agentWork,
  'POST /accounts/:accountId/hardship': agentWork,
  'POST /worklist/:accountId/claim': agentWork,
  'POST /worklist/:accountId/release': agentWork,

  'POST /accounts/:accountId/assign': supervisors,
  'POST /accounts/:accountId/holds': supervisors,
  'POST /accounts/:accountId/holds/:holdId/release': supervisors,
  'POST /accounts/:accountId/disputes/:disputeId/resolve': supervisors,
  'POST /accounts/:accountId/settlements': supervisors,
  'POST /accounts/:accountId/write-off': supervisors,
  'POST /accounts/:accountId/agency-placements': supervisors,
  'POST /accounts/:accountId/agency-placements/recall': supervisors,
  'POST /accounts/:accountId/legal-escalations': supervisors,
  'POST /accounts/:accountId/erase-personal-data': supervisors,

  'GET /worklist': agentWork,
  'GET /accounts/:accountId': ['agent', 'supervisor', 'auditor'],
  'GET /accounts/:accountId/history': auditors,
  'GET /accounts/:accountId/events': auditors,
  'GET /accounts/:accountId/state': auditors,
  'GET /accounts/:accountId/history/verify': auditors,
  'GET /kpis': ['analyst', 'supervisor'],
};

/** The roles allowed on a route, `public`, or undefined for a route the matrix does not know. */
export const accessTo = (method: string, route: string) => accessMatrix[`${method} ${route}`];
