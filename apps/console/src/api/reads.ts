/**
 * The answers of the routes the OpenAPI document does not have yet, typed narrowly: only what the console
 * shows. Each goes once the document has its route (the generated `paths` then type the call); every
 * other read is typed by the document itself (see schemas.ts).
 */

// until the document types this read (GET /accounts/:accountId/contact-status, the "may I call now?" read)
export interface ContactRules {
  allowedNow: boolean;
  refusals: { code: string; message: string; allowedFrom: string | null }[];
  nextAllowedAt: string | null;
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
