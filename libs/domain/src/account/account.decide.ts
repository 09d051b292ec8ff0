import type { AccountCommand } from './account.commands';
import type { AccountEvent } from './account.events';
import { assertNever } from './account.evolve';
import type { AccountState } from './account.state';
import { assessLateFee, issueInvoice, markPaymentMissed } from '../billing/billing.decide';
import { claimAccount, releaseAccountClaim } from '../worklist/worklist.decide';
import { assignAgent, closeAccount, erasePersonalData, openAccount } from '../accounts/accounts.decide';
import { recordPayment } from '../payments/payments.decide';
import { agreePlan, extendDeadline, markInstallmentMissed } from '../plans/plans.decide';
import { raiseDispute, resolveDispute } from '../disputes/disputes.decide';
import { addNote, logContactAttempt, sendValidationNotice } from '../interactions/interactions.decide';
import { recordPromiseToPay, resolvePromise } from '../promises/promises.decide';
import { agreeSettlement, escalateToLegal, lapseSettlement, placeWithAgency, recallFromAgency, writeOff } from '../resolutions/resolutions.decide';
import { advanceCollectionTimeline } from '../timeline/timeline.decide';
import { blockChannel, flagHardship, placeHold, releaseHold, requestCeaseCommunication, unblockChannel } from '../restrictions/restrictions.decide';

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
    case 'ErasePersonalData':
      return erasePersonalData(command, state);
    case 'ClaimAccount':
      return claimAccount(command, state);
    case 'ReleaseAccountClaim':
      return releaseAccountClaim(command, state);
    case 'LogContactAttempt':
      return logContactAttempt(command, state);
    case 'AddNote':
      return addNote(command, state);
    case 'AssignAgent':
      return assignAgent(command, state);
    case 'SendValidationNotice':
      return sendValidationNotice(command, state);
    case 'RecordPromiseToPay':
      return recordPromiseToPay(command, state);
    case 'ResolvePromise':
      return resolvePromise(command, state);
    case 'MarkInstallmentMissed':
      return markInstallmentMissed(command, state);
    case 'ExtendDeadline':
      return extendDeadline(command, state);
    case 'RaiseDispute':
      return raiseDispute(command, state);
    case 'ResolveDispute':
      return resolveDispute(command, state);
    case 'RequestCeaseCommunication':
      return requestCeaseCommunication(command, state);
    case 'BlockChannel':
      return blockChannel(command, state);
    case 'UnblockChannel':
      return unblockChannel(command, state);
    case 'FlagHardship':
      return flagHardship(command, state);
    case 'PlaceHold':
      return placeHold(command, state);
    case 'ReleaseHold':
      return releaseHold(command, state);
    case 'AgreeSettlement':
      return agreeSettlement(command, state);
    case 'LapseSettlement':
      return lapseSettlement(command, state);
    case 'WriteOff':
      return writeOff(command, state);
    case 'PlaceWithAgency':
      return placeWithAgency(command, state);
    case 'RecallFromAgency':
      return recallFromAgency(command, state);
    case 'EscalateToLegal':
      return escalateToLegal(command, state);
    case 'AdvanceCollectionTimeline':
      return advanceCollectionTimeline(command, state);
    default:
      return assertNever(command);
  }
}
