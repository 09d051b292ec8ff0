import type { AccountClaimed } from '@arrears/domain';
import { ApiProperty } from '@nestjs/swagger';
import { accountCommand, type CommandDeclarations } from '../command-handling/account-command.declaration';
import { CommandReceipt, receiptOf } from '../command-handling/command-receipt';
import { claimingAgent } from './claiming-agent';
import { ClaimAccountRequest, ReleaseAccountClaimRequest } from './worklist.requests';

export class ClaimReceipt extends CommandReceipt {
  @ApiProperty({ example: 'agent-7' }) agentId!: string;
  @ApiProperty({ example: '2026-03-01T12:30:00.000Z', description: 'When the claim lapses by itself.' }) until!: string;
}

/** Claims on accounts of the worklist, so that two agents do not work one account at once. */
export const worklistCommands: CommandDeclarations = {
  claimAccount: accountCommand({
    route: 'POST /worklist/:accountId/claim',
    roles: ['agent', 'supervisor'],
    summary: 'Claim an account to work it alone for a while (409 ACCOUNT_CLAIMED while another agent holds it)',
    status: 200,
    request: ClaimAccountRequest,
    command: ({ request, context, config }) => ({
      type: 'ClaimAccount',
      data: { agentId: claimingAgent(request.agentId, context), minutes: request.minutes ?? config.claimMinutes },
    }),
    response: { type: ClaimReceipt, from: (outcome) => ({ ...receiptOf(outcome), ...(outcome.events[0] as AccountClaimed).data }) },
  }),

  releaseClaim: accountCommand({
    route: 'POST /worklist/:accountId/release',
    roles: ['agent', 'supervisor'],
    summary: 'Release one’s own claim on an account (409 NOT_CLAIMED_BY_AGENT otherwise)',
    status: 200,
    request: ReleaseAccountClaimRequest,
    command: ({ request, context }) => ({ type: 'ReleaseAccountClaim', data: { agentId: claimingAgent(request.agentId, context) } }),
  }),
};
