import { Module } from '@nestjs/common';
import { CHAIN_KEY, loadChainKey, type ChainKey } from '@arrears/event-store';
import { APP_CONFIG, type AppConfig } from '@arrears/platform';
import { AccountCommandService } from './account-command.service';
import { ContactPoliciesInForce } from './contact-policies-in-force';
import { OptOutLinks } from './opt-out-links';
import { PortalLinks } from './portal-links';

/**
 * The write path, shared by the HTTP API and the scheduler in one process: one cache, one queue per
 * account, the chain key it chains events with (also for whoever checkpoints or verifies them), and
 * the opt-out and portal links it signs into messages (also for the routes that read them).
 */
@Module({
  providers: [
    AccountCommandService,
    ContactPoliciesInForce,
    { provide: CHAIN_KEY, useFactory: (config: AppConfig) => loadChainKey(config), inject: [APP_CONFIG] },
    {
      provide: OptOutLinks,
      useFactory: (config: AppConfig, chainKey: ChainKey) => new OptOutLinks(chainKey, config.publicUrl),
      inject: [APP_CONFIG, CHAIN_KEY],
    },
    {
      provide: PortalLinks,
      useFactory: (config: AppConfig, chainKey: ChainKey) => new PortalLinks(chainKey, config.publicUrl, config.portal.linkDays),
      inject: [APP_CONFIG, CHAIN_KEY],
    },
  ],
  exports: [AccountCommandService, ContactPoliciesInForce, CHAIN_KEY, OptOutLinks, PortalLinks],
})
export class CommandsModule {}
