import fc from 'fast-check';
import type { RecordedEvent } from '../event-store.port';
import { canonicalJson, chainHash, chainKeyFrom, chainStart, chained, insertionSortedKeys, verifyChain } from './hash-chain';

const key = chainKeyFrom('the-chain-key-of-at-least-thirty-two-characters');
const otherKey = chainKeyFrom('another-chain-key-of-at-least-thirty-two-chars');

const content = (revision: number) => ({
  streamId: 'account-acc-1',
  revision: BigInt(revision),
  id: `evt-${revision}`,
  type: revision === 0 ? 'AccountOpened' : 'PaymentReceived',
  data: { amount: 100 * revision, nested: { currency: 'USD', list: [1, 2] } } as Record<string, unknown>,
  metadata: {
    correlationId: 'c',
    causationId: 'k',
    actor: { id: 'a', role: 'system' },
    occurredAt: 't',
    recordedAt: 't',
    schemaVersion: 1,
    creditorId: 'cred-1',
  },
});

/** A stream of `count` events chained as the write path chains them. */
function chainedStream(count: number): RecordedEvent[] {
  return rechain(
    Array.from({ length: count }, (_, revision) => ({ ...content(revision), position: BigInt(revision + 10) })),
    0,
    key,
  );
}

/**
 * What an attacker with database access can do: chain the events from `from` on again, under a key
 * (one that is not the service's), or with no key as the chain's public algorithm before it was keyed.
 */
function rechain(events: RecordedEvent[], from: number, under: typeof key | undefined): RecordedEvent[] {
  let previous = from === 0 ? chainStart : (events[from - 1]?.metadata.hash as string);
  return events.map((event, index) => {
    if (index < from) return event;
    const bare = { ...event.metadata };
    delete bare.hash;
    delete bare.previousHash;
    delete bare.chainKeyId;
    const metadata = under ? chained({ ...event, metadata: bare }, previous, under) : { ...bare, previousHash: previous };
    const hashed = under ? metadata : { ...metadata, hash: chainHash({ ...event, metadata }, previous, undefined) };
    previous = hashed.hash as string;
    return { ...event, metadata: hashed };
  });
}

