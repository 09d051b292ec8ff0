import { conflict, ruleBroken } from '../errors/domain-error';
import { requireOpen } from '../account/account.guards';
import { activeClaim, type AccountState } from '../account/account.state';
import type { Decisions } from '../account/capability';
import type { ClaimAccount, ReleaseAccountClaim, WorklistCommand } from './worklist.commands';
import type { AccountClaimed, AccountClaimReleased } from './worklist.events';

/** Longest a single claim may run: a claim is for working an account now, not for keeping it. */
export const maxClaimMinutes = 8 * 60;

/**
 * An agent claims an account so that no other agent works it at the same time. Another agent's
 * running claim refuses it and says until when; the claimer's own claim is extended.
 */
export function claimAccount(command: ClaimAccount, state: AccountState): [AccountClaimed] {
  const account = requireOpen(state);
  const { agentId, minutes } = command.data;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > maxClaimMinutes) {
    throw ruleBroken('INVALID_CLAIM_DURATION', `A claim lasts from 1 to ${maxClaimMinutes} minutes.`, { minutes });
  }
  const running = activeClaim(account, command.now);
  if (running && running.agentId !== agentId) {
    throw conflict('ACCOUNT_CLAIMED', `Agent ${running.agentId} is working this account until ${running.until}.`, { ...running });
  }
  const until = new Date(Date.parse(command.now) + minutes * 60_000).toISOString();
  return [{ type: 'AccountClaimed', data: { agentId, until } }];
}

/** Only the agent holding a running claim can release it. */
export function releaseAccountClaim(command: ReleaseAccountClaim, state: AccountState): [AccountClaimReleased] {
  const account = requireOpen(state);
  const running = activeClaim(account, command.now);
  if (running?.agentId !== command.data.agentId) {
    throw conflict('NOT_CLAIMED_BY_AGENT', `Agent ${command.data.agentId} holds no claim on this account.`, {
      agentId: command.data.agentId,
      claim: running,
    });
  }
  return [{ type: 'AccountClaimReleased', data: { agentId: command.data.agentId } }];
}

export const worklistDecisions: Decisions<WorklistCommand> = {
  ClaimAccount: claimAccount,
  ReleaseAccountClaim: releaseAccountClaim,
};
