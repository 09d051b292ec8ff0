import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { AppConfig } from '@arrears/platform';
import type { DestinationStream } from 'pino';
import { CloseAccountController } from './accounts/close-account/close-account.controller';
import { CloseAccountHandler } from './accounts/close-account/close-account.handler';
import { ErasePersonalDataController } from './accounts/erase-personal-data/erase-personal-data.controller';
import { ErasePersonalDataHandler } from './accounts/erase-personal-data/erase-personal-data.handler';
import { GetAccountEventsController } from './accounts/get-account-events/get-account-events.controller';
import { GetAccountEventsHandler } from './accounts/get-account-events/get-account-events.handler';
import { OpenAccountController } from './accounts/open-account/open-account.controller';
import { OpenAccountHandler } from './accounts/open-account/open-account.handler';
import { AgreePlanController } from './arrangements/agree-plan/agree-plan.controller';
import { AgreePlanHandler } from './arrangements/agree-plan/agree-plan.handler';
import { AssessLateFeeController } from './billing/assess-late-fee/assess-late-fee.controller';
import { AssessLateFeeHandler } from './billing/assess-late-fee/assess-late-fee.handler';
import { IssueInvoiceController } from './billing/issue-invoice/issue-invoice.controller';
import { IssueInvoiceHandler } from './billing/issue-invoice/issue-invoice.handler';
import { MarkPaymentMissedController } from './billing/mark-payment-missed/mark-payment-missed.controller';
import { MarkPaymentMissedHandler } from './billing/mark-payment-missed/mark-payment-missed.handler';
import { RecordPaymentController } from './billing/record-payment/record-payment.controller';
import { RecordPaymentHandler } from './billing/record-payment/record-payment.handler';
import { BackendsModule, type BackendsOverrides } from '@arrears/backends';
import { CommandsModule } from '@arrears/commands';
import { erasureProviders } from '@arrears/erasure';
import { SchedulerModule } from '@arrears/scheduler';
import { CommandsInFlight } from './command-handling/commands-in-flight';
import { IdempotentRequests } from './command-handling/idempotent-requests';
import { HealthController } from './health/health.controller';
import { MetricsController } from './health/metrics.controller';
import { ScrapeToken } from './health/scrape-token';
import { ParkedEventsController } from './parked-events/parked-events.controller';
import { AuthGuard } from './auth/auth.guard';
import { TokenVerifier } from './auth/token-verifier';
import { AccountCreditors } from './auth/account-creditors';
import { GetAccountController } from './accounts/get-account/get-account.controller';
import { GetAccountHandler } from './accounts/get-account/get-account.handler';
import { GetAccountHistoryController } from './accounts/get-account-history/get-account-history.controller';
import { GetAccountHistoryHandler } from './accounts/get-account-history/get-account-history.handler';
import { GetAccountStateController } from './accounts/get-account-state/get-account-state.controller';
import { GetAccountStateHandler } from './accounts/get-account-state/get-account-state.handler';
import { VerifyAccountHistoryController } from './accounts/verify-account-history/verify-account-history.controller';
import { VerifyAccountHistoryHandler } from './accounts/verify-account-history/verify-account-history.handler';
import { GetKpisController } from './kpis/get-kpis/get-kpis.controller';
import { GetKpisHandler } from './kpis/get-kpis/get-kpis.handler';
import { ReadConsistency } from './read-side/read-consistency';
import { ApplyAccountCommandHandler } from './workflow/apply-account-command';
import { ArrangementsController } from './workflow/arrangements.controller';
import { DisputesAndRestrictionsController } from './workflow/disputes-and-restrictions.controller';
import { InteractionsController } from './workflow/interactions.controller';
import { ResolutionsController } from './workflow/resolutions.controller';
import { ClaimAccountController } from './worklist/claim-account/claim-account.controller';
import { ClaimAccountHandler } from './worklist/claim-account/claim-account.handler';
import { GetWorklistController } from './worklist/get-worklist/get-worklist.controller';
import { GetWorklistHandler } from './worklist/get-worklist/get-worklist.handler';
import { ReleaseAccountClaimController } from './worklist/release-account-claim/release-account-claim.controller';
import { ReleaseAccountClaimHandler } from './worklist/release-account-claim/release-account-claim.handler';
import { ProjectorModule } from '@arrears/projections';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { ThrottlerModule } from '@nestjs/throttler';
import { FixedWindowStorage } from './hardening/fixed-window.storage';
import { PerCallerThrottlerGuard } from './hardening/per-caller-throttler.guard';

