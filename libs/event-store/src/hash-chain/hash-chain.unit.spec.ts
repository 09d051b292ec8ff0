import type { RecordedEvent } from '../event-store.port';
import { canonicalJson, chainStart, chained, verifyChain } from './hash-chain';

/** A stream of `count` events chained as the write path chains them. */
function chainedStream(count: number): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  let previous = chainStart;
  for (let revision = 0; revision < count; revision++) {
    const content = {
      streamId: 'account-acc-1',
      revision: BigInt(revision),
      id: `evt-${revision}`,
      type: revision === 0 ? 'AccountOpened' : 'PaymentReceived',
      data: { amount: 100 * revision, nested: { currency: 'USD', list: [1, 2] } },
      metadata: { correlationId: 'c', causationId: 'k', actor: { id: 'a', role: 'system' }, occurredAt: 't', recordedAt: 't', schemaVersion: 1, creditorId: 'cred-1' },
    };
    const metadata = chained(content, previous);
    previous = metadata.hash as string;
    events.push({ ...content, metadata, position: BigInt(revision + 10) });
  }
  return events;
}

describe('the hash chain of a stream', () => {
  it('verifies a stream chained from its first event, and ignores where it sits in the whole log', () => {
    const events = chainedStream(4);
    expect(verifyChain(events)).toEqual({ status: 'intact', events: 4, lastHash: events[3]?.metadata.hash });
    expect(verifyChain(events.map((event) => ({ ...event, position: event.position + 1000n })))).toMatchObject({ status: 'intact' });
  });

  it('does not depend on the order the store gives an object its keys in', () => {
    const events = chainedStream(2);
    const reordered = events.map((event) => ({ ...event, data: Object.fromEntries(Object.entries(event.data).reverse()) }));
    expect(verifyChain(reordered)).toMatchObject({ status: 'intact' });
  });

  it('names the revision whose content was changed', () => {
    const events = chainedStream(4);
    events[2] = { ...events[2]!, data: { ...events[2]!.data, amount: 1 } };
    expect(verifyChain(events)).toMatchObject({ status: 'broken', firstBrokenRevision: 2, reason: 'HASH_MISMATCH' });
  });

  it('names a changed actor too: the metadata is covered, the hash itself aside', () => {
    const events = chainedStream(3);
    events[1] = { ...events[1]!, metadata: { ...events[1]!.metadata, actor: { id: 'someone-else', role: 'system' } } };
    expect(verifyChain(events)).toMatchObject({ status: 'broken', firstBrokenRevision: 1, reason: 'HASH_MISMATCH' });
  });

  it('names a rehashed event by the broken link after it', () => {
    const events = chainedStream(4);
    const forged = { ...events[1]!, data: { amount: 1 } };
    events[1] = { ...forged, metadata: chained(forged, events[0]!.metadata.hash as string) };
    expect(verifyChain(events)).toMatchObject({ status: 'broken', firstBrokenRevision: 2, reason: 'LINK_MISMATCH' });
  });

  it('names a removed event by the gap it leaves, and an event without a hash', () => {
    const events = chainedStream(4);
    expect(verifyChain([events[0]!, events[2]!, events[3]!])).toMatchObject({ status: 'broken', firstBrokenRevision: 2, reason: 'REVISION_GAP' });
    const { hash: _hash, ...unhashed } = events[0]!.metadata;
    expect(verifyChain([{ ...events[0]!, metadata: unhashed }])).toMatchObject({ status: 'broken', firstBrokenRevision: 0, reason: 'HASH_MISSING' });
  });

  it('writes canonical JSON: keys sorted at every depth, undefined members left out', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: null, e: 'x' }], c: undefined } })).toBe('{"a":{"d":[3,{"e":"x","f":null}]},"b":1}');
  });
});
