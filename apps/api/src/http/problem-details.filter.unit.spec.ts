import type { ArgumentsHost } from '@nestjs/common';
import { accountNotFound, creditorNotAllowed, staleRevision } from '@arrears/commands';
import { DuplicateEventIdError } from '@arrears/event-store';
import { ProblemDetailsFilter } from './problem-details.filter';

/** What the filter sends for an error, through a reply that records it. */
function answerTo(error: unknown): { status: number; body: Record<string, unknown> } {
  const sent = { status: 0, body: {} as Record<string, unknown> };
  const reply = {
    headers: () => reply,
    header: () => reply,
    status: (status: number) => ((sent.status = status), reply),
    send: (body: Record<string, unknown>) => ((sent.body = body), reply),
  };
  const host = { switchToHttp: () => ({ getRequest: () => ({ url: '/accounts/acc-1/notes' }), getResponse: () => reply }) } as unknown as ArgumentsHost;
  new ProblemDetailsFilter().catch(error, host);
  return sent;
}

describe('ProblemDetailsFilter', () => {
  it('answers an event id already stored elsewhere with 409 EVENT_ID_CONFLICT, never a 500', () => {
    expect(answerTo(new DuplicateEventIdError('account-acc-1'))).toEqual({
      status: 409,
      body: expect.objectContaining({ status: 409, code: 'EVENT_ID_CONFLICT', instance: '/accounts/acc-1/notes' }),
    });
  });

  it('answers the write path’s refusals as it always has: an account out of scope as absent, a creditor out of scope, a stale If-Match', () => {
    const instance = '/accounts/acc-1/notes';
    expect(answerTo(accountNotFound('acc-1'))).toEqual({
      status: 404,
      body: {
        type: 'urn:problem:arrears:account-not-found',
        status: 404,
        code: 'ACCOUNT_NOT_FOUND',
        title: 'Not found',
        detail: 'Account acc-1 does not exist.',
        accountId: 'acc-1',
        instance,
      },
    });
    expect(answerTo(creditorNotAllowed('cred-2'))).toEqual({
      status: 403,
      body: {
        type: 'urn:problem:arrears:creditor-not-allowed',
        status: 403,
        code: 'CREDITOR_NOT_ALLOWED',
        title: 'Forbidden',
        detail: 'This token may not act for creditor cred-2.',
        creditorId: 'cred-2',
        instance,
      },
    });
    expect(answerTo(staleRevision(1n, 2n))).toEqual({
      status: 412,
      body: {
        type: 'urn:problem:arrears:wrong-expected-revision',
        status: 412,
        code: 'WRONG_EXPECTED_REVISION',
        title: 'Precondition failed',
        detail: 'If-Match named revision 1, but the account is at revision 2.',
        expectedRevision: 1,
        actualRevision: 2,
        instance,
      },
    });
  });
});
