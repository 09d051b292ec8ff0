import { createHash, createHmac, hkdfSync } from 'node:crypto';
import type { EventMetadata, RecordedEvent } from '../event-store.port';

/** The hash a stream's first event links to. */
export const chainStart = '0'.repeat(64);

/**
 * The key the chain is made with, held outside the event store's database: whoever can write the
 * database but not read this key cannot re-chain an edited event. The id names it in each event's
 * metadata (`chainKeyId`) without revealing it, so a stream says which key verifies it.
 */
export interface ChainKey {
  readonly id: string;
  readonly secret: Buffer;
}

/** The chain key derived from a configured secret (any string of 32 characters or more). */
export function chainKeyFrom(secret: string): ChainKey {
  const key = Buffer.from(hkdfSync('sha256', secret, '', 'arrears hash chain', 32));
  return { id: createHmac('sha256', key).update('key id').digest('hex').slice(0, 16), secret: key };
}

/** What an event's hash covers: everything recorded about it but the hash itself. */
export interface ChainedContent {
  streamId: string;
  revision: bigint;
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
}

/**
 * HMAC-SHA-256 under the chain key over the event's content in canonical JSON (keys sorted, so the
 * store's own key order does not matter) and the previous event's hash in the same stream: changing,
 * removing or reordering any event breaks every link after it. Without a key (`undefined`): the plain
 * SHA-256 that events written before the chain was keyed carry.
 */
export function chainHash(event: ChainedContent, previousHash: string, key: ChainKey | undefined): string {
  // The hash covers everything but itself.
  const metadata = { ...event.metadata };
  delete metadata.hash;
  const content = { streamId: event.streamId, revision: event.revision.toString(), id: event.id, type: event.type, data: event.data, metadata };
  const digest = key ? createHmac('sha256', key.secret) : createHash('sha256');
  // One update of the whole text: the same bytes as the previous hash, the newline and the content fed apart.
  return digest.update(`${previousHash}\n${canonicalJson(content)}`).digest('hex');
}

/** Metadata with its place in the chain: the key's id, the previous event's hash and this one's. */
export function chained(event: ChainedContent, previousHash: string, key: ChainKey): EventMetadata {
  const metadata = { ...event.metadata, previousHash, chainKeyId: key.id };
  return { ...metadata, hash: chainHash({ ...event, metadata }, previousHash, key) };
}

/** A stream's head as a checkpoint saw it. */
export interface StreamHead {
  revision: number;
  hash: string;
}

export type ChainBreak =
  | 'HASH_MISMATCH'
  | 'LINK_MISMATCH'
  | 'HASH_MISSING'
  | 'REVISION_GAP'
  | 'UNKEYED_AFTER_KEYED'
  | 'UNKNOWN_KEY'
  | 'TRUNCATED'
  | 'ANCHOR_MISMATCH'
  | 'CHECKPOINT_FORGED';

export type ChainReport =
  | {
      status: 'intact';
      events: number;
      lastHash: string;
      /** Leading events chained with plain SHA-256, before the chain was keyed: only an anchor vouches for them. */
      unkeyedEvents: number;
      /** The latest revision a signed checkpoint saw, if one did. */
      anchoredRevision: number | null;
    }
  | { status: 'broken'; events: number; firstBrokenRevision: number; reason: ChainBreak; detail: string };

type Broken = Extract<ChainReport, { status: 'broken' }>;

/**
 * Recomputes a stream's chain from its first event and names the first revision that does not hold;
 * then holds the stream to its anchor, the head a signed checkpoint saw: a stream that ends before it
 * was truncated, and one whose event there hashes otherwise was re-chained. Events without a key id
 * verify as plain SHA-256 (written before the chain was keyed), but never after a keyed one.
 */
