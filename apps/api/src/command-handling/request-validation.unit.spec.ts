import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { flatRequestOf, StrictValidationPipe, strictValidationPipe } from '@arrears/platform';
import { answersAsFullWay, mutantsOf, parsedQuery, queryMutantsOf } from '../../../../libs/platform/src/http/flat-requests.fixtures';
import { AccountStateParams } from '../audit/audit.requests';
import { ContactStatusParams } from '../contact-status/contact-status.requests';
import { KpiParams } from '../kpis/kpis.requests';
import { PreviewTemplateRequest } from '../notices/notices.requests';
import { StartCheckoutRequest } from '../online-payments/online-payments.requests';
import { PortalCheckoutRequest } from '../portal/portal.requests';
import { IssuePortalLinkRequest, OpenPortalRequest } from '../portal/portal-sessions.requests';
import { PageQueryParams, ReadQueryParams } from '../read-side/paging';
import { DevTokenRequest } from '../sign-in/dev-sign-in.requests';
import { TeamParams } from '../team/team.requests';
import { ReplayWebhookRequest } from '../webhooks/webhooks.requests';
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

/** Every command's request class, once each. */
const declaredRequests = [...new Set(everyAccountCommand.flatMap((declaration) => (declaration.request ? [declaration.request] : [])))];

describe('the API’s strict validation, the short way and the full way', () => {
  it('answers every request the commands take, and every mutant of it, as the full way does', async () => {
    const sent = await sentBodies();
    expect(new Set(sent.map(({ metadata }) => metadata.metatype))).toEqual(new Set(declaredRequests));
    for (const { body, metadata } of sent) {
      for (const text of mutantsOf(body)) await answersAsFullWay(text, metadata);
    }
  });

  it('takes the short way for every command request but those with nested or listed fields', () => {
    expect(declaredRequests.filter((type) => !flatRequestOf(type as new () => object)).map((type) => type.name)).toEqual([
      'OpenAccountRequest',
      'ChangeDebtorContactDetailsRequest',
      'IssueInvoiceRequest',
      'AgreePlanRequest',
      'ResolveDisputeRequest',
      'ProvideOriginalCreditorRequest',
      'LogContactRequest',
      'RecordCreditReportRequest',
    ]);
  });

  it.each([
    ['body', DevTokenRequest, { role: 'agent', creditors: '*', sub: 'agent-7' }],
    ['body', OpenPortalRequest, { link: `${'a'.repeat(40)}.${'b'.repeat(22)}`, postalCode: '12207' }],
    ['body', IssuePortalLinkRequest, { days: 30 }],
    ['body', PortalCheckoutRequest, { amount: 10_000 }],
    [
      'body',
      StartCheckoutRequest,
      { amount: 5000, currency: 'USD', description: 'On account', successUrl: 'https://a.example/done', cancelUrl: 'https://a.example/back' },
    ],
    ['body', ReplayWebhookRequest, { fromPosition: 1 }],
    ['body', PreviewTemplateRequest, { channel: 'email', language: 'es', accountId: 'acc-1' }],
    ['query', ReadQueryParams, { minPosition: '42' }],
    ['query', AccountStateParams, { asOf: '2026-03-01T12:00:00Z', asAt: '2026-02-28' }],
    ['query', KpiParams, { minPosition: '42', creditorId: 'cred-1', from: '2026-01-01', to: '2026-12-31', format: 'csv' }],
    ['query', TeamParams, { minPosition: '42', creditorId: 'cred-1', date: '2026-02-10' }],
    ['query', ContactStatusParams, { minPosition: '42', channel: 'call' }],
  ] as const)('takes the short way for a valid %s of %p, and answers every mutant of it as the full way does', async (type, metatype, valid) => {
    const metadata = { type, metatype };
    const fullWay = jest.spyOn(ValidationPipe.prototype, 'transform');
    const built = await strictValidationPipe().transform(
      type === 'query' ? parsedQuery(new URLSearchParams(valid as Record<string, string>).toString()) : valid,
      metadata,
    );
    expect(fullWay).not.toHaveBeenCalled();
    fullWay.mockRestore();
    expect(built).toStrictEqual(Object.assign(new metatype(), valid));
    const mutants = type === 'query' ? queryMutantsOf(valid) : mutantsOf(valid);
    for (const text of mutants) await answersAsFullWay(text, metadata);
  });

  it('leaves a page’s parameters, whose limit class-transformer converts, to the full way, answering as it does', async () => {
    expect(flatRequestOf(PageQueryParams)).toBeUndefined();
    const metadata = { type: 'query' as const, metatype: PageQueryParams };
    for (const query of queryMutantsOf({ minPosition: '42', limit: '20', cursor: 'abc' })) {
      await answersAsFullWay(query, metadata);
    }
  });

  it('takes the short way for a payment, the command path’s most frequent request', () => {
    expect(flatRequestOf(RecordPaymentRequest)).toBeDefined();
    const payment = { paymentId: 'pay-1', amount: 5000, currency: 'USD', receivedOn: '2026-02-10', method: 'card' };
    expect(flatRequestOf(RecordPaymentRequest)?.(payment)).toStrictEqual(Object.assign(new RecordPaymentRequest(), payment));
  });
});
