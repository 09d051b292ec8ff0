import { conflict, notFound, ruleBroken } from '../errors/domain-error';
import { entryOf } from '../lookup/entry-of';
import { policyFor } from '../compliance/contact-policy';
import { convenientTimeRules, requireContactAllowed } from '../compliance/contact-rules';
import { noticeSent } from '../notices/notices.decide';
import type { NoticeSent } from '../notices/notices.events';
import { confirmationChannel } from './resolution';
import { requireAmount, requireCurrency, requireDate, requireNew, requireOpen, todayFor } from '../account/account.guards';
import { openBalances, totalOutstanding, type AccountState, type OpenedAccount } from '../account/account.state';
import type { Decisions } from '../account/capability';
import { requireNotTimeBarred } from '../compliance/time-bar';
import { collectionPauses, pauseRefusal } from '../disputes/collection-pause';
import type {
  AcceptSettlementOffer,
  AgreeSettlement,
  EscalateToLegal,
  OfferSettlement,
  LapseSettlement,
  PlaceWithAgency,
  RecallFromAgency,
  RequestResolutionConfirmation,
  SendResolutionConfirmation,
  WriteOff,
  ResolutionsCommand,
} from './resolutions.commands';
import type {
  DebtWrittenOff,
  EscalatedToLegal,
  PlacedWithAgency,
  RecalledFromAgency,
  ResolutionConfirmationRequested,
  SettlementAgreed,
  SettlementLapsed,
  SettlementOffered,
} from './resolutions.events';

function requireBalance(account: OpenedAccount, code: string): number {
  const balance = totalOutstanding(account);
  if (balance <= 0) throw ruleBroken(code, 'The account owes nothing.');
  return balance;
}

/** Paying `amount` (less than the balance) by `dueOn` settles the whole balance; the rest is then written off. */
export function agreeSettlement(command: AgreeSettlement, state: AccountState): [SettlementAgreed] {
  const account = requireOpen(state);
  const { settlementId, amount, currency, dueOn } = command.data;
  requireNew(account.settlementIds, settlementId, 'SETTLEMENT_ALREADY_AGREED', 'Settlement', entryOf);
  const activeId = account.activeSettlement?.settlementId ?? account.activePlan?.planId;
  if (activeId) throw conflict('ARRANGEMENT_ACTIVE', `Settlement or plan ${activeId} is still active.`, { activeId });
  requireAmount(amount);
  requireCurrency(account, currency);
  requireDate(dueOn, 'dueOn');
  const today = todayFor(account, command.now);
  if (dueOn < today) throw ruleBroken('SETTLEMENT_DATE_IN_PAST', `dueOn ${dueOn} is before today (${today}).`, { dueOn, today });
  const settles = requireBalance(account, 'NOTHING_TO_SETTLE');
  if (amount >= settles) {
    throw ruleBroken('SETTLEMENT_NOT_BELOW_BALANCE', `A settlement of ${amount} is not less than the ${settles} owed: record a payment instead.`, {
      amount,
      balance: settles,
    });
  }
  return [{ type: 'SettlementAgreed', data: { settlementId, amount, currency, dueOn, settles } }];
}

/**
 * An offer must be one a supervisor could agree today (the same rules as AgreeSettlement), open for
 * acceptance until `expiresOn`, no later than the date it is to be paid by.
 */
export function offerSettlement(command: OfferSettlement, state: AccountState): [SettlementOffered] {
  const { offerId, amount, currency, dueOn, expiresOn } = command.data;
  const account = requireOpen(state);
  if (entryOf(account.settlementOffers ?? {}, offerId))
    throw conflict('SETTLEMENT_ALREADY_OFFERED', `Settlement offer ${offerId} already exists.`, { offerId });
  agreeSettlement({ type: 'AgreeSettlement', data: { settlementId: offerId, amount, currency, dueOn }, now: command.now }, state);
  requireDate(expiresOn, 'expiresOn');
  const today = todayFor(account, command.now);
  if (expiresOn < today || expiresOn > dueOn) {
    throw ruleBroken('SETTLEMENT_OFFER_EXPIRY_OUT_OF_RANGE', `expiresOn ${expiresOn} must be from today (${today}) to dueOn (${dueOn}).`, {
      expiresOn,
      today,
      dueOn,
    });
  }
  return [{ type: 'SettlementOffered', data: { offerId, amount, currency, dueOn, expiresOn } }];
}

/** The debtor accepts an offer still open: the settlement is agreed under the rules of AgreeSettlement, as they stand today. */
export function acceptSettlementOffer(command: AcceptSettlementOffer, state: AccountState): [SettlementAgreed] {
  const account = requireOpen(state);
  const { offerId } = command.data;
  const offer = entryOf(account.settlementOffers ?? {}, offerId);
  if (!offer) throw notFound('SETTLEMENT_OFFER_NOT_FOUND', `There is no settlement offer ${offerId}.`, { offerId });
  const today = todayFor(account, command.now);
  if (today > offer.expiresOn) throw ruleBroken('SETTLEMENT_OFFER_EXPIRED', `The offer ran until ${offer.expiresOn}.`, { expiresOn: offer.expiresOn, today });
  const { amount, currency, dueOn } = offer;
  return agreeSettlement({ type: 'AgreeSettlement', data: { settlementId: offerId, amount, currency, dueOn }, now: command.now }, state);
}

