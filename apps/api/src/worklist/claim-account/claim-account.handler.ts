import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { APP_CONFIG } from '@arrears/backends';
import type { AccountClaimed } from '@arrears/domain';
import type { AppConfig } from '@arrears/platform';
import { AccountCommandService } from '@arrears/commands';
import { CommandReceipt, receiptOf } from '../../command-handling/command-receipt';
import { ClaimAccountCommand } from './claim-account.command';
import { claimingAgent } from './claiming-agent';

export class ClaimReceipt extends CommandReceipt {
  @ApiProperty({ example: 'agent-7' }) agentId!: string;
  @ApiProperty({ example: '2026-03-01T12:30:00.000Z', description: 'When the claim lapses by itself.' }) until!: string;
}

@CommandHandler(ClaimAccountCommand)
export class ClaimAccountHandler implements ICommandHandler<ClaimAccountCommand, ClaimReceipt> {
  constructor(
    private readonly accounts: AccountCommandService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ accountId, request, context }: ClaimAccountCommand): Promise<ClaimReceipt> {
    const minutes = request.minutes ?? this.config.claimMinutes;
    const outcome = await this.accounts.handle(accountId, { type: 'ClaimAccount', data: { agentId: claimingAgent(request.agentId, context), minutes } }, context);
    const claimed = outcome.events[0] as AccountClaimed;
    return { ...receiptOf(outcome), ...claimed.data };
  }
}
