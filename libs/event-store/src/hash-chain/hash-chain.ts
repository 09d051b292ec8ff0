import { createHash } from 'node:crypto';
import type { EventMetadata, RecordedEvent } from '../event-store.port';

/** The hash a stream's first event links to. */
export const chainStart = '0'.repeat(64);

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
 * SHA-256 over the event's content in canonical JSON (keys sorted, so the store's own key order does
 * not matter) and the previous event's hash in the same stream: changing, removing or reordering any
 * event breaks every link after it.
 */
export function chainHash(event: ChainedContent, previousHash: string): string {
  const { hash: _hash, ...metadata } = event.metadata;
  const content = { streamId: event.streamId, revision: event.revision.toString(), id: event.id, type: event.type, data: event.data, metadata };
  return createHash('sha256').update(previousHash).update('\n').update(canonicalJson(content)).digest('hex');
}

/** Metadata with its place in the chain: the previous event's hash and this one's. */
export function chained(event: ChainedContent, previousHash: string): EventMetadata {
  const metadata = { ...event.metadata, previousHash };
  return { ...metadata, hash: chainHash({ ...event, metadata }, previousHash) };
}

export type ChainReport =
  | { status: 'intact'; events: number; lastHash: string }
  | { status: 'broken'; events: number; firstBrokenRevision: number; reason: 'HASH_MISMATCH' | 'LINK_MISMATCH' | 'HASH_MISSING' | 'REVISION_GAP'; detail: string };

/** Recomputes a stream's chain from its first event; names the first revision that does not hold. */
export function verifyChain(events: RecordedEvent[]): ChainReport {
  let previous = chainStart;
  for (const [index, event] of events.entries()) {
    const revision = Number(event.revision);
    const broken = (reason: Extract<ChainReport, { status: 'broken' }>['reason'], detail: string): ChainReport => ({
      status: 'broken',
      events: events.length,
      firstBrokenRevision: revision,
      reason,
      detail,
    });
    if (revision !== index) return broken('REVISION_GAP', `Revision ${index} is missing; the next event found is revision ${revision}.`);
    const { hash, previousHash } = event.metadata;
    if (typeof hash !== 'string' || typeof previousHash !== 'string') return broken('HASH_MISSING', `Revision ${revision} carries no hash.`);
    if (previousHash !== previous) return broken('LINK_MISMATCH', `Revision ${revision} links to ${previousHash}, but the event before it hashes to ${previous}.`);
    if (chainHash(event, previous) !== hash) return broken('HASH_MISMATCH', `Revision ${revision}'s content no longer matches its hash.`);
    previous = hash;
  }
  return { status: 'intact', events: events.length, lastHash: previous };
}

/** JSON with object keys sorted at every depth; undefined members left out, as JSON does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}
