import { randomUUID } from 'node:crypto';
import type { ReadStore } from '../read-store.port';

/**
 * The read store contract: every adapter runs this same suite. Each test uses its own collection.
 */
export function readStoreContract(name: string, create: () => Promise<ReadStore>): void {
  describe(`read store contract: ${name}`, () => {
    let store: ReadStore;
    const collection = () => `c_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    beforeAll(async () => {
      store = await create();
    });
    afterAll(async () => {
      await store?.close();
    });

    it('puts, gets and deletes documents, nested values included; a missing one is undefined', async () => {
      const c = collection();
      const account = { id: 'acc-1', status: 'open', balances: { total: 12500, overdue: 0 }, invoices: [{ id: 'inv-1' }] };
      await store.apply([{ kind: 'put', collection: c, document: account }]);
      expect(await store.get(c, 'acc-1')).toEqual(account);
      await store.apply([{ kind: 'put', collection: c, document: { id: 'acc-1', status: 'closed' } }]);
      expect(await store.get(c, 'acc-1')).toEqual({ id: 'acc-1', status: 'closed' });
      await store.apply([{ kind: 'delete', collection: c, id: 'acc-1' }]);
      expect(await store.get(c, 'acc-1')).toBeUndefined();
      expect(await store.get(collection(), 'nothing')).toBeUndefined();
    });

    it('updates fields: sets nested paths, increments from zero, and upserts only when asked', async () => {
      const c = collection();
      await store.apply([
        { kind: 'update', collection: c, id: 'k', set: { 'day.label': 'Mon' }, increment: { 'day.collected': 500 }, upsert: true },
        { kind: 'update', collection: c, id: 'k', increment: { 'day.collected': 250, count: 1 } },
        { kind: 'update', collection: c, id: 'absent', set: { x: 1 } },
      ]);
      expect(await store.get(c, 'k')).toEqual({ id: 'k', day: { label: 'Mon', collected: 750 }, count: 1 });
      expect(await store.get(c, 'absent')).toBeUndefined();
    });

    it('applies a batch and its checkpoint all or nothing', async () => {
      const c = collection();
      const projection = `p-${randomUUID()}`;
      expect(await store.checkpoint(projection)).toBeUndefined();
      await store.apply([{ kind: 'put', collection: c, document: { id: 'a', label: 'text' } }], { name: projection, position: 10n });
      expect(await store.checkpoint(projection)).toBe(10n);
      const failing = store.apply(
        [
          { kind: 'put', collection: c, document: { id: 'b', n: 1 } },
          { kind: 'update', collection: c, id: 'a', increment: { label: 1 } }, // not a number: fails
        ],
        { name: projection, position: 20n },
      );
      await expect(failing).rejects.toThrow();
      expect(await store.get(c, 'b')).toBeUndefined();
      expect(await store.checkpoint(projection)).toBe(10n);
    });

    it('compares and sorts numbers as numbers, not as text', async () => {
      const c = collection();
      const amounts = [9, 10, 100, 2.5, -3, 1000];
      await store.apply(amounts.map((amount, i) => ({ kind: 'put', collection: c, document: { id: `d${i}`, amount, nested: { amount } } })));
      const above = await store.find(c, { where: [{ field: 'amount', op: 'gt', value: 9 }], orderBy: [{ field: 'amount', direction: 'asc' }] });
      expect(above.map((d) => d.amount)).toEqual([10, 100, 1000]);
      const sorted = await store.find(c, { orderBy: [{ field: 'nested.amount', direction: 'desc' }] });
      expect(sorted.map((d) => d.amount)).toEqual([1000, 100, 10, 9, 2.5, -3]);
      const between = await store.find(c, {
        where: [
          { field: 'nested.amount', op: 'gte', value: 2.5 },
          { field: 'nested.amount', op: 'lt', value: 100 },
        ],
        orderBy: [{ field: 'amount', direction: 'asc' }],
        limit: 2,
      });
      expect(between.map((d) => d.amount)).toEqual([2.5, 9]);
    });

    it('filters by equality, inequality, membership and id, with missing and null fields as MongoDB treats them', async () => {
      const c = collection();
      await store.apply([
        { kind: 'put', collection: c, document: { id: 'a', agent: 'ann', bucket: '1-30' } },
        { kind: 'put', collection: c, document: { id: 'b', agent: 'bob', bucket: '31-60' } },
        { kind: 'put', collection: c, document: { id: 'c', agent: null, bucket: '1-30' } },
        { kind: 'put', collection: c, document: { id: 'd', bucket: '61-90' } },
      ]);
      const ids = async (where: Parameters<ReadStore['find']>[1]) =>
        (await store.find(c, { ...where, orderBy: [{ field: 'id', direction: 'asc' }] })).map((d) => d.id);
      expect(await ids({ where: [{ field: 'agent', op: 'eq', value: 'ann' }] })).toEqual(['a']);
      expect(await ids({ where: [{ field: 'agent', op: 'ne', value: 'ann' }] })).toEqual(['b', 'c', 'd']);
      expect(await ids({ where: [{ field: 'agent', op: 'eq', value: null }] })).toEqual(['c', 'd']);
      expect(await ids({ where: [{ field: 'bucket', op: 'in', value: ['1-30', '61-90'] }] })).toEqual(['a', 'c', 'd']);
      expect(await ids({ where: [{ field: 'id', op: 'gt', value: 'b' }] })).toEqual(['c', 'd']);
      // A range on strings never matches numbers, and the reverse.
      expect(await ids({ where: [{ field: 'bucket', op: 'gt', value: 5 }] })).toEqual([]);
    });

    it('creates indexes for query paths, idempotently', async () => {
      const c = collection();
      const indexes = [{ name: 'by_priority', fields: [{ field: 'score.total', direction: 'desc' as const }, { field: 'id', direction: 'asc' as const }] }];
      await store.ensureIndexes(c, indexes);
      await store.ensureIndexes(c, indexes);
      await store.apply([{ kind: 'put', collection: c, document: { id: 'x', score: { total: 3 } } }]);
      expect(await store.find(c, { orderBy: indexes[0]!.fields })).toHaveLength(1);
    });

    it('refuses collection and field names that are not plain names', async () => {
      await expect(store.get('users; drop table x', 'a')).rejects.toThrow(/collection/);
      await expect(store.find(collection(), { where: [{ field: "a') or ('1'='1", op: 'eq', value: 1 }] })).rejects.toThrow(/field/);
    });
  });
}
