import type { ArgumentsHost } from '@nestjs/common';
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
});
