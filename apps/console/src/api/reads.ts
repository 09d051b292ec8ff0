/**
 * The reads whose answers the OpenAPI document does not describe yet, typed narrowly: only what the
 * console shows. Each goes once the document types it (the generated `paths` then carry it).
 */

// until the document types this read
export interface ContactStatus {
  contactableNow: boolean;
  nextCallAllowedAt: string | null;
  callsInWindow: number;
  maxCallsInWindow: number;
  lastContact: { at: string; channel: string; outcome: string } | null;
  callConsentThrough: string | null;
}

// until the document types this read (GET /accounts/:accountId/contact-status, the "may I call now?" read)
export interface ContactRules {
  allowedNow: boolean;
  refusals: { code: string; message: string; allowedFrom: string | null }[];
  nextAllowedAt: string | null;
}

// until the document types this read
export interface WorklistItem {
  accountId: string;
  creditorId: string;
  currency: string;
  score: { total: number; parts: Record<string, number> };
  daysPastDue: number;
  agingBucket: string;
  outstanding: number;
  overdueAmount: number;
  nextAction: { code: string; reason: string };
  contact: ContactStatus;
  assignedAgentId: string | null;
  claim: { agentId: string; until: string } | null;
  /** The open promise to pay, when the worklist line carries it. */
  openPromise?: { promiseId: string; amount: number; dueOn: string } | null;
}

// until the document types this read
export interface Worklist {
  asOf: string;
  items: WorklistItem[];
  nextCursor: string | null;
}

// until the document types this read
export interface Promise_ {
  promiseId: string;
  amount: number;
  dueOn: string;
  madeOn: string;
  status: string;
  paid: number;
}

// until the document types this read
export interface AccountRead {
  accountId: string;
  creditorId: string;
  status: string;
  currency: string;
  asOf?: string;
  asAt?: string;
  revision?: number;
  debtor: { reference: string; name?: string; timeZone: string; phone?: string; email?: string };
  balances: { total: number; overdue: number; credit: number };
  daysPastDue: number;
  agingBucket: string;
  invoices: {
    invoiceId: string;
    amount: number;
    currency: string;
    issuedOn: string;
    dueOn: string;
    outstanding: number;
    daysPastDue: number;
    agingBucket: string;
    missed: boolean;
  }[];
  activePlan: { planId: string; installments: { dueOn: string; amount: number; paid?: number }[] } | null;
  lastPayment: { paymentId: string; amount: number; currency: string; receivedOn: string; method: string } | null;
  promises: Promise_[];
  disputes: { disputeId: string; reason: string; status?: string; invoiceId?: string }[];
  holds: { holdId: string; reason: string; until: string; inForce: boolean }[];
  restrictions: { hardship: boolean; ceaseRequested: boolean; blockedChannels: string[] };
  contact: ContactStatus;
  assignedAgentId: string | null;
  claim: { agentId: string; until: string } | null;
}

// until the document types this read
export interface HistoryEntry {
  eventId: string;
  type: string;
  revision: number;
  position: number;
  occurredOn: string;
  occurredAt: string;
  recordedAt: string;
  actor: { id: string; role: string } | null;
  correlationId: string | null;
  causationId?: string | null;
  summary: string;
}

// until the document types this read
export interface History {
  accountId: string;
  items: HistoryEntry[];
  nextCursor: string | null;
}

// until the document types this read
export interface ChainVerification {
  accountId: string;
  status: 'intact' | 'broken';
  events: number;
  firstBrokenRevision?: number;
  reason?: string;
  detail?: string;
  verifiedAt: string;
}

// until the document types this read
export interface KpiDay {
  date: string;
  receivables: number;
  aging: Record<string, number>;
  collected: number;
  dso: { countBack: number | null; countBack30: number | null; simple: number | null };
  bestPossibleDso: number | null;
  averageDaysDelinquent: number | null;
  cei: number | null;
  rollRates: Record<string, number | null>;
  cureRate: number | null;
}

// until the document types this read
export interface KpiCurrency {
  series: KpiDay[];
  period: {
    collected: number;
    cei: number | null;
    cureRate: number | null;
    workflow: { promises: { kept: number; broken: number; keptRate: number | null }; collectedByStrategy: Record<string, number> };
  };
}

// until the document types this read
export interface Kpis {
  scope: string;
  from: string;
  to: string;
  currencies: Record<string, KpiCurrency>;
}

// until the document types this read
export interface Template {
  id: string;
  version: number;
  channel: string;
  language: string;
  purpose: string;
  escalation: boolean;
  variables: string[];
}

// until the document types this read
export interface ParkedEvent {
  id: string;
  projection: string;
  position: number;
  eventType: string;
  streamId: string;
  creditorId: string | null;
  error: string;
  status?: 'parked' | 'resolved';
}

// until the document types this read
export interface DeadLetter {
  id: string;
  channel: string;
  accountId?: string;
  deadAt: string;
  permanent: boolean;
  lastError?: string;
  attempts?: number;
}

// until the document types this read (GET /accounts/search, added with the search read model)
export interface SearchHit {
  accountId: string;
  creditorId: string;
  debtorReference: string;
  debtorName: string | null;
  status: string;
  currency: string | null;
  balance: number;
  matchedBy: string[];
}

// until the document types this read (GET /team, added with the team read model)
export interface TeamView {
  creditorId: string;
  date: string;
  timeZone: string;
  asOf: string;
  agents: {
    agentId: string;
    claimedNow: number;
    assigned: number;
    contacts: number;
    promisesTaken: number;
    promisesKept: number;
    promisesBroken: number;
  }[];
}

// until the document types this read (POST /auth/dev-token, the development sign-in)
export interface DevToken {
  token: string;
  expiresAt: string;
}
