import { createHmac } from 'node:crypto';
import type { RecordedEvent } from '@arrears/event-store';
import { everything, type WebhookSubscription } from './webhook-records';

/** What a receiver gets for one account event, as JSON. */
export interface WebhookPayload {
  /** The event's id: the same on every redelivery, so receivers drop duplicates by it. */
  id: string;
  type: string;
  accountId: string;
  creditorId: string;
  /** The event's place in its account's stream (from 0) and in the whole log: order by these. */
  revision: number;
  position: number;
  recordedAt: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

/** The header that carries the signature, Stripe's scheme: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export const signatureHeaderName = 'Arrears-Signature';

const accountPrefix = 'account-';

/** The account of an account stream's event; undefined for any other stream of the log. */
export const accountOf = (event: RecordedEvent): string | undefined =>
  event.streamId.startsWith(accountPrefix) ? event.streamId.slice(accountPrefix.length) : undefined;

/** Whether the subscription takes this event: an account's, of a creditor and a type it names. */
export function subscribedTo(subscription: Pick<WebhookSubscription, 'eventTypes' | 'creditorIds'>, event: RecordedEvent): boolean {
  if (accountOf(event) === undefined) return false;
  const { creditorIds, eventTypes } = subscription;
  if (!creditorIds.includes(everything) && !creditorIds.includes(event.metadata.creditorId)) return false;
  return eventTypes.includes(everything) || eventTypes.includes(event.type);
}

/**
 * The payload of an event as read (opened for a subscription allowed personal data, else as stored).
 * Whatever is still sealed in it is taken out either way: ciphertext tells a receiver nothing it may
 * use, and a kind of personal data sealed in future events is then withheld without a change here.
 * The debtor's own links in a message's text (portal, opt-out) are withheld too: whoever holds one
 * acts as the debtor, and a receiver given the postal code would hold the portal's second factor.
 */
export function payloadOf(event: RecordedEvent): WebhookPayload {
  return {
    id: event.id,
    type: event.type,
    accountId: accountOf(event) ?? '',
    creditorId: event.metadata.creditorId,
    revision: Number(event.revision),
    position: Number(event.position),
    recordedAt: event.metadata.recordedAt,
    occurredAt: event.metadata.occurredAt,
    data: forReceivers(event.data) as Record<string, unknown>,
  };
}

/** A portal link's token (after `#link=`) and an opt-out link's (after `/opt-out/`). */
const debtorLinkToken = /(#link=|\/opt-out\/)[\w-]+(?:\.[\w-]+)*/g;

/** The value with every sealed part (`{…, sealed: {keyId, iv, data, tag}}`) replaced by `personalDataWithheld: true`, and debtors' link tokens by `withheld`. */
function forReceivers(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(debtorLinkToken, '$1withheld');
  if (Array.isArray(value)) return value.map(forReceivers);
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  const sealed = entries.some(([key, part]) => key === 'sealed' && isSealed(part));
  const kept = entries.filter(([key, part]) => !(key === 'sealed' && isSealed(part))).map(([key, part]) => [key, forReceivers(part)]);
  return Object.fromEntries(sealed ? [...kept, ['personalDataWithheld', true]] : kept);
}

function isSealed(value: unknown): boolean {
  return Boolean(value) && typeof value === 'object' && ['keyId', 'iv', 'data', 'tag'].every((field) => field in (value as object));
}

/**
 * The signature header of a body sent at `unixSeconds`: the timestamp is signed with the body, so a
 * receiver that refuses old timestamps cannot be sent a captured delivery again later.
 */
export function signatureOf(secret: string, unixSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}
