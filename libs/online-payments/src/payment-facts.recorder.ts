import { randomUUID } from 'node:crypto';
import { accountStream, dateIn, DomainError, type AccountState, type OpenedAccount } from '@arrears/domain';
import { AccountCommandService, type AccountCommandInput, type CommandContext } from '@arrears/commands';
import type { Clock } from '@arrears/platform';
import type { PaymentLinks } from './payment-links';
import type { PaymentFact, PaymentProvider } from './payment-provider.port';

/**
 * What became of one fact: recorded now, recorded before (a redelivery, a replay, the same payment
 * told by two events), deferred (it reverses a payment not told yet: the provider delivers it again
 * later), held (such a reversal, kept once it has waited an hour, for the payment's telling to take),
 * or refused by the account's rules (another currency, an unknown account). A closed account takes a payment, and
 * its reversal, and is reopened (see recordPayment).
 */
export type FactOutcome =
  | { outcome: 'recorded' | 'already_recorded'; paymentId: string }
  | { outcome: 'deferred' | 'held'; paymentId: string; reason: string }
  | { outcome: 'refused'; paymentId: string; code: string; message: string };

/**
 * How long a reversal is delivered again while its payment is not told (a provider may deliver a refund
 * first): past it, deferring would have the provider retry it for days and then disable the endpoint, so
 * the reversal is kept (PaymentLinks.holdReversal) and taken when the payment is told, if ever (after an
 * outage a provider retries its events in no fixed order; a payment it never tells was not one of ours).
 */
const paymentAwaitedMs = 60 * 60_000;

/**
 * Turns a provider's facts into the account's commands, the same commands the payment API takes:
 * a payment succeeded is `RecordPayment` (its id the provider's, so it is recorded once), a refund or
 * a lost dispute is `ReversePayment` (its id the refund's or dispute's). Dates are the debtor's, as
 * every payment's: the day the provider's instant falls on in the debtor's time zone.
 */
export class PaymentFactsRecorder {
  constructor(
    private readonly provider: PaymentProvider,
    private readonly accounts: AccountCommandService,
    private readonly links: PaymentLinks,
    private readonly clock: Clock,
  ) {}

  /** The fact's outcome; for a payment, then those of the reversals held for it, each taken once. */
  async record(fact: PaymentFact, correlationId: string): Promise<FactOutcome[]> {
    if (fact.kind === 'payment_reversed') return [await this.reversed(fact, correlationId)];
    const paid = await this.paid(fact, correlationId);
    if (paid.outcome !== 'recorded' && paid.outcome !== 'already_recorded') return [paid];
    const outcomes: FactOutcome[] = [paid];
    for (const reversal of await this.links.heldReversals(this.provider.name, fact.paymentId)) outcomes.push(await this.reversed(reversal, correlationId));
    return outcomes;
  }

  private async paid(fact: Extract<PaymentFact, { kind: 'payment_succeeded' }>, correlationId: string): Promise<FactOutcome> {
    const { paymentId, accountId, creditorId } = fact;
    const account = await this.account(accountId);
    // A session names its account and creditor: one that is not (or is another creditor's) is not paid into.
    if (!account || account.creditorId !== creditorId)
      return refused(paymentId, 'ACCOUNT_NOT_FOUND', `Account ${accountId} of creditor ${creditorId} does not exist.`);
    const link = await this.links.link(this.provider.name, paymentId, { accountId, creditorId }, correlationId);
    if (link.accountId !== accountId) return refused(paymentId, 'PAYMENT_FOR_ANOTHER_ACCOUNT', `Payment ${paymentId} was recorded for another account.`);
    const input: AccountCommandInput = {
      type: 'RecordPayment',
      data: { paymentId, amount: fact.amount, currency: fact.currency, receivedOn: this.dayOf(fact.at, account), method: 'card' },
    };
    const outcome = await this.handle(account, input, paymentId, correlationId, (error) =>
      error.code === 'PAYMENT_ALREADY_RECORDED' ? 'already_recorded' : undefined,
    );
    if (outcome.outcome === 'refused') await this.links.refused(this.provider.name, paymentId, link, outcome.code, correlationId);
    return outcome;
  }

