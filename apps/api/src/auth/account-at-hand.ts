import type { ReadDocument } from '@arrears/read-store';
import type { FastifyRequest } from 'fastify';

/**
 * The account document the access guard read to find a scoped caller's creditor, left with the
 * request so that a read of the account answers from it instead of reading it again: at a million
 * accounts most scoped reads find no kept creditor, and the second read cost PostgreSQL about a
 * quarter of its CPU a read. It was read while the request was being answered; a read that must see
 * a given position (`minPosition`) reads again after waiting for it.
 */
const documents = new WeakMap<FastifyRequest, ReadDocument>();

export function keepAccountAtHand(request: FastifyRequest, document: ReadDocument): void {
  documents.set(request, document);
}

/** The account's document if the guard read it for this request; never another account's. */
export function accountAtHand(request: FastifyRequest, accountId: string): ReadDocument | undefined {
  const document = documents.get(request);
  return document?.id === accountId ? document : undefined;
}
