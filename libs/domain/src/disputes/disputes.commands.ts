import type { Command } from '../account/command';

export type RaiseDispute = Command<'RaiseDispute', { disputeId: string; invoiceId?: string; reason: string }>;
export type ResolveDispute = Command<'ResolveDispute', { disputeId: string; outcome: 'upheld' | 'rejected' }>;

/** The disputes part of the account's commands. */
export type DisputesCommand = RaiseDispute | ResolveDispute;