export function verifyChain(events: RecordedEvent[], key: ChainKey, anchor?: StreamHead): ChainReport {
  let previous = chainStart;
  let unkeyedEvents = 0;
  for (const [index, event] of events.entries()) {
    const revision = Number(event.revision);
    const broken = (reason: ChainBreak, detail: string): Broken => ({ status: 'broken', events: events.length, firstBrokenRevision: revision, reason, detail });
    if (revision !== index) return broken('REVISION_GAP', `Revision ${index} is missing; the next event found is revision ${revision}.`);
    const { hash, previousHash, chainKeyId } = event.metadata;
    if (typeof hash !== 'string' || typeof previousHash !== 'string') return broken('HASH_MISSING', `Revision ${revision} carries no hash.`);
    if (previousHash !== previous)
      return broken('LINK_MISMATCH', `Revision ${revision} links to ${previousHash}, but the event before it hashes to ${previous}.`);
    if (chainKeyId === undefined) {
      if (unkeyedEvents !== index) return broken('UNKEYED_AFTER_KEYED', `Revision ${revision} is chained without a key after keyed events: it was re-chained.`);
      unkeyedEvents++;
    } else if (chainKeyId !== key.id) {
      return broken(
        'UNKNOWN_KEY',
        `Revision ${revision} is chained under key ${typeof chainKeyId === 'string' ? chainKeyId : JSON.stringify(chainKeyId)}, not the configured key ${key.id}.`,
      );
    }
    if (chainHash(event, previous, chainKeyId === undefined ? undefined : key) !== hash) {
      return broken('HASH_MISMATCH', `Revision ${revision}'s content no longer matches its hash.`);
    }
    previous = hash;
  }
  return anchored(events, anchor) ?? { status: 'intact', events: events.length, lastHash: previous, unkeyedEvents, anchoredRevision: anchor?.revision ?? null };
}

function anchored(events: RecordedEvent[], anchor: StreamHead | undefined): Broken | undefined {
  if (!anchor) return undefined;
  const at = events[anchor.revision];
  if (!at) {
    const detail = `A checkpoint saw revision ${anchor.revision}, but the stream ends at revision ${events.length - 1}: events were deleted.`;
    return { status: 'broken', events: events.length, firstBrokenRevision: events.length, reason: 'TRUNCATED', detail };
  }
  if (at.metadata.hash === anchor.hash) return undefined;
  const detail = `A checkpoint saw revision ${anchor.revision} hashed ${anchor.hash}; it now hashes ${String(at.metadata.hash)}: the stream was re-chained.`;
  return { status: 'broken', events: events.length, firstBrokenRevision: anchor.revision, reason: 'ANCHOR_MISMATCH', detail };
}

/**
 * JSON with object keys sorted at every depth; undefined members left out, as JSON does. Built into one
 * string as it goes: every command hashes its events, and chains of filter, map and join cost it a third more.
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'string') return quoted(value);
  if (value === null || typeof value !== 'object') return unrepresentable(value) ? 'null' : JSON.stringify(value);
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += `${i === 0 ? '' : ','}${canonicalJson(value[i] ?? null)}`;
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  let text = '{';
  for (const key of sortedKeys(record)) {
    const member = record[key];
    if (member !== undefined) text += `${text.length === 1 ? '' : ','}${quoted(key)}:${canonicalJson(member)}`;
  }
  return `${text}}`;
}

/** Up to this many keys an object's are put in order by an insertion sort; past it, by the built-in sort. */
export const insertionSortedKeys = 16;

/**
 * An object's keys in code-unit order, as `sort()` puts them. An event's objects have a few keys each,
 * which an insertion sort orders in 40 % of the time the built-in sort takes.
 */
function sortedKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record);
  if (keys.length > insertionSortedKeys) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] as string;
    let j = i - 1;
    for (; j >= 0 && (keys[j] as string) > key; j--) keys[j + 1] = keys[j] as string;
    keys[j + 1] = key;
  }
  return keys;
}

/**
 * A string as JSON writes it. Most of an event's strings (ids, dates, codes, keys) need no escape and are
 * quoted as they stand: asking JSON.stringify for each was about a third of the canonical text's cost. The rest get
 * JSON's own text: those holding a control character, a quote, a backslash or a surrogate (JSON escapes
 * a lone one; a pair is left to it too, which writes it as it stands).
 */
function quoted(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x20 || unit === 0x22 || unit === 0x5c || (unit >= 0xd800 && unit <= 0xdfff)) return JSON.stringify(text);
  }
  return `"${text}"`;
}

/** What JSON has no text for: JSON.stringify answers undefined for it (though its type says string). */
function unrepresentable(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}
