/** Seconds a client is asked to wait (Retry-After) when a store cannot be reached. */
export const storeRetryAfterSeconds = 2;

/** Socket errors: the store's host or socket is gone, refuses, or stopped answering. */
const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * PostgreSQL SQLSTATEs that say the server, not the request, is at fault, so the same request may succeed later:
 * class 08 (connection exception); 57P01–57P03 (admin shutdown, crash shutdown, cannot connect now); 57014 (a
 * statement cancelled: an operator's pg_cancel_backend, or a statement_timeout set on the server or role); class 53
 * (insufficient resources: disk full, out of memory, too many connections); 25006 (a read-only transaction: the
 * database switched to read-only, or a session left on a node become a standby); 40001 and 40P01 (a serialization
 * failure, a deadlock: the transaction was rolled back whole).
 */
const pgUnavailable = /^(08...|57P0[123]|57014|53...|25006|40001|40P01)$/;

/**
 * Of those, the ones that end a statement or a transaction and leave its session sound (a cancel, a serialization
 * failure, a deadlock): a connection worth keeping, where a read-only or lost one is not.
 */
const pgSessionSound = new Set(['57014', '40001', '40P01']);

/**
 * What `pg` says when a connection dies or cannot be made in time, and what the statement watch says
 * of a statement unanswered past its bound (`Query read timeout`, pg's own words for it): no code on either.
 */
const pgConnectionMessages = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout)/;

/** The MongoDB driver's errors for a lost server or none to select. */
const mongoUnavailable = new Set(['MongoNetworkError', 'MongoNetworkTimeoutError', 'MongoServerSelectionError', 'MongoTopologyClosedError']);

/** EventStoreDB's client errors (their `type`) for a node that is down, too slow, or not the leader. */
const eventStoreDbUnavailable = new Set(['unavailable', 'deadline-exceeded', 'not-leader']);

/**
 * A store that answers, but not consistently in time: what it was asked kept changing while it was read (a
 * document written again and again between the reads of its parts). The same request may succeed later.
 */
export class StoreBusyError extends Error {
  override readonly name = 'StoreBusyError';
}

/**
 * True when `error` means a store (PostgreSQL, MongoDB, EventStoreDB) cannot be reached right now, so the request
 * may succeed later unchanged: answered 503 with Retry-After, never 500. Looks through `cause` and
 * the parts of an AggregateError (Node's connect to several addresses).
 */
export function isStoreUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  if (error instanceof StoreBusyError) return true;
  const { code, syscall, name, message, cause, errors, type } = error as Record<string, unknown>;
  if (typeof code === 'string' && (networkCodes.has(code) || pgUnavailable.test(code))) return true;
  // A Unix socket that is not there (ENOENT) is a server that is not running.
  if (syscall === 'connect') return true;
  if (typeof name === 'string' && mongoUnavailable.has(name)) return true;
  if (typeof type === 'string' && eventStoreDbUnavailable.has(type)) return true;
  if (typeof message === 'string' && pgConnectionMessages.test(message)) return true;
  if (Array.isArray(errors) && errors.some((inner) => isStoreUnavailable(inner, depth + 1))) return true;
  return isStoreUnavailable(cause, depth + 1);
}

/** Whether a connection that failed with `error` should be dropped: an outage that does not leave its session sound. */
export function spoilsConnection(error: unknown): boolean {
  return isStoreUnavailable(error) && !pgSessionSound.has(String((error as { code?: unknown } | null)?.code));
}
