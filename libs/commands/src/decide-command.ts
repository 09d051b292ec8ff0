import { decide, type AccountEvent } from '@arrears/domain';
import type { AccountCommandInput } from './account-command';
import type { KnownState } from './account-state.cache';
import type { CommandContext } from './command-context';
import { staleRevision } from './command-refusals';
import { requireCommandInScope } from './creditor-scope';

/**
 * The events a command makes on the account as known, in this order: the caller's creditor scope
 * first (so that no other answer tells that another creditor's account exists), then If-Match, then
 * the domain's rules at `now`. An account that does not exist answers 404 from the decider, whatever
 * If-Match says.
 */
export function decideCommand(accountId: string, input: AccountCommandInput, known: KnownState, context: CommandContext, now: Date): AccountEvent[] {
  requireCommandInScope(context, accountId, input, known.state);
  const expected = context.expectedRevision;
  if (expected !== undefined && known.revision !== 'no_stream' && known.revision !== expected) throw staleRevision(expected, known.revision);
  return decide({ ...input, now: now.toISOString() }, known.state);
}
