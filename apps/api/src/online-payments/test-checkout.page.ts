import { formatMoney } from '@arrears/domain';
import { testCheckoutPath, type TestSession } from '@arrears/online-payments';

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text a caller chose (the description, an address) never becomes markup. */
const escaped = (text: string) => text.replace(/[&<>"']/g, (character) => escapes[character] as string);

const page = (title: string, body: string) =>
  `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="robots" content="noindex"><title>${escaped(title)}</title></head><body><main><h1>${escaped(title)}</h1>${body}</main></body></html>\n`;

const notice = '<p><strong>Test payment provider:</strong> no card is asked for and no money moves. Never used in production.</p>';

/**
 * The test provider's hosted checkout: what is asked, and two plain forms, Pay and Decline. No script,
 * no card field: the page stands in for a provider's, where the card would be entered.
 */
export function testCheckoutPage(sessionId: string, session: TestSession, expired: boolean): string {
  const amount = formatMoney(session.amount, session.currency);
  if (expired) return page('This payment page has expired', `${notice}<p><a href="${escaped(session.cancelUrl)}">Go back</a></p>`);
  const action = (what: string) => `${testCheckoutPath}${sessionId}/${what}`;
  return page(
    `Pay ${amount}`,
    `${notice}<p>${escaped(session.description)}</p><p>Amount: <strong>${escaped(amount)}</strong></p>` +
      `<form method="post" action="${action('pay')}"><button type="submit">Pay ${escaped(amount)}</button></form>` +
      `<form method="post" action="${action('decline')}"><button type="submit">Decline</button></form>` +
      `<p><a href="${escaped(session.cancelUrl)}">Cancel and go back</a></p>`,
  );
}

/** After Pay, for a client that does not follow the redirect to the session's success page. */
export function paidPage(session: TestSession): string {
  return page('Payment received', `${notice}<p><a href="${escaped(session.successUrl)}">Continue</a></p>`);
}

/** After Decline: as a declined card, nothing happened; the payer may try again or go back. */
export function declinedPage(sessionId: string, session: TestSession): string {
  return page(
    'Payment declined',
    `${notice}<p>The payment was declined. Nothing was charged.</p><p><a href="${testCheckoutPath}${sessionId}">Try again</a> or <a href="${escaped(session.cancelUrl)}">go back</a>.</p>`,
  );
}

/** Where a payer returns when the checkout named no page of its own. */
export function finishedPage(outcome: 'paid' | 'cancelled'): string {
  return outcome === 'paid'
    ? page('Thank you', '<p>Your payment was received. It will show on your account shortly. You can close this page.</p>')
    : page('Payment cancelled', '<p>Nothing was charged. You can close this page.</p>');
}