describe('the keyed hash chain of a stream', () => {
  it('verifies a stream chained from its first event, and ignores where it sits in the whole log', () => {
    const events = chainedStream(4);
    expect(verifyChain(events, key)).toEqual({ status: 'intact', events: 4, lastHash: events[3]?.metadata.hash, unkeyedEvents: 0, anchoredRevision: null });
    expect(
      verifyChain(
        events.map((event) => ({ ...event, position: event.position + 1000n })),
        key,
      ),
    ).toMatchObject({ status: 'intact' });
  });

  it('names the key in every event, by an id that is not the key', () => {
    const [event] = chainedStream(1);
    expect(event?.metadata.chainKeyId).toBe(key.id);
    expect(key.id).not.toContain(key.secret.toString('hex').slice(0, 8));
  });

  it('does not depend on the order the store gives an object its keys in', () => {
    const events = chainedStream(2);
    const reordered = events.map((event) => ({ ...event, data: Object.fromEntries(Object.entries(event.data).reverse()) }));
    expect(verifyChain(reordered, key)).toMatchObject({ status: 'intact' });
  });

  it('names the revision whose content was changed', () => {
    const events = chainedStream(4);
    events[2] = { ...events[2]!, data: { ...events[2]!.data, amount: 1 } };
    expect(verifyChain(events, key)).toMatchObject({ status: 'broken', firstBrokenRevision: 2, reason: 'HASH_MISMATCH' });
  });

  it('names a changed actor too: the metadata is covered, the hash itself aside', () => {
    const events = chainedStream(3);
    events[1] = { ...events[1]!, metadata: { ...events[1]!.metadata, actor: { id: 'someone-else', role: 'system' } } };
    expect(verifyChain(events, key)).toMatchObject({ status: 'broken', firstBrokenRevision: 1, reason: 'HASH_MISMATCH' });
  });

  it('catches an edit re-chained to the end with plain SHA-256, whether it keeps the key id or drops it', () => {
    const edited = chainedStream(4);
    edited[1] = { ...edited[1]!, data: { amount: 1 } };
    const keptKeyId = rechain(edited, 1, undefined).map((event, index) =>
      index < 1 ? event : { ...event, metadata: { ...event.metadata, chainKeyId: key.id } },
    );
    expect(verifyChain(keptKeyId, key)).toMatchObject({ status: 'broken', firstBrokenRevision: 1, reason: 'HASH_MISMATCH' });
    expect(verifyChain(rechain(edited, 1, undefined), key)).toMatchObject({ status: 'broken', firstBrokenRevision: 1, reason: 'UNKEYED_AFTER_KEYED' });
  });

  it('catches an edit re-chained under another key', () => {
    const edited = chainedStream(3);
    edited[2] = { ...edited[2]!, data: { amount: 1 } };
    expect(verifyChain(rechain(edited, 2, otherKey), key)).toMatchObject({ status: 'broken', firstBrokenRevision: 2, reason: 'UNKNOWN_KEY' });
  });

  it('names a rehashed event, without rehashing what follows, by the broken link after it', () => {
    const events = chainedStream(4);
    const forged = { ...events[1]!, data: { amount: 1 } };
    events[1] = { ...forged, metadata: chained(forged, events[0]!.metadata.hash as string, key) };
    expect(verifyChain(events, key)).toMatchObject({ status: 'broken', firstBrokenRevision: 2, reason: 'LINK_MISMATCH' });
  });

  it('names a removed event by the gap it leaves, and an event without a hash', () => {
    const events = chainedStream(4);
    expect(verifyChain([events[0]!, events[2]!, events[3]!], key)).toMatchObject({ status: 'broken', firstBrokenRevision: 2, reason: 'REVISION_GAP' });
    const unhashed = { ...events[0]!.metadata };
    delete unhashed.hash;
    expect(verifyChain([{ ...events[0]!, metadata: unhashed }], key)).toMatchObject({ status: 'broken', firstBrokenRevision: 0, reason: 'HASH_MISSING' });
  });

  it('still verifies events chained before the chain was keyed, and says how many there are', () => {
    const legacy = rechain(chainedStream(3), 0, undefined);
    const mixed = rechain([...legacy, { ...content(3), position: 13n }], 3, key);
    expect(verifyChain(mixed, key)).toMatchObject({ status: 'intact', events: 4, unkeyedEvents: 3 });
  });
});

