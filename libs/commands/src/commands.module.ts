import { Module } from '@nestjs/common';
import { CHAIN_KEY, loadChainKey } from '@arrears/event-store';
import { APP_CONFIG, type AppConfig } from '@arrears/platform';
import { AccountCommandService } from './account-command.service';
import { ContactPoliciesInForce } from './contact-policies-in-force';

/**
 * The write path, shared by the HTTP API and the scheduler in one process: one cache, one queue per
 * account, and the chain key it chains events with (also for whoever checkpoints or verifies them).
 */
@Module({
  providers: [
    AccountCommandService,
    ContactPoliciesInForce,
    { provide: CHAIN_KEY, useFactory: (config: AppConfig) => loadChainKey(config), inject: [APP_CONFIG] },
  ],
  exports: [AccountCommandService, ContactPoliciesInForce, CHAIN_KEY],
})
export class CommandsModule {}