  private async reversed(fact: Extract<PaymentFact, { kind: 'payment_reversed' }>, correlationId: string): Promise<FactOutcome> {
    const { paymentId, reversalId } = fact;
    let paidInto = await this.paidInto(paymentId);
    if (paidInto === undefined && this.clock.now().getTime() - Date.parse(fact.at) > paymentAwaitedMs) {
      await this.links.holdReversal(this.provider.name, fact, correlationId);
      // The payment may have been told meanwhile and have read the reversals held before this one was: look again.
      paidInto = await this.paidInto(paymentId);
      if (paidInto === undefined) {
        return { outcome: 'held', paymentId, reason: `Payment ${paymentId} has not been told: the reversal is kept, to be taken when it is.` };
      }
    }
    if (paidInto === undefined) return { outcome: 'deferred', paymentId, reason: `Payment ${paymentId} has not been told yet.` };
    if ('refusal' in paidInto)
      return refused(paymentId, 'PAYMENT_NOT_RECORDED', `Payment ${paymentId} was refused by the account (${paidInto.refusal}): there is nothing to reverse.`);
    const { account } = paidInto;
    const input: AccountCommandInput = {
      type: 'ReversePayment',
      data: {
        reversalId,
        paymentId,
        amount: fact.amount,
        currency: fact.currency,
        reversedOn: this.dayOf(fact.at, account),
        reason: fact.reason,
        providerReference: reversalId,
      },
    };
    return this.handle(account, input, paymentId, correlationId, (error) => (error.code === 'PAYMENT_NOT_FOUND' ? 'deferred' : undefined));
  }

  /** Runs the command as the provider; a refusal `known` names is an outcome, any other is `refused`. */
  private async handle(
    account: OpenedAccount,
    input: AccountCommandInput,
    paymentId: string,
    correlationId: string,
    known: (error: DomainError) => 'already_recorded' | 'deferred' | undefined,
  ): Promise<FactOutcome> {
    const context: CommandContext = {
      correlationId,
      causationId: randomUUID(),
      actor: { id: this.provider.name, role: 'system' },
      creditors: [account.creditorId],
      idempotencyKey: undefined,
      expectedRevision: undefined,
    };
    try {
      const { events } = await this.accounts.handle(account.accountId, input, context);
      return { outcome: events.length > 0 ? 'recorded' : 'already_recorded', paymentId };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const outcome = known(error);
      if (outcome === 'deferred') return { outcome, paymentId, reason: error.message };
      return outcome ? { outcome, paymentId } : refused(paymentId, error.code, error.message);
    }
  }

  /** The account the payment was linked to, its refusal by that account, or undefined before it was told. */
  private async paidInto(paymentId: string): Promise<{ account: OpenedAccount } | { refusal: string } | undefined> {
    const link = await this.links.find(this.provider.name, paymentId);
    if (link?.refused) return { refusal: link.refused };
    const account = link && (await this.account(link.accountId));
    return account && { account };
  }

  private async account(accountId: string): Promise<OpenedAccount | undefined> {
    const { state } = await this.accounts.accounts.load(accountStream(accountId));
    return isOpened(state) ? state : undefined;
  }

  /** The debtor's day of the provider's instant, never after the debtor's today (the provider's clock may run ahead of ours). */
  private dayOf(at: string, account: OpenedAccount): string {
    const now = this.clock.now().toISOString();
    return dateIn(Date.parse(at) > Date.parse(now) ? now : at, account.debtor.timeZone);
  }
}

const isOpened = (state: AccountState): state is OpenedAccount => state.status !== 'unopened';
const refused = (paymentId: string, code: string, message: string): FactOutcome => ({ outcome: 'refused', paymentId, code, message });
