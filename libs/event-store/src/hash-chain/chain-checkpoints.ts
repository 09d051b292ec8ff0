import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { WrongExpectedVersionError } from '../errors';
import type { EventStore, RecordedEvent } from '../event-store.port';
import { canonicalJson, chainStart, type ChainKey, type StreamHead } from './hash-chain';

/** The stream signed checkpoints are appended to, in the event store they vouch for. */
export const checkpointStream = 'chain-checkpoints';
export const checkpointEventType = 'ChainCheckpointed';

/**
 * A signed checkpoint: the head (revision and hash) of every chained stream that moved since the
 * previous checkpoint, up to a position of the log. Each carries the previous one's MAC, so the
 * checkpoints are a chain of their own, and a MAC under the chain key that nobody without the key can
 * make: a checkpoint edited, forged or taken out of the middle shows.
 */
export interface ChainCheckpoint {
  /** The log position it covers: every event at or below it was seen. */
  throughPosition: string;
  heads: Record<string, StreamHead>;
  previousMac: string;
  keyId: string;
  mac: string;
}

/** The MAC of a checkpoint at a revision of the checkpoint stream: its content and place, the MAC aside. */
export function checkpointMac(checkpoint: Omit<ChainCheckpoint, 'mac'>, revision: bigint, key: ChainKey): string {
  const content = { ...checkpoint, revision: revision.toString() };
  return createHmac('sha256', key.secret).update(canonicalJson(content)).digest('hex');
}

/** Whether a stored checkpoint was made with this key, unchanged, at this revision. */
function checkpointHolds(event: RecordedEvent, key: ChainKey): boolean {
  const { mac, ...content } = event.data as unknown as ChainCheckpoint;
  if (typeof mac !== 'string' || content.keyId !== key.id) return false;
  const expected = Buffer.from(checkpointMac(content, event.revision, key), 'hex');
  const given = Buffer.from(mac, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** What the checkpoints say about one stream: its latest anchor, or the checkpoint that does not hold. */
export type AnchorSearch = { anchor?: StreamHead } | { forged: { revision: number; detail: string } };

const pageSize = 100;

/**
 * Reads the checkpoints from the newest back until one saw the stream, checking each one's MAC and
 * its link to the one after it. Cost: the checkpoints since the stream last moved.
 */
export async function findAnchor(store: EventStore, streamId: string, key: ChainKey): Promise<AnchorSearch> {
  let newer: RecordedEvent | undefined;
  let from: bigint | undefined;
  for (;;) {
    const page = await store.readStream(checkpointStream, {
      direction: 'backwards',
      maxCount: pageSize,
      ...(from === undefined ? {} : { fromRevision: from }),
    });
    for (const event of page) {
      const forged = (detail: string) => ({ forged: { revision: Number(event.revision), detail } });
      if (!checkpointHolds(event, key)) return forged(`Checkpoint ${event.revision} does not carry a valid MAC under key ${key.id}.`);
      const checkpoint = event.data as unknown as ChainCheckpoint;
      if (newer && (newer.revision !== event.revision + 1n || (newer.data as unknown as ChainCheckpoint).previousMac !== checkpoint.mac)) {
        return forged(`Checkpoint ${newer.revision} does not link to checkpoint ${event.revision}.`);
      }
      const head = Object.hasOwn(checkpoint.heads, streamId) ? checkpoint.heads[streamId] : undefined;
      if (head) return { anchor: head };
      newer = event;
    }
    const last = page[page.length - 1];
    if (page.length < pageSize || !last || last.revision === 0n) return {};
    from = last.revision - 1n;
  }
}

/**
 * Writes the next checkpoint: reads the log from where the last one stopped, and signs the heads of
 * the chained streams that moved. One writer wins a race (the append expects the last revision read);
 * a last checkpoint that does not verify is refused, not extended.
 */
export class ChainCheckpointer {
  constructor(
    private readonly store: EventStore,
    private readonly key: ChainKey,
    /** The clock's time, for the checkpoint's metadata. */
    private readonly now: () => Date,
    private readonly readBatch = 1_000,
  ) {}

  /** The new checkpoint (its revision and how many streams it anchors), or null when nothing moved or another writer won. */
  async checkpoint(): Promise<{ revision: bigint; streams: number; mac: string } | null> {
    const [last] = await this.store.readStream(checkpointStream, { direction: 'backwards', maxCount: 1 });
    if (last && !checkpointHolds(last, this.key)) throw new Error(`Checkpoint ${last.revision} does not carry a valid MAC: the checkpoint stream was altered.`);
    const previous = last?.data as unknown as ChainCheckpoint | undefined;
    const { heads, through } = await this.headsSince(BigInt(previous?.throughPosition ?? '0'));
    const streams = Object.keys(heads).length;
    if (streams === 0) return null;
    const revision = last ? last.revision + 1n : 0n;
    const content = { throughPosition: through.toString(), heads, previousMac: previous?.mac ?? chainStart, keyId: this.key.id };
    const mac = checkpointMac(content, revision, this.key);
    try {
      await this.store.append(
        checkpointStream,
        [{ id: randomUUID(), type: checkpointEventType, data: { ...content, mac }, metadata: checkpointMetadata(through, this.now()) }],
        {
          expectedRevision: last ? last.revision : 'no_stream',
        },
      );
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) return null;
      throw error;
    }
    return { revision, streams, mac };
  }

  /**
   * The heads of the chained streams that moved after `after`, up to the head of the log when the
   * checkpoint began. An event committed there may stay unread for a moment while an earlier append is
   * still open (the store gives nothing past it, so as never to skip one): the read waits for it, a
   * bounded while, and what it could not reach goes into the next checkpoint.
   */
  private async headsSince(after: bigint): Promise<{ heads: Record<string, StreamHead>; through: bigint }> {
    const head = await this.store.headPosition();
    const heads: Record<string, StreamHead> = Object.create(null) as Record<string, StreamHead>;
    let through = after;
    for (let waits = 0; through < head && waits < settleWaits;) {
      const page = await this.store.readAll({ after: through, maxCount: this.readBatch });
      if (page.length === 0) {
        waits++;
        await new Promise((resolve) => setTimeout(resolve, settleWaitMs));
        continue;
      }
      for (const event of page) {
        if (typeof event.metadata.hash === 'string') heads[event.streamId] = { revision: Number(event.revision), hash: event.metadata.hash };
      }
      through = (page[page.length - 1] as RecordedEvent).position;
    }
    return { heads: { ...heads }, through };
  }
}

const settleWaits = 200;
const settleWaitMs = 10;

function checkpointMetadata(through: bigint, now: Date) {
  const at = now.toISOString();
  return {
    correlationId: `chain-checkpoint-${through}`,
    causationId: `chain-checkpoint-${through}`,
    actor: { id: 'chain-checkpointer', role: 'system' },
    occurredAt: at,
    recordedAt: at,
    schemaVersion: 1,
    creditorId: '',
  };
}
