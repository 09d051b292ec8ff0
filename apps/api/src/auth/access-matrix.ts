import type { ActorRole, CallerRole } from '@arrears/commands';
import { everyAccountCommand } from '../account-commands';

/** Anyone may call it, without a token. */
export const publicRoute = 'public';

/** Prometheus's target: besides the roles below, the static scrape token (METRICS_TOKEN) may call it. */
export const scrapeRoute = 'GET /metrics';

const agentWork: ActorRole[] = ['agent', 'supervisor'];
const supervisors: ActorRole[] = ['supervisor'];
const auditors: ActorRole[] = ['auditor', 'supervisor'];

/**
 * Who may call which route: the role × route matrix, `METHOD /route/pattern` as the router knows it.
 * A route missing here is refused to everyone (the guard fails closed, and a test checks that every
 * route is listed). The README's table is this one. Command routes come from their declarations; the
 * rest (health, reads, parked events) are listed here.
 */
export const accessMatrix: Readonly<Record<string, readonly CallerRole[] | typeof publicRoute>> = {
  'GET /health': publicRoute,
  'GET /health/live': publicRoute,
  'GET /health/ready': publicRoute,
  [scrapeRoute]: ['supervisor', 'system'],

  'GET /worklist': agentWork,
  'GET /accounts/search': ['agent', 'supervisor', 'auditor'],
  'GET /accounts/:accountId': ['agent', 'supervisor', 'auditor'],
  'GET /accounts/:accountId/contact-status': ['agent', 'supervisor', 'auditor'],
  // Agents read it as the account's timeline of every interaction; the rest of the audit is the auditors'.
  'GET /accounts/:accountId/history': ['agent', ...auditors],
  'GET /accounts/:accountId/events': auditors,
  'GET /accounts/:accountId/state': auditors,
  'GET /accounts/:accountId/history/verify': auditors,
  'GET /kpis': ['analyst', 'supervisor'],

  'GET /team': supervisors,
  'POST /team/reassign': supervisors,
  'GET /parked-events': supervisors,
  'POST /parked-events/:parkedEventId/retry': supervisors,
  'POST /parked-events/:parkedEventId/skip': supervisors,
  'GET /notifications/dead-letters': supervisors,
  'POST /notifications/dead-letters/:notificationId/retry': supervisors,
  'POST /webhooks': ['supervisor', 'system'],
  'GET /webhooks': ['supervisor', 'system'],
  'GET /webhooks/:webhookId': ['supervisor', 'system'],
  'POST /webhooks/:webhookId/disable': ['supervisor', 'system'],
  'POST /webhooks/:webhookId/replay': ['supervisor', 'system'],
  'GET /webhooks/:webhookId/dead-letters': ['supervisor', 'system'],
  'POST /webhooks/:webhookId/dead-letters/:eventId/retry': ['supervisor', 'system'],
  'POST /imports': ['supervisor', 'system'],
  'GET /imports/:importId': ['supervisor', 'system'],
  'GET /templates': supervisors,
  'POST /templates/:templateId/preview': supervisors,
  // The debtor opens the link we sent them: its signature is the authority (see OptOutController).
  'GET /opt-out/:token': publicRoute,
  'POST /opt-out/:token': publicRoute,
  // A payment link for the debtor; the provider's webhooks and the test provider's pages are signed: the signature is the authority.
  'POST /accounts/:accountId/checkout': agentWork,
  'POST /online-payments/stripe/webhook': publicRoute,
  'GET /online-payments/test-checkout/:sessionId': publicRoute,
  'POST /online-payments/test-checkout/:sessionId/pay': publicRoute,
  'POST /online-payments/test-checkout/:sessionId/decline': publicRoute,
  'GET /online-payments/finished/:outcome': publicRoute,
  // Mints tokens for anyone, so it is on only on the embedded default or where DEV_SIGN_IN=true (else 404).
  'POST /auth/dev-token': publicRoute,
  // Asked by the console's sign-in page, before anyone is signed in.
  'GET /auth/sign-in-options': publicRoute,
  // The debtor's portal: the link and its second factor are the sign-in; the rest needs the portal's own token.
  'POST /portal/api/sessions': publicRoute,
  'GET /portal/api/account': ['debtor'],
  'GET /portal/api/statement': ['debtor'],
  'POST /portal/api/checkout': ['debtor'],
  'POST /accounts/:accountId/portal-links': supervisors,
  ...Object.fromEntries(everyAccountCommand.map(({ route, roles }) => [route, roles])),
};

/** The roles allowed on a route, `public`, or undefined for a route the matrix does not know. */
export const accessTo = (method: string, route: string) => accessMatrix[`${method} ${route}`];
