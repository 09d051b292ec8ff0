/** The first response to a request, kept so that a retry with the same Idempotency-Key gets it again. */
export interface StoredResponse {
  statusCode: number;
  body: unknown;
}

export type Reservation =
  { outcome: 'reserved' } | { outcome: 'completed'; fingerprint: string; response: StoredResponse } | { outcome: 'in_progress'; fingerprint: string };

/**
 * Remembers Idempotency-Keys. `reserve` claims a key for a request (a lease, so a crashed request
 * does not hold it forever); `complete` stores the response; `release` gives the key back after a
 * failure on our side, so that the retry runs the command again.
 */
export interface IdempotencyStore {
  reserve(key: string, fingerprint: string, leaseMs: number): Promise<Reservation>;
  complete(key: string, response: StoredResponse): Promise<void>;
  release(key: string): Promise<void>;
  close(): Promise<void>;
}