/** A settlement not paid in full by its date lapses; the balance is collected as before. */
export function lapseSettlement(command: LapseSettlement, state: AccountState): [SettlementLapsed] {
  const account = requireOpen(state);
  const settlement = account.activeSettlement;
  if (settlement?.settlementId !== command.data.settlementId) {
    throw conflict('SETTLEMENT_NOT_ACTIVE', `Settlement ${command.data.settlementId} is not active.`, { settlementId: command.data.settlementId });
  }
  const today = todayFor(account, command.now);
  if (today <= settlement.dueOn)
    throw ruleBroken('SETTLEMENT_NOT_DUE', `Settlement ${settlement.settlementId} can be paid until ${settlement.dueOn}.`, { dueOn: settlement.dueOn });
  return [{ type: 'SettlementLapsed', data: { settlementId: settlement.settlementId, paid: settlement.paid } }];
}

export function writeOff(command: WriteOff, state: AccountState): [DebtWrittenOff] {
  const account = requireOpen(state);
  requireBalance(account, 'NOTHING_TO_WRITE_OFF');
  return [{ type: 'DebtWrittenOff', data: { reason: command.data.reason, allocations: openBalances(account) } }];
}

export function placeWithAgency(command: PlaceWithAgency, state: AccountState): [PlacedWithAgency] {
  const account = requireOpen(state);
  if (account.agency) throw conflict('ALREADY_PLACED', `The account is with agency ${account.agency.agencyId}.`, { ...account.agency });
  const balance = requireBalance(account, 'NOTHING_TO_PLACE');
  return [{ type: 'PlacedWithAgency', data: { agencyId: command.data.agencyId, placedOn: todayFor(account, command.now), balance } }];
}

export function recallFromAgency(_command: RecallFromAgency, state: AccountState): [RecalledFromAgency] {
  const account = requireOpen(state);
  if (!account.agency) throw conflict('NOT_PLACED', 'The account is not with an agency.');
  return [{ type: 'RecalledFromAgency', data: { agencyId: account.agency.agencyId } }];
}

export function escalateToLegal(command: EscalateToLegal, state: AccountState): [EscalatedToLegal] {
  const account = requireOpen(state);
  if (account.legal) throw conflict('ALREADY_ESCALATED', `The account went to legal review on ${account.legal.escalatedOn}.`, { ...account.legal });
  requireBalance(account, 'NOTHING_TO_COLLECT');
  // Legal action is collection of the whole balance: not while any of it waits for verification or for the original creditor.
  const [pause] = collectionPauses(account);
  if (pause) {
    const { code, message } = pauseRefusal(pause);
    throw ruleBroken(code, message, { invoiceId: pause.invoiceId });
  }
  const today = todayFor(account, command.now);
  requireNotTimeBarred(account, command.data.policies, today);
  return [{ type: 'EscalatedToLegal', data: { escalatedOn: today, reason: command.data.reason?.trim() || null } }];
}

/** A closed account may still be owed its confirmation, and the debtor may still ask for one. */
function requireOpened(state: AccountState): OpenedAccount {
  if (state.status === 'unopened') throw notFound('ACCOUNT_NOT_FOUND', 'The account does not exist.');
  return state;
}

/**
 * The thank-you and confirmation of a resolution, once per resolution; under a cease request only
 * where the debtor asked for it (1006.6(c)); by e-mail, or by letter, never at an inconvenient time
 * (1006.6(b)(1)(i): e-mail is held to the debtor's hours like any contact; a letter is not).
 */
export function sendResolutionConfirmation(command: SendResolutionConfirmation, state: AccountState): [NoticeSent] {
  const account = requireOpened(state);
  const { resolution } = account;
  if (!resolution) throw ruleBroken('NOT_RESOLVED', 'The account still owes, or was never resolved by a payment.');
  if (resolution.confirmed) throw conflict('RESOLUTION_ALREADY_CONFIRMED', `The resolution of ${resolution.resolvedOn} was confirmed.`, { ...resolution });
  if (account.restrictions.ceaseRequested && !account.resolutionConfirmationRequested) {
    throw ruleBroken('CEASE_REQUESTED', 'The debtor asked that communication cease (1006.6(c)) and did not ask for a confirmation.');
  }
  const channel = confirmationChannel(account);
  if (!channel) throw ruleBroken('NO_CHANNEL', 'Neither e-mail nor letter may reach the debtor.');
  requireContactAllowed(account, { channel, at: command.now }, policyFor(command.data.policies, account.creditorId), convenientTimeRules);
  return [noticeSent(account, { purpose: 'resolution_confirmation', channel, template: 'resolution-confirmation' }, command.now, command.data.policies)];
}

export function requestResolutionConfirmation(command: RequestResolutionConfirmation, state: AccountState): [ResolutionConfirmationRequested] {
  const account = requireOpened(state);
  if (account.resolutionConfirmationRequested) throw conflict('CONFIRMATION_ALREADY_REQUESTED', 'The debtor already asked for a confirmation.');
  return [{ type: 'ResolutionConfirmationRequested', data: { requestedOn: todayFor(account, command.now) } }];
}

export const resolutionsDecisions: Decisions<ResolutionsCommand> = {
  AgreeSettlement: agreeSettlement,
  OfferSettlement: offerSettlement,
  AcceptSettlementOffer: acceptSettlementOffer,
  LapseSettlement: lapseSettlement,
  WriteOff: writeOff,
  PlaceWithAgency: placeWithAgency,
  RecallFromAgency: recallFromAgency,
  EscalateToLegal: escalateToLegal,
  SendResolutionConfirmation: sendResolutionConfirmation,
  RequestResolutionConfirmation: requestResolutionConfirmation,
};
