import { Module } from '@nestjs/common';
import { AccountCommandService } from './account-command.service';
import { ContactPoliciesInForce } from './contact-policies-in-force';

/** The write path, shared by the HTTP API and the scheduler in one process: one cache, one queue per account. */
@Module({
  providers: [AccountCommandService, ContactPoliciesInForce],
  exports: [AccountCommandService, ContactPoliciesInForce],
})
export class CommandsModule {}
