import type { ReadDocument } from '@arrears/read-store';
import type { FastifyRequest } from 'fastify';

/**
 * The account document the access guard read to find a scoped caller's creditor, left with the
 * request so that a read of the account answers from it instead of reading it again (at a million
 * accounts most such checks miss the kept creditors, and the second read was a third of the route's
 * cost). It was read while the request was being answered, so it is as current as a read after it.
 */
const documents = new WeakMap<FastifyRequest, ReadDocument>();

export const keepAccountAtHand = (request: FastifyRequest, document: ReadDocument) => documents.set(request, document);

/** The account's document if the guard read it for this request; never another account's. */
export function accountAtHand(request: FastifyRequest, accountId: string): ReadDocument | undefined {
  const document = documents.get(request);
  return document?.id === accountId ? document : undefined;
}
