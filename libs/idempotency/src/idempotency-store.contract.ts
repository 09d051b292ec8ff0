import type { IdempotencyStore } from './idempotency.store';

/** What every IdempotencyStore must do; run against each implementation. */
export function idempotencyStoreContract(name: string, create: () => Promise<{ store: IdempotencyStore; advance: (ms: number) => void }>) {
  describe(`idempotency store contract: ${name}`, () => {
    let store: IdempotencyStore;
    let advance: (ms: number) => void;
    let n = 0;
    const key = () => `test-key-${Date.now()}-${n++}`;
    beforeAll(async () => {
      ({ store, advance } = await create());
    });
    afterAll(async () => {
      await store.close();
    });

    it('reserves a new key once; a second claim sees the first still running', async () => {
      const k = key();
      expect(await store.reserve(k, 'fp-1', 30_000)).toEqual({ outcome: 'reserved' });
      expect(await store.reserve(k, 'fp-1', 30_000)).toEqual({ outcome: 'in_progress', fingerprint: 'fp-1' });
    });

    it('returns the stored response to a retry, with the fingerprint of the first request', async () => {
      const k = key();
      await store.reserve(k, 'fp-1', 30_000);
      await store.complete(k, { statusCode: 201, body: { revision: 3 } });
      expect(await store.reserve(k, 'fp-1', 30_000)).toEqual({
        outcome: 'completed',
        fingerprint: 'fp-1',
        response: { statusCode: 201, body: { revision: 3 } },
      });
      expect(await store.reserve(k, 'fp-2', 30_000)).toMatchObject({ outcome: 'completed', fingerprint: 'fp-1' });
    });

    it('gives a released key to the next request', async () => {
      const k = key();
      await store.reserve(k, 'fp-1', 30_000);
      await store.release(k);
      expect(await store.reserve(k, 'fp-1', 30_000)).toEqual({ outcome: 'reserved' });
    });

    it('lets the same request take over a key whose lease ran out (its first try died), but not another request', async () => {
      const k = key();
      await store.reserve(k, 'fp-1', 1_000);
      advance(1_500);
      expect(await store.reserve(k, 'fp-2', 1_000)).toEqual({ outcome: 'in_progress', fingerprint: 'fp-1' });
      expect(await store.reserve(k, 'fp-1', 1_000)).toEqual({ outcome: 'reserved' });
    });
  });
}