describe('a stream held to its anchor', () => {
  it('is intact when it reaches the anchored head, and says which revision was anchored', () => {
    const events = chainedStream(4);
    expect(verifyChain(events, key, { revision: 2, hash: events[2]!.metadata.hash as string })).toMatchObject({ status: 'intact', anchoredRevision: 2 });
  });

  it('reports a stream whose last events were deleted as truncated', () => {
    const events = chainedStream(4);
    const anchor = { revision: 3, hash: events[3]!.metadata.hash as string };
    expect(verifyChain(events.slice(0, 3), key, anchor)).toMatchObject({ status: 'broken', events: 3, firstBrokenRevision: 3, reason: 'TRUNCATED' });
  });

  it('reports a stream re-chained from its start with the unkeyed algorithm as not matching its anchor', () => {
    const events = chainedStream(3);
    const anchor = { revision: 2, hash: events[2]!.metadata.hash as string };
    events[1] = { ...events[1]!, data: { amount: 1 } };
    expect(verifyChain(rechain(events, 0, undefined), key, anchor)).toMatchObject({ status: 'broken', firstBrokenRevision: 2, reason: 'ANCHOR_MISMATCH' });
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every depth and leaves undefined members out', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: null, e: 'x' }], c: undefined } })).toBe('{"a":{"d":[3,{"e":"x","f":null}]},"b":1}');
  });

  it('sorts keys that look like array indexes as text, among the others', () => {
    expect(canonicalJson({ b: { '10': 1, '2': 2, ' ': 3, a: 4 }, a: [{ '1': 'x' }] })).toBe('{"a":[{"1":"x"}],"b":{" ":3,"10":1,"2":2,"a":4}}');
  });

  it('writes an own __proto__ as a member, and functions and symbols as null', () => {
    const parsed = JSON.parse('{"z":1,"__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(canonicalJson({ ...{ parsed }, f: () => 1, s: Symbol('s'), list: [() => 1, undefined, Symbol('t')] })).toBe(
      '{"f":null,"list":[null,null,null],"parsed":{"__proto__":{"polluted":true},"z":1},"s":null}',
    );
  });

  it('writes every value as its definition does: each object by its keys sorted, member by member', () => {
    // Any UTF-16 code unit, and often one that JSON escapes or that borders on one: control characters, quotes,
    // backslashes, lone surrogates of either end (and so pairs), and the separators JSON leaves as they stand.
    const unit = fc.oneof(
      fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
      fc.constantFrom('\u0000', '\u001f', ' ', '"', '\\', '\u007f', '\u2028', '\ud7ff', '\ud800', '\udbff', '\udc00', '\udfff', '\ue000'),
    );
    const anyText = fc.string({ unit });
    const member = fc.oneof(fc.string(), anyText, fc.constantFrom('10', '2', '0', ' ', '__proto__', 'toJSON'));
    const values = fc.letrec<{ value: unknown }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.oneof(
          fc.string(),
          anyText,
          fc.double(),
          fc.integer(),
          fc.boolean(),
          fc.constant(null),
          fc.constant(undefined),
          fc.constant(() => 1),
        ),
        fc.array(tie('value')),
        fc.dictionary(member, tie('value')).map((entries) => JSON.parse(JSON.stringify(entries)) as unknown),
        fc.dictionary(member, tie('value')),
        // Objects on either side of the size past which their keys are put in order by the built-in sort.
        fc.dictionary(member, fc.integer(), { minKeys: insertionSortedKeys - 4, maxKeys: insertionSortedKeys + 8 }),
      ),
    })).value;
    fc.assert(fc.property(values, (value) => canonicalJson(value) === byDefinition(value)));
  });

  it('hashes an event as the releases before did: chains they wrote still verify', () => {
    const event = {
      streamId: 'account-acc-1',
      revision: 7n,
      id: 'evt-7',
      type: 'PaymentReceived',
      data: { paymentId: 'pay-7', amount: 700, currency: 'USD', receivedOn: '2026-02-10', method: 'card' },
      metadata: { ...content(7).metadata, occurredOn: '2026-02-10' },
    };
    // Computed by the release at 17fb2cf: whatever the canonical JSON becomes, its text and so these hashes stay.
    expect(chained(event, chainStart, key).hash).toBe('489ceb25d39657293a675ade911d4a45e497d4143a4f5c8dae6faafbf8551373');
    const withIndexLikeKeys = { ...event, data: { ...event.data, allocations: { '10': 1, '2': 2, ' ': 3 }, notes: ['é', '\u2028', { b: 1, a: [null, 2] }] } };
    expect(chained(withIndexLikeKeys, chainStart, key).hash).toBe('210be38330ca4d98ec4c5d9829b0859c6f9d164e449df1ae2cb0045fa744004b');
    // Computed by the release at d3bcb62, before strings needing no escape were quoted as they stand.
    const withEscapes = { ...event, data: { ...event.data, note: 'a "quoted" \\ back\nslash\u0000\u001f', 'key "q"\t': ['\ud800 lone', 'pair 😀', '\udfff'] } };
    expect(chained(withEscapes, chainStart, key).hash).toBe('f68f7fc42f2b77bb5e5aacb20df3c39fe55e3d4b798148500c8f17e9bc866657');
  });
});

/** Canonical JSON as defined: JSON's text for a value, each object's defined members sorted by key, arrays' gaps as null. */
function byDefinition(value: unknown): string {
  if (Array.isArray(value)) return `[${Array.from(value as unknown[], (item) => byDefinition(item ?? null)).join(',')}]`;
  if (value === null || typeof value !== 'object') return ['undefined', 'function', 'symbol'].includes(typeof value) ? 'null' : JSON.stringify(value);
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .sort()
    .filter((name) => record[name] !== undefined);
  return `{${members.map((name) => `${JSON.stringify(name)}:${byDefinition(record[name])}`).join(',')}}`;
}