/** One vertical slice per use case: its controller and its command or query handler. */
const slices = {
  controllers: [
    GetAccountController,
    GetAccountHistoryController,
    GetAccountStateController,
    GetWorklistController,
    ClaimAccountController,
    ReleaseAccountClaimController,
    GetKpisController,
    OpenAccountController,
    CloseAccountController,
    ErasePersonalDataController,
    GetAccountEventsController,
    VerifyAccountHistoryController,
    IssueInvoiceController,
    RecordPaymentController,
    MarkPaymentMissedController,
    AssessLateFeeController,
    AgreePlanController,
    InteractionsController,
    ArrangementsController,
    DisputesAndRestrictionsController,
    ResolutionsController,
  ],
  handlers: [
    GetAccountHandler,
    GetAccountHistoryHandler,
    GetAccountStateHandler,
    GetWorklistHandler,
    ClaimAccountHandler,
    ReleaseAccountClaimHandler,
    GetKpisHandler,
    OpenAccountHandler,
    CloseAccountHandler,
    ErasePersonalDataHandler,
    GetAccountEventsHandler,
    VerifyAccountHistoryHandler,
    IssueInvoiceHandler,
    RecordPaymentHandler,
    MarkPaymentMissedHandler,
    AssessLateFeeHandler,
    AgreePlanHandler,
    ApplyAccountCommandHandler,
  ],
};

/** What tests replace: the clock and ids, and where log lines go (stdout by default). */
export interface AppOverrides extends BackendsOverrides {
  logDestination?: DestinationStream;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, overrides: AppOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        // Headers only on a refusal (Retry-After): the limit is documented, not sent on every answer.
        ThrottlerModule.forRoot({ throttlers: [{ ttl: 1000, limit: config.rateLimitPerSecond }], setHeaders: false, storage: new FixedWindowStorage() }),
        BackendsModule.forRoot(config, overrides),
        CommandsModule,
        SchedulerModule.forRoot(),
        ProjectorModule.forRoot({
          run: config.runProjector,
          batchSize: config.projectorBatchSize,
          batchWaitMs: config.projectorBatchWaitMs,
          leaseTtlMs: config.projectorLeaseMs,
        }),
      ],
      controllers: [HealthController, MetricsController, ParkedEventsController, ...slices.controllers],
      providers: [
        CommandsInFlight,
        IdempotentRequests,
        ReadConsistency,
        ...slices.handlers,
        ...erasureProviders,
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: TokenVerifier, useValue: new TokenVerifier(verifiedBy(config)) },
        AccountCreditors,
        { provide: ScrapeToken, useValue: new ScrapeToken(config.metricsToken) },
        // Guards run in this order: a flood is refused before its tokens are checked.
        ...(config.rateLimitPerSecond > 0 ? [{ provide: APP_GUARD, useClass: PerCallerThrottlerGuard }] : []),
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    };
  }
}

/** The token check the configuration names; createApp has filled in the embedded default's secret. */
function verifiedBy({ auth }: AppConfig): ConstructorParameters<typeof TokenVerifier>[0] {
  if (auth.secret) return { ...auth, secret: auth.secret };
  if (auth.jwksUrl) return { ...auth, jwksUrl: auth.jwksUrl };
  throw new Error('No AUTH_JWT_SECRET or AUTH_JWKS_URL: bearer tokens cannot be verified.');
}
