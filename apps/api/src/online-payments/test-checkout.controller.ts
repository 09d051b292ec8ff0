import { Controller, Get, Header, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFound, ruleBroken } from '@arrears/domain';
import { PAYMENT_PROVIDER, TestPaymentProvider, testSessionPattern, type PaymentProvider, type TestSession } from '@arrears/online-payments';
import { APP_CONFIG, ValidationProblem, type AppConfig } from '@arrears/platform';
import { ApiProblems } from '../http/api-problems.decorator';
import { declinedPage, finishedPage, paidPage, testCheckoutPage } from './test-checkout.page';
import { WebhookReception } from './webhook-reception';

const html = 'text/html; charset=utf-8';
const htmlPage = { 'text/html': { schema: { type: 'string' } } };
const sessionParam = ApiParam({
  name: 'sessionId',
  description: 'The test checkout session, as its checkoutUrl names it.',
  schema: { type: 'string', pattern: testSessionPattern.source },
});
const emptyForm = ApiBody({ required: false, description: 'The page’s form, empty: nothing in it is read.', schema: { type: 'object' } });
const finishedOutcomes = ['paid', 'cancelled'] as const;

/** The routes the checkout page's buttons post to, as forms (see acceptOptOutForms). */
export const testCheckoutFormRoutes = ['/online-payments/test-checkout/:sessionId/pay', '/online-payments/test-checkout/:sessionId/decline'];

/**
 * The test provider's hosted checkout (PAYMENT_PROVIDER=test, never in production): a page with Pay
 * and Decline as plain forms, under a policy that runs no script and posts only here. Pay emits the
 * provider's signed webhook and hands it to the same reception as Stripe's, then sends the payer back.
 */
@ApiTags('online-payments')
@ApiProblems({
  400: 'A malformed session id (`VALIDATION_FAILED`).',
  404: 'No session opened under this id (`CHECKOUT_SESSION_NOT_FOUND`), or the test provider is not the one configured (`PAYMENT_PROVIDER_NOT_CONFIGURED`).',
})
@Controller('online-payments')
export class TestCheckoutController {
  private readonly policy: string;

  constructor(
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider | null,
    private readonly reception: WebhookReception,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // No script, style or frame of anyone's; forms post here, and Pay's redirect goes to PUBLIC_URL (form-action covers redirects).
    this.policy = `default-src 'none'; form-action 'self' ${new URL(config.publicUrl).origin}; frame-ancestors 'none'; base-uri 'none'`;
  }

  @Get('test-checkout/:sessionId')
  @Header('content-type', html)
  @Header('cache-control', 'no-store')
  @sessionParam
  @ApiOperation({ summary: 'The test provider’s checkout page (HTML): the amount, Pay and Decline' })
  @ApiOkResponse({ description: 'The page (or, once expired, a page that says so).', content: htmlPage })
  async show(@Param('sessionId') sessionId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const { session, expired } = await this.read(sessionId);
    void reply.header('content-security-policy', this.policy);
    return testCheckoutPage(sessionId, session, expired);
  }

  @Post('test-checkout/:sessionId/pay')
  @HttpCode(303)
  @Header('content-type', html)
  @Header('cache-control', 'no-store')
  @sessionParam
  @ApiConsumes('application/x-www-form-urlencoded')
  @emptyForm
  @ApiOperation({
    summary: 'Pay the test session: the provider’s webhook is recorded (PaymentReceived, once per session), then the payer is sent to its successUrl',
  })
  @ApiResponse({
    status: 303,
    description: 'Paid: to the session’s successUrl (Location), with a page linking there for a client that does not follow.',
    headers: { Location: { schema: { type: 'string', format: 'uri' } } },
    content: htmlPage,
  })
  @ApiProblems({ 422: 'The session expired (`CHECKOUT_SESSION_EXPIRED`).' })
  async pay(@Param('sessionId') sessionId: string, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const { session, expired } = await this.read(sessionId);
    if (expired) throw ruleBroken('CHECKOUT_SESSION_EXPIRED', 'This payment page has expired.');
    const { rawBody, headers } = this.testProvider().paymentWebhook(sessionId, session);
    await this.reception.receive('test', rawBody, headers, request.id);
    void reply.header('location', session.successUrl).header('content-security-policy', this.policy);
    return paidPage(session);
  }

  @Post('test-checkout/:sessionId/decline')
  @HttpCode(200)
  @Header('content-type', html)
  @Header('cache-control', 'no-store')
  @sessionParam
  @ApiConsumes('application/x-www-form-urlencoded')
  @emptyForm
  @ApiOperation({ summary: 'Decline the test session, as a declined card: nothing is recorded' })
  @ApiOkResponse({ description: 'A page that says so, to try again or go back.', content: htmlPage })
  async decline(@Param('sessionId') sessionId: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const { session } = await this.read(sessionId);
    void reply.header('content-security-policy', this.policy);
    return declinedPage(sessionId, session);
  }

  @Get('finished/:outcome')
  @Header('content-type', html)
  @Header('cache-control', 'no-store')
  @ApiParam({ name: 'outcome', enum: finishedOutcomes })
  @ApiOperation({ summary: 'Where a payer returns from any provider’s checkout when it named no page of its own: thanks, or cancelled' })
  @ApiOkResponse({ description: 'The page.', content: htmlPage })
  finished(@Param('outcome') outcome: string, @Res({ passthrough: true }) reply: FastifyReply): string {
    if (!(finishedOutcomes as readonly string[]).includes(outcome))
      throw new ValidationProblem([{ field: 'outcome', messages: ['outcome must be paid or cancelled'] }]);
    void reply.header('content-security-policy', this.policy);
    return finishedPage(outcome as (typeof finishedOutcomes)[number]);
  }

  private testProvider(): TestPaymentProvider {
    if (!(this.provider instanceof TestPaymentProvider))
      throw notFound('PAYMENT_PROVIDER_NOT_CONFIGURED', 'Online payment here is not through the test provider.');
    return this.provider;
  }

  private async read(sessionId: string): Promise<{ session: TestSession; expired: boolean }> {
    const provider = this.testProvider();
    if (!testSessionPattern.test(sessionId))
      throw new ValidationProblem([{ field: 'sessionId', messages: ['sessionId must be a test checkout session’s id'] }]);
    const found = await provider.session(sessionId);
    if (!found) throw notFound('CHECKOUT_SESSION_NOT_FOUND', 'No payment page was opened under this address.');
    return found;
  }
}
