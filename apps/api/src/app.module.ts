import { Module, type CanActivate, type DynamicModule, type Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { APP_CONFIG, Clock, reportingZones, type AppConfig } from '@arrears/platform';
import type { DestinationStream } from 'pino';
import { BackendsModule, type BackendsOverrides } from '@arrears/backends';
import { CommandsModule } from '@arrears/commands';
import { erasureProviders } from '@arrears/erasure';
import { SchedulerModule } from '@arrears/scheduler';
import { READ_STORE, type ReadStore } from '@arrears/read-store';
import { accountCommands } from './account-commands';
import { AccountController } from './accounts/account.controller';
import { PersonalDataErasureProcess } from './accounts/personal-data-erasure';
import { creditBureauProvider } from './credit/bureau/credit-bureau.provider';
import { CreditReportPull } from './credit/credit-report-pull';
import { DebtorCreditLimitRemoval, DebtorCreditLimitSetting } from './credit/debtor-credit-limit';
import { OtherAccountsExposure } from './credit/other-accounts-exposure';
import { DebtorCreditLimitInForce } from './credit/debtor-credit-limit-in-force';
import { AuditController } from './audit/audit.controller';
import { HistoryController } from './audit/history.controller';
import { AccountCommandsRunner } from './command-handling/account-commands.runner';
import { commandController } from './command-handling/command-routes';
import { CommandsInFlight } from './command-handling/commands-in-flight';
import { CommandResponses } from './command-handling/command-responses';
import { IdempotentRequests } from './command-handling/idempotent-requests';
import { HealthController } from './health/health.controller';
import { Imports } from './imports/imports';
import { ImportsController } from './imports/imports.controller';
import { MetricsController } from './health/metrics.controller';
import { ScrapeToken } from './health/scrape-token';
import { AccountSearch, ACCOUNT_SEARCH_KEY } from './search/account-search';
import { SearchController } from './search/search.controller';
import { ContactStatusController } from './contact-status/contact-status.controller';
import { TeamActivity } from './team/team-activity';
import { TeamController } from './team/team.controller';
import { DevSignInController } from './sign-in/dev-sign-in.controller';
import { SignInOptionsController } from './sign-in/sign-in-options.controller';
import { DeadLettersController } from './notifications/dead-letters.controller';
import { ParkedEventsController } from './parked-events/parked-events.controller';
import { WebhooksController } from './webhooks/webhooks.controller';
import { AuthGuard } from './auth/auth.guard';
import { TokenVerifier } from './auth/token-verifier';
import { AccountCreditors } from './auth/account-creditors';
import { KpiAnswers } from './kpis/kpi-answers';
import { KpiDocuments } from './kpis/kpi-documents';
import { KpisController } from './kpis/kpis.controller';
import { OptOutController } from './notices/opt-out.controller';
import { PortalAccess } from './portal/portal-access';
import { PortalAccountController } from './portal/portal-account.controller';
import { PortalCheckoutController } from './portal/portal-checkout.controller';
import { PortalLinksController } from './portal/portal-links.controller';
import { PortalSessionController } from './portal/portal-session.controller';
import { PortalSessions } from './portal/portal-sessions';
import { OnlinePaymentsModule } from '@arrears/online-payments';
import { CheckoutController } from './online-payments/checkout.controller';
import { PaymentWebhooksController } from './online-payments/payment-webhooks.controller';
import { TestCheckoutController } from './online-payments/test-checkout.controller';
import { WebhookReception } from './online-payments/webhook-reception';
import { TemplatesController } from './notices/templates.controller';
import { ReadConsistency } from './read-side/read-consistency';
import { WorklistController } from './worklist/worklist.controller';
import { loadAccountSearchKey, ProjectorModule } from '@arrears/projections';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { ThrottlerModule } from '@nestjs/throttler';
import { FixedWindowStorage } from './hardening/fixed-window.storage';
import { SharedWindowStorage } from './hardening/shared-window.storage';
import { PerCallerThrottlerGuard } from './hardening/per-caller-throttler.guard';

/** The account commands' routes, one controller per capability; made once, however many apps a process builds. */
export const commandControllers = Object.entries(accountCommands).map(([capability, declarations]) => commandController(capability, declarations));

const queryControllers = [
  SearchController,
  TeamController,
  ContactStatusController,
  AccountController,
  AuditController,
  HistoryController,
  WorklistController,
  KpisController,
  TemplatesController,
];

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
        // Headers only on a refusal (Retry-After): the limit is documented, not sent on every answer.
        ThrottlerModule.forRootAsync({
          inject: [READ_STORE, Clock],
          useFactory: (readStore: ReadStore, clock: Clock) => ({
            throttlers: [{ ttl: 1000, limit: config.rateLimitPerSecond }],
            setHeaders: false,
            // Shared windows go by the injected clock: every process must cut the same ones, and tests move it.
            storage:
              config.rateLimitShared && config.rateLimitPerSecond > 0
                ? new SharedWindowStorage(readStore, () => clock.now().getTime())
                : new FixedWindowStorage(),
          }),
        }),
        BackendsModule.forRoot(config, overrides),
        CommandsModule,
        OnlinePaymentsModule,
        SchedulerModule.forRoot(),
        ProjectorModule.forRoot({
          run: config.runProjector,
          batchSize: config.projectorBatchSize,
          batchWaitMs: config.projectorBatchWaitMs,
          leaseTtlMs: config.projectorLeaseMs,
          zones: reportingZones(config.reportingTimeZones),
        }),
      ],
      controllers: [
        HealthController,
        MetricsController,
        ParkedEventsController,
        DeadLettersController,
        WebhooksController,
        ImportsController,
        OptOutController,
        PortalSessionController,
        PortalLinksController,
        PortalAccountController,
        PortalCheckoutController,
        CheckoutController,
        PaymentWebhooksController,
        TestCheckoutController,
        DevSignInController,
        SignInOptionsController,
        ...queryControllers,
        ...commandControllers,
      ],
      providers: [
        CommandsInFlight,
        IdempotentRequests,
        CommandResponses,
        ReadConsistency,
        KpiDocuments,
        KpiAnswers,
        AccountCommandsRunner,
        WebhookReception,
        ...erasureProviders,
        PersonalDataErasureProcess,
        creditBureauProvider,
        CreditReportPull,
        DebtorCreditLimitSetting,
        DebtorCreditLimitRemoval,
        OtherAccountsExposure,
        DebtorCreditLimitInForce,
        Imports,
        AccountSearch,
        TeamActivity,
        { provide: ACCOUNT_SEARCH_KEY, useFactory: loadAccountSearchKey, inject: [APP_CONFIG] },
        ProblemDetailsFilter,
        { provide: APP_FILTER, useExisting: ProblemDetailsFilter },
        { provide: TokenVerifier, useValue: new TokenVerifier(verifiedBy(config)) },
        AccountCreditors,
        PortalSessions,
        PortalAccess,
        { provide: ScrapeToken, useValue: new ScrapeToken(config.metricsToken) },
        ...globalGuards(config).flatMap((guard) => [guard, { provide: APP_GUARD, useExisting: guard }]),
      ],
    };
  }
}

/** Every route's guards, in the order they run: a flood is refused before its tokens are checked. */
export function globalGuards(config: AppConfig): Type<CanActivate>[] {
  return [...(config.rateLimitPerSecond > 0 ? [PerCallerThrottlerGuard] : []), AuthGuard];
}

/** The token check the configuration names; createApp has filled in the embedded default's secret. */
function verifiedBy({ auth }: AppConfig): ConstructorParameters<typeof TokenVerifier>[0] {
  if (auth.secret) return { ...auth, secret: auth.secret };
  if (auth.jwksUrl) return { ...auth, jwksUrl: auth.jwksUrl };
  throw new Error('No AUTH_JWT_SECRET or AUTH_JWKS_URL: bearer tokens cannot be verified.');
}
