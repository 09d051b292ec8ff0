/** An RFC 9457 problem details answer, with what the service adds: its code, field errors, and a refused contact's rules. */
export interface Refusal {
  code: string;
  message: string;
  allowedFrom: string | null;
}

export interface Problem {
  status: number;
  title?: string;
  code?: string;
  detail?: string;
  errors?: { field: string; messages: string[] }[];
  refusals?: Refusal[];
  allowedFrom?: string | null;
}

/** A refused or failed call, carrying the service's problem details (or what the browser could tell). */
export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
}

export function problemFrom(status: number, body: unknown): Problem {
  if (body && typeof body === 'object' && 'status' in body) return body as Problem;
  return { status, title: status === 0 ? 'The service could not be reached' : `The service answered ${status}` };
}

/** What went wrong, as a Problem, whatever was thrown. */
export function asProblem(error: unknown): Problem {
  if (error instanceof ApiProblem) return error.problem;
  return { status: 0, title: 'The service could not be reached', detail: error instanceof Error ? error.message : String(error) };
}
