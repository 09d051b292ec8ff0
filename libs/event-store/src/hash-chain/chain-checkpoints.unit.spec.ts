import { randomUUID } from 'node:crypto';
import { InMemoryEventStore } from '../in-memory/in-memory.event-store';
import { ChainCheckpointer, checkpointEventType, checkpointMac, checkpointStream, findAnchor, type ChainCheckpoint } from './chain-checkpoints';
import { chainKeyFrom, chainStart, chained, type ChainKey } from './hash-chain';

const key = chainKeyFrom('the-chain-key-of-at-least-thirty-two-characters');
const now = () => new Date('2026-03-01T15:00:00Z');
const metadata = {
  correlationId: 'c',
  causationId: 'c',
  actor: { id: 'a', role: 'system' },
  occurredAt: 't',
  recordedAt: 't',
  schemaVersion: 1,
  creditorId: 'cred-1',
};

/** Appends `count` chained events to a stream, as the write path does; returns the last one's hash. */
async function appendChained(store: InMemoryEventStore, streamId: string, count: number): Promise<string> {
  const existing = await store.readStream(streamId);
  let previous = existing.at(-1)?.metadata.hash ?? chainStart;
  for (let index = 0; index < count; index++) {
    const revision = BigInt(existing.length + index);
    const event = { id: randomUUID(), type: 'NoteAdded', data: { text: `note ${revision}` } };
    const chainedMetadata = chained({ ...event, streamId, revision, metadata }, previous, key);
    await store.append(streamId, [{ ...event, metadata: chainedMetadata }], { expectedRevision: revision === 0n ? 'no_stream' : revision - 1n });
    previous = chainedMetadata.hash as string;
  }
  return previous;
}

/** A checkpoint appended by someone who does not hold the key: signed under another one. */
async function appendForgedCheckpoint(store: InMemoryEventStore, heads: ChainCheckpoint['heads'], under: ChainKey): Promise<void> {
  const [last] = await store.readStream(checkpointStream, { direction: 'backwards', maxCount: 1 });
  const revision = last ? last.revision + 1n : 0n;
  const content = { throughPosition: '999', heads, previousMac: (last?.data as unknown as ChainCheckpoint | undefined)?.mac ?? chainStart, keyId: key.id };
  const data = { ...content, mac: checkpointMac(content, revision, under) };
  await store.append(checkpointStream, [{ id: randomUUID(), type: checkpointEventType, data, metadata }], {
    expectedRevision: last ? last.revision : 'no_stream',
  });
}

describe('signed checkpoints of the streams’ heads', () => {
  let store: InMemoryEventStore;
  let checkpointer: ChainCheckpointer;
  beforeEach(() => {
    store = new InMemoryEventStore();
    checkpointer = new ChainCheckpointer(store, key, now, 2);
  });

  it('anchors every chained stream at its head, reading the log in batches', async () => {
    const a = await appendChained(store, 'account-a', 3);
    const b = await appendChained(store, 'account-b', 2);
    await store.append('other', [{ id: randomUUID(), type: 'Unchained', data: {}, metadata }], { expectedRevision: 'no_stream' });
    expect(await checkpointer.checkpoint()).toMatchObject({ revision: 0n, streams: 2 });
    expect(await findAnchor(store, 'account-a', key)).toEqual({ anchor: { revision: 2, hash: a } });
    expect(await findAnchor(store, 'account-b', key)).toEqual({ anchor: { revision: 1, hash: b } });
    expect(await findAnchor(store, 'other', key)).toEqual({});
  });

  it('signs only the heads that moved since the last one, chained to it; nothing when nothing moved', async () => {
    await appendChained(store, 'account-a', 1);
    await appendChained(store, 'account-b', 1);
    const first = await checkpointer.checkpoint();
    expect(await checkpointer.checkpoint()).toBeNull();
    const a = await appendChained(store, 'account-a', 2);
    expect(await checkpointer.checkpoint()).toMatchObject({ revision: 1n, streams: 1 });
    const [second] = await store.readStream(checkpointStream, { fromRevision: 1n });
    expect(second?.data).toMatchObject({ previousMac: first?.mac, heads: { 'account-a': { revision: 2, hash: a } } });
    expect(await findAnchor(store, 'account-a', key)).toEqual({ anchor: { revision: 2, hash: a } });
    expect(await findAnchor(store, 'account-b', key)).toMatchObject({ anchor: { revision: 0 } });
  });

  it('waits for an event committed before it began but not yet readable (an earlier append still open)', async () => {
    const a = await appendChained(store, 'account-a', 2);
    let hidden = 3;
    const settling = Object.assign(Object.create(store) as InMemoryEventStore, {
      readAll: async (options: { after?: bigint; maxCount?: number }) => (hidden-- > 0 ? [] : store.readAll(options)),
    });
    expect(await new ChainCheckpointer(settling, key, now).checkpoint()).toMatchObject({ streams: 1 });
    expect(await findAnchor(store, 'account-a', key)).toEqual({ anchor: { revision: 1, hash: a } });
  });

  it('finds a stream anchored many checkpoints back, across pages', async () => {
    await appendChained(store, 'account-quiet', 1);
    for (let index = 0; index < 120; index++) {
      await appendChained(store, `account-busy-${index}`, 1);
      await checkpointer.checkpoint();
    }
    expect(await findAnchor(store, 'account-quiet', key)).toMatchObject({ anchor: { revision: 0 } });
  });

  it('calls a checkpoint signed without the key forged, and refuses to extend it', async () => {
    await appendChained(store, 'account-a', 3);
    await checkpointer.checkpoint();
    // A truncation hidden behind a newer checkpoint that sees fewer events.
    await appendForgedCheckpoint(store, { 'account-a': { revision: 1, hash: 'whatever' } }, chainKeyFrom('a-key-the-attacker-made-up-of-32-characters'));
    expect(await findAnchor(store, 'account-a', key)).toEqual({ forged: { revision: 1, detail: expect.stringMatching(/valid MAC/) } });
    await appendChained(store, 'account-a', 1);
    await expect(checkpointer.checkpoint()).rejects.toThrow(/altered/);
  });
});
