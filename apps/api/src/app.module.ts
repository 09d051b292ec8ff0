import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { AppConfig } from '@arrears/platform';
import { CloseAccountController } from './accounts/close-account/close-account.controller';
import { CloseAccountHandler } from './accounts/close-account/close-account.handler';
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
import { BackendsModule, type BackendsOverrides } from './backends/backends.module';
import { AccountCommandService } from './command-handling/account-command.service';
import { CommandResponseInterceptor } from './command-handling/command-response.interceptor';
import { CommandsInFlight } from './command-handling/commands-in-flight';
import { IdempotentRequests } from './command-handling/idempotency/idempotent-requests';
import { HealthController } from './health/health.controller';
import { ProblemDetailsFilter } from './http/problem-details.filter';

/** One vertical slice per use case: its controller and its command or query handler. */
const slices = {
  controllers: [
    OpenAccountController,
    CloseAccountController,
    GetAccountEventsController,
    IssueInvoiceController,
    RecordPaymentController,
    MarkPaymentMissedController,
    AssessLateFeeController,
    AgreePlanController,
  ],
  handlers: [
    OpenAccountHandler,
    CloseAccountHandler,
    GetAccountEventsHandler,
    IssueInvoiceHandler,
    RecordPaymentHandler,
    MarkPaymentMissedHandler,
    AssessLateFeeHandler,
    AgreePlanHandler,
  ],
};

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, overrides: BackendsOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot(), BackendsModule.forRoot(config, overrides)],
      controllers: [HealthController, ...slices.controllers],
      providers: [
        AccountCommandService,
        CommandsInFlight,
        IdempotentRequests,
        ...slices.handlers,
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: CommandResponseInterceptor },
      ],
    };
  }
}
