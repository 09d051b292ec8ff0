import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { flatRequestOf, rememberValidationRules, StrictValidationPipe, strictValidationOptions, strictValidationPipe } from '@arrears/platform';
import { mutantsOf, outcomesAgree, queryMutantsOf } from '../../../../libs/platform/src/http/flat-requests.fixtures';
import { PageQueryParams, ReadQueryParams } from '../read-side/paging';
import { everyAccountCommand } from '../account-commands';
import { RecordPaymentRequest } from '../payments/payments.requests';
import { everyCommandReach } from './every-command-reach.fixtures';

/** Every body the reach fixtures send through the API's validation, with its class: each request class with every optional field set. */
async function sentBodies(): Promise<{ body: Record<string, unknown>; metadata: ArgumentMetadata }[]> {
  const spy = jest.spyOn(StrictValidationPipe.prototype, 'transform');
  for (const { made } of Object.values(everyCommandReach)) for (const make of made) await make();
  const sent = spy.mock.calls.flatMap(([body, metadata]) => (metadata.type === 'body' ? [{ body: body as Record<string, unknown>, metadata }] : []));
  spy.mockRestore();
  return sent;
}

describe('the API’s strict validation, the short way and the full way', () => {
  it('answers every request the commands take, and every mutant of it, as the full way does', async () => {
    rememberValidationRules();
    const sent = await sentBodies();
    const declared = new Set(everyAccountCommand.flatMap((declaration) => (declaration.request ? [declaration.request] : [])));
    expect(new Set(sent.map(({ metadata }) => metadata.metatype))).toEqual(declared);
    for (const { body, metadata } of sent) {
      for (const text of mutantsOf(body)) await outcomesAgree(strictValidationPipe(), new ValidationPipe(strictValidationOptions), text, metadata);
    }
  });

  it.each([
    ['a read’s', ReadQueryParams, { minPosition: '42' }],
    ['a page’s', PageQueryParams, { minPosition: '42', limit: '20', cursor: 'abc' }],
  ])('answers %s query parameters, and every mutant of them, as the full way does', async (_, metatype, parameters) => {
    for (const query of queryMutantsOf(parameters))
      await outcomesAgree(strictValidationPipe(), new ValidationPipe(strictValidationOptions), query, { type: 'query', metatype });
  });

  it('takes the short way for a payment, the command path’s most frequent request', () => {
    expect(flatRequestOf(RecordPaymentRequest)).toBeDefined();
    const payment = { paymentId: 'pay-1', amount: 5000, currency: 'USD', receivedOn: '2026-02-10', method: 'card' };
    expect(flatRequestOf(RecordPaymentRequest)?.(payment)).toEqual(Object.assign(new RecordPaymentRequest(), payment));
  });
});
