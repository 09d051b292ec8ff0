import { accountStream, DomainError, ruleBroken, requirePayableOnline } from '@arrears/domain';
import type { AccountSnapshots } from '@arrears/commands';
import { ProblemException } from '@arrears/platform';
import type { PaymentProvider, PaymentProviderName } from './payment-provider.port';

/** What to collect online from one account's debtor. */
export interface CheckoutOrder {
  accountId: string;
  /** Integer minor units; at most what the account owes (less its credit). */
  amount: number;
  /** The account's currency (ISO 4217). */
  currency: string;
  /** What the payer reads on the payment page; "Payment on account <id>" when absent. */
  description?: string;
  /** Where the payer's browser returns to, after paying and after giving up: under PUBLIC_URL. Defaults: Arrears' own pages. */
  successUrl?: string;
  cancelUrl?: string;
}

/** A checkout opened: send the payer to `checkoutUrl`. */
export interface CheckoutStarted {
  provider: PaymentProviderName;
  sessionId: string;
  checkoutUrl: string;
  amount: number;
  currency: string;
}

/** Arrears' own pages a payer returns to when the order names none (see the API's online-payments folder). */
export const checkoutFinishedPath = '/online-payments/finished/';

/** How long a caller is asked to wait when the provider cannot be reached. */
const providerRetryAfterSeconds = 30;

/**
 * Opens a hosted checkout for an account's debtor: for an agent's payment link and for the debtor's
 * own portal alike. The account's rules say what may be asked (requirePayableOnline); nothing is
 * recorded until the provider tells that the payment went through (see PaymentFactsRecorder).
 * Refusals are the domain's typed errors (404 ACCOUNT_NOT_FOUND; 422 ACCOUNT_CLOSED, INVALID_AMOUNT,
 * CURRENCY_MISMATCH, NOTHING_OWED, AMOUNT_EXCEEDS_BALANCE, RETURN_URL_NOT_OURS, ONLINE_PAYMENT_OFF,
 * PAYMENT_PROVIDER_REFUSED); a
 * provider that cannot be reached is 503 PAYMENT_PROVIDER_UNAVAILABLE with Retry-After. The caller
 * checks who may ask for the account (a token's creditors, a portal link's account).
 */
export class CheckoutStarter {
  constructor(
    private readonly provider: PaymentProvider | null,
    /** The write path's loads (from the account's last snapshot), as the command path reads it. */
    private readonly accounts: AccountSnapshots,
    private readonly publicUrl: string,
  ) {}

  async start(order: CheckoutOrder): Promise<CheckoutStarted> {
    if (!this.provider) throw ruleBroken('ONLINE_PAYMENT_OFF', 'Online payment is not configured here (PAYMENT_PROVIDER).');
    const { accountId, amount, currency } = order;
    const { state } = await this.accounts.load(accountStream(accountId));
    const account = requirePayableOnline(state, amount, currency);
    const request = {
      accountId,
      creditorId: account.creditorId,
      amount,
      currency,
      description: order.description ?? `Payment on account ${accountId}`,
      successUrl: this.returnUrl(order.successUrl, 'successUrl', 'paid'),
      cancelUrl: this.returnUrl(order.cancelUrl, 'cancelUrl', 'cancelled'),
    };
    try {
      return { provider: this.provider.name, amount, currency, ...(await this.provider.startCheckout(request)) };
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw new ProblemException(
        503,
        'PAYMENT_PROVIDER_UNAVAILABLE',
        'Service unavailable',
        `The payment provider did not open the checkout: ${error instanceof Error ? error.message : String(error)}`,
        {},
        { 'retry-after': String(providerRetryAfterSeconds) },
      );
    }
  }

  /** A payer is only ever sent back to this service's own pages (PUBLIC_URL), never to an address a caller made up. */
  private returnUrl(given: string | undefined, field: string, outcome: 'paid' | 'cancelled'): string {
    if (given === undefined) return `${this.publicUrl}${checkoutFinishedPath}${outcome}`;
    if (!given.startsWith(`${this.publicUrl}/`)) {
      throw ruleBroken('RETURN_URL_NOT_OURS', `${field} must be an address under ${this.publicUrl}/.`, { field, publicUrl: this.publicUrl });
    }
    return given;
  }
}
