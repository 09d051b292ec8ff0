import type { FastifyRequest } from 'fastify';
import { accountAtHand, keepAccountAtHand } from './account-at-hand';

const request = () => ({}) as FastifyRequest;

describe('the account document the access guard read, at hand for the request', () => {
  it('is given for the account it is', () => {
    const asked = request();
    keepAccountAtHand(asked, { id: 'acc-1', creditorId: 'cred-a' });
    expect(accountAtHand(asked, 'acc-1')).toEqual({ id: 'acc-1', creditorId: 'cred-a' });
  });

  it('is never given for another account', () => {
    const asked = request();
    keepAccountAtHand(asked, { id: 'acc-1', creditorId: 'cred-a' });
    expect(accountAtHand(asked, 'acc-2')).toBeUndefined();
  });

  it('is never given to another request', () => {
    keepAccountAtHand(request(), { id: 'acc-1', creditorId: 'cred-a' });
    expect(accountAtHand(request(), 'acc-1')).toBeUndefined();
  });
});
