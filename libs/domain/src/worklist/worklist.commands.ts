import type { Command } from '../account/command';

/** An agent takes the account for `minutes`; the same agent claiming again extends it. */
export type ClaimAccount = Command<'ClaimAccount', { agentId: string; minutes: number }>;
export type ReleaseAccountClaim = Command<'ReleaseAccountClaim', { agentId: string }>;

/** The worklist part of the account's commands. */
export type WorklistCommand = ClaimAccount | ReleaseAccountClaim;
