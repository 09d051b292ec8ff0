import type { AccountCommand } from './account.commands';
import type { AccountEvent } from './account.events';
import { assertNever } from './account.evolve';
import type { AccountState } from './account.state';
import { assessLateFee, issueInvoice, markPaymentMissed } from './billing.decide';
import { claimAccount, releaseAccountClaim } from './claims.decide';
import { closeAccount, openAccount } from './lifecycle.decide';
import { recordPayment } from './payments.decide';
import { agreePlan } from './plans.decide';

/**
 * The account decider: which events a command produces given the current state, or a DomainError.
 * Exhaustive: a new command that is not handled here fails to compile.
 */
export function decide(command: AccountCommand, state: AccountState): AccountEvent[] {
  switch (command.type) {
    case 'OpenAccount':
      return openAccount(command, state);
    case 'IssueInvoice':
      return issueInvoice(command, state);
    case 'RecordPayment':
      return recordPayment(command, state);
    case 'MarkPaymentMissed':
      return markPaymentMissed(command, state);
    case 'AssessLateFee':
      return assessLateFee(command, state);
    case 'AgreePlan':
      return agreePlan(command, state);
    case 'CloseAccount':
      return closeAccount(command, state);
    case 'ClaimAccount':
      return claimAccount(command, state);
    case 'ReleaseAccountClaim':
      return releaseAccountClaim(command, state);
    default:
      return assertNever(command);
  }
}
