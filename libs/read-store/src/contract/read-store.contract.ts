import { randomUUID } from 'node:crypto';
import { LeaseLostError, type Query, type ReadDocument, type ReadStore, type Scalar } from '../read-store.port';

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
      await store.close();
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

    it('answers gets asked at once, across collections and for the same id, as each alone; an id with NUL is not found', async () => {
      const [accounts, lines] = [collection(), collection()];
      await store.apply([
        { kind: 'put', collection: accounts, document: { id: 'acc-1', status: 'open' } },
        { kind: 'put', collection: accounts, document: { id: 'acc-2', status: 'closed' } },
        { kind: 'put', collection: lines, document: { id: 'acc-1', score: 7 } },
      ]);

      const answers = await Promise.all(
        [
          [accounts, 'acc-2'],
          [accounts, 'acc-1'],
          [lines, 'acc-1'],
          [accounts, 'acc-1'],
          [accounts, 'acc-\u0000'],
          [lines, 'acc-9'],
        ].map(([c, id]) => store.get(c as string, id as string)),
      );

      expect(answers).toEqual([
        { id: 'acc-2', status: 'closed' },
        { id: 'acc-1', status: 'open' },
        { id: 'acc-1', score: 7 },
        { id: 'acc-1', status: 'open' },
        undefined,
        undefined,
      ]);
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
      expect(await ids({ where: [{ field: 'agent', op: 'in', value: [null, 'bob'] }] })).toEqual(['b', 'c', 'd']);
      expect(await ids({ where: [{ field: 'id', op: 'in', value: ['d', 'b', 'zz'] }] })).toEqual(['b', 'd']);
      expect(await ids({ where: [{ field: 'id', op: 'in', value: [] }] })).toEqual([]);
      expect(await ids({ where: [{ field: 'id', op: 'gt', value: 'b' }] })).toEqual(['c', 'd']);
      // A range on strings never matches numbers, and the reverse.
      expect(await ids({ where: [{ field: 'bucket', op: 'gt', value: 5 }] })).toEqual([]);
      // Membership compares by type too: the number 30 is not the string '30'.
      await store.apply([{ kind: 'put', collection: c, document: { id: 'e', bucket: 30 } }]);
      expect(await ids({ where: [{ field: 'bucket', op: 'in', value: [30, '31-60'] }] })).toEqual(['b', 'e']);
      expect(await ids({ where: [{ field: 'bucket', op: 'in', value: ['30'] }] })).toEqual([]);
    });

    it('pages by keyset: strictly after the last sort key, with mixed directions and ties', async () => {
      const c = collection();
      const scores = [5, 7, 7, 7, 10, 1];
      await store.apply(scores.map((score, i) => ({ kind: 'put', collection: c, document: { id: `a${i}`, score } })));
      const orderBy = [
        { field: 'score', direction: 'desc' as const },
        { field: 'id', direction: 'asc' as const },
      ];
      const seen: string[] = [];
      let after: (string | number)[] | undefined;
      for (;;) {
        const page = await store.find(c, { orderBy, limit: 2, ...(after ? { after } : {}) });
        if (page.length === 0) break;
        seen.push(...page.map((d) => d.id));
        const last = page[page.length - 1]!;
        after = [last.score as number, last.id];
      }
      expect(seen).toEqual(['a4', 'a1', 'a2', 'a3', 'a0', 'a5']);
    });

    it('finds the same documents walking an `in` value by value as filtering by it: merged, cut, paged, each value once', async () => {
      const c = collection();
      const byRank = [
        { field: 'rank', direction: 'desc' as const },
        { field: 'id', direction: 'asc' as const },
      ];
      const owners = ['x', 'y', 'z', 'x', 'y', 'x', 'w', 'y'];
      const ranks = [9, 9, 7, 5, 5, 3, 8, 1];
      await store.apply(owners.map((owner, i) => ({ kind: 'put', collection: c, document: { id: `a${i}`, owner, rank: ranks[i] ?? 0, state: i } })));
      await store.ensureIndexes(c, [{ name: 'by_owner_rank', fields: [{ field: 'owner', direction: 'asc' }, ...byRank] }]);
      const pages = async (query: Query) => {
        const seen: string[][] = [];
        let after: Scalar[] | undefined;
        for (let page = await store.find(c, query); page.length > 0; page = await store.find(c, { ...query, after })) {
          seen.push(page.map((document) => `${document.id}:${String(document.state)}`));
          const last = page[page.length - 1]!;
          after = [last.rank as number, last.id];
        }
        return seen;
      };
      const query = (owners: Scalar[]): Query => ({ where: [{ field: 'owner', op: 'in', value: owners }], orderBy: byRank, limit: 2 });

      expect(await pages({ ...query(['x', 'y', 'v']), walkEach: 'owner' })).toEqual([
        ['a0:0', 'a1:1'],
        ['a3:3', 'a4:4'],
        ['a5:5', 'a7:7'],
      ]);
      expect(await pages({ ...query(['x', 'y', 'v']), walkEach: 'owner' })).toEqual(await pages(query(['x', 'y', 'v'])));
      expect(await pages({ ...query(['y', 'x', 'y']), walkEach: 'owner', omit: ['state'] })).toEqual([
        ['a0:undefined', 'a1:undefined'],
        ['a3:undefined', 'a4:undefined'],
        ['a5:undefined', 'a7:undefined'],
      ]);
      expect(
        await store.find(c, { ...query(['z', 'w']), where: [...(query(['z', 'w']).where ?? []), { field: 'rank', op: 'lt', value: 8 }], walkEach: 'owner' }),
      ).toEqual([{ id: 'a2', owner: 'z', rank: 7, state: 2 }]);
      expect(await store.find(c, { ...query([]), walkEach: 'owner' })).toEqual([]);
      // Sorted by what it leaves out, as without the walk.
      const unranked = { ...query(['x', 'y', 'w']), limit: 3, omit: ['rank'] };
      expect(await store.find(c, { ...unranked, walkEach: 'owner' })).toEqual(await store.find(c, unranked));
      expect((await store.find(c, unranked)).map((document) => document.id)).toEqual(['a0', 'a1', 'a6']);
      // A null listed matches a document without the field, walked or not.
      await store.apply([{ kind: 'put', collection: c, document: { id: 'a8', rank: 6, state: 8 } }]);
      expect(await pages({ ...query([null, 'w']), walkEach: 'owner' })).toEqual([['a6:6', 'a8:8']]);
      expect(await pages(query([null, 'w']))).toEqual([['a6:6', 'a8:8']]);
    });

    it('leaves the omitted fields out of what it finds, and only those', async () => {
      const c = collection();
      await store.apply([
        { kind: 'put', collection: c, document: { id: 'a', rank: 2, state: { invoices: { 'inv-1': { paid: 0 } } }, line: { due: '2026-01-31' } } },
        { kind: 'put', collection: c, document: { id: 'b', rank: 1, line: null } },
      ]);
      const orderBy = [{ field: 'rank', direction: 'desc' as const }];
      expect(await store.find(c, { orderBy, omit: ['state', 'absent'] })).toEqual([
        { id: 'a', rank: 2, line: { due: '2026-01-31' } },
        { id: 'b', rank: 1, line: null },
      ]);
      expect(await store.find(c, { orderBy, omit: [] })).toEqual([
        { id: 'a', rank: 2, state: { invoices: { 'inv-1': { paid: 0 } } }, line: { due: '2026-01-31' } },
        { id: 'b', rank: 1, line: null },
      ]);
      expect(await store.find(c, { orderBy, omit: ['state.invoices', 'line.due', 'rank.absent'] })).toEqual([
        { id: 'a', rank: 2, state: {}, line: {} },
        { id: 'b', rank: 1, line: null },
      ]);
      expect(await store.find(c, { orderBy, omit: ['state.invoices', 'state', 'line.due', 'line.due'] })).toEqual([
        { id: 'a', rank: 2, line: {} },
        { id: 'b', rank: 1, line: null },
      ]);
      await expect(store.find(c, { omit: ['state..invoices'] })).rejects.toThrow(/Invalid field path/);
    });

    it('reads a document by id with the omitted fields left out, alongside reads of it whole', async () => {
      const c = collection();
      const document = { id: 'a', state: { payments: { p1: 100 }, status: 'open' }, kpis: { days: 3 } };
      await store.apply([{ kind: 'put', collection: c, document }]);
      const [slim, whole] = await Promise.all([store.get(c, 'a', { omit: ['kpis', 'state.payments'] }), store.get(c, 'a')]);
      expect(slim).toEqual({ id: 'a', state: { status: 'open' } });
      expect(whole).toEqual(document);
      expect(await store.get(c, 'absent', { omit: ['kpis'] })).toBeUndefined();
      await expect(store.get(c, 'a', { omit: ['state.'] })).rejects.toThrow(/Invalid field path/);
    });

    it('keeps a field named like a member of Object.prototype a field of the document it leaves fields out of', async () => {
      const c = collection();
      const document = JSON.parse('{"id":"a","__proto__":{"polluted":true},"state":{"__proto__":1,"payments":{},"status":"open"},"kpis":{}}') as ReadDocument;
      await store.apply([{ kind: 'put', collection: c, document }]);
      for (const slim of [await store.get(c, 'a', { omit: ['kpis', 'state.payments'] }), (await store.find(c, { omit: ['kpis', 'state.payments'] }))[0]]) {
        expect(Object.getPrototypeOf(slim)).toBe(Object.prototype);
        expect(Object.keys(slim ?? {})).toEqual(expect.arrayContaining(['__proto__', 'state']));
        expect(Object.getOwnPropertyDescriptor(slim, '__proto__')?.value).toEqual({ polluted: true });
        expect(Object.getOwnPropertyDescriptor(slim?.state, '__proto__')?.value).toBe(1);
        expect(slim).not.toHaveProperty('kpis');
        expect(slim?.state).not.toHaveProperty('payments');
        expect(slim?.polluted).toBeUndefined();
      }
    });

    it('grants a lease to one owner at a time, renews it with the same token, and hands it on with a greater one', async () => {
      const name = `lease-${randomUUID()}`;
      const first = await store.acquireLease(name, 'runner-1', 60_000);
      expect(first?.token).toBeDefined();
      expect(await store.acquireLease(name, 'runner-2', 60_000)).toBeUndefined();
      expect((await store.acquireLease(name, 'runner-1', 60_000))?.token).toBe(first!.token);
      await store.releaseLease(first!);
      const second = await store.acquireLease(name, 'runner-2', 60_000);
      expect(second!.token).toBeGreaterThan(first!.token);
      const taken = await store.acquireLease(name, 'rebuild', 60_000, { takeOver: true });
      expect(taken!.token).toBeGreaterThan(second!.token);
    });

    it('lets an expired lease go to the next owner', async () => {
      const name = `lease-${randomUUID()}`;
      const first = await store.acquireLease(name, 'runner-1', 50);
      await new Promise((resolve) => setTimeout(resolve, 150));
      const next = await store.acquireLease(name, 'runner-2', 60_000);
      expect(next!.token).toBeGreaterThan(first!.token);
    });

    it('refuses a write fenced by a lease that has passed on, and stores none of it', async () => {
      const c = collection();
      const name = `p-${randomUUID()}`;
      const stale = (await store.acquireLease(name, 'runner-1', 60_000))!;
      await store.apply([{ kind: 'put', collection: c, document: { id: 'a', n: 1 } }], { name, position: 5n, fence: stale.token });
      const current = (await store.acquireLease(name, 'runner-2', 60_000, { takeOver: true }))!;
      const write = store.apply([{ kind: 'put', collection: c, document: { id: 'a', n: 2 } }], { name, position: 9n, fence: stale.token });
      await expect(write).rejects.toBeInstanceOf(LeaseLostError);
      expect(await store.get(c, 'a')).toEqual({ id: 'a', n: 1 });
      expect(await store.checkpoint(name)).toBe(5n);
      await store.apply([{ kind: 'put', collection: c, document: { id: 'a', n: 3 } }], { name, position: 9n, fence: current.token });
      expect(await store.checkpoint(name)).toBe(9n);
    });

    it('replaces a collection with another and sets the checkpoint in one step, fenced by the lease', async () => {
      const live = collection();
      const fresh = collection();
      const name = `p-${randomUUID()}`;
      const lease = (await store.acquireLease(name, 'rebuild', 60_000))!;
      const index = [{ name: 'by_n', fields: [{ field: 'n', direction: 'asc' as const }] }];
      await store.ensureIndexes(live, index);
      await store.ensureIndexes(fresh, index);
      await store.apply([{ kind: 'put', collection: live, document: { id: 'old', n: 1 } }], { name, position: 3n });
      await store.apply([{ kind: 'put', collection: fresh, document: { id: 'new', n: 2 } }]);
      await expect(store.replaceCollection(fresh, live, { name, position: 8n, fence: lease.token + 1n })).rejects.toBeInstanceOf(LeaseLostError);
      expect((await store.find(live)).map((d) => d.id)).toEqual(['old']);
      await store.replaceCollection(fresh, live, { name, position: 8n, fence: lease.token, version: 2 });
      expect((await store.find(live)).map((d) => d.id)).toEqual(['new']);
      expect(await store.find(fresh)).toEqual([]);
      expect([await store.checkpoint(name), await store.version(name)]).toEqual([8n, 2]);
      // The indexes came along and the names are free for the next rebuild.
      await store.ensureIndexes(fresh, index);
      expect(await store.find(live, { where: [{ field: 'n', op: 'gt', value: 1 }], orderBy: index[0]!.fields })).toHaveLength(1);
      await store.dropCollection(live);
      expect(await store.find(live)).toEqual([]);
    });

    it('records a projection version with its checkpoint, and keeps it through writes that carry none', async () => {
      const name = `p-${randomUUID()}`;
      expect(await store.version(name)).toBeUndefined();
      await store.apply([], { name, position: 1n });
      expect(await store.version(name)).toBe(1); // recorded before versions were declared
      await store.apply([], { name, position: 2n, version: 3 });
      await store.apply([], { name, position: 4n });
      expect([await store.checkpoint(name), await store.version(name)]).toEqual([4n, 3]);
    });

    it('creates indexes for query paths, idempotently', async () => {
      const c = collection();
      const indexes = [
        {
          name: 'by_priority',
          fields: [
            { field: 'score.total', direction: 'desc' as const },
            { field: 'id', direction: 'asc' as const },
          ],
        },
      ];
      await store.ensureIndexes(c, indexes);
      await store.ensureIndexes(c, indexes);
      await store.apply([{ kind: 'put', collection: c, document: { id: 'x', score: { total: 3 } } }]);
      expect(await store.find(c, { orderBy: indexes[0]!.fields })).toHaveLength(1);
    });

    it('lands every put of writers that meet a collection not made yet, at once', async () => {
      const c = collection();

      await Promise.all(Array.from({ length: 16 }, (_, n) => store.apply([{ kind: 'put', collection: c, document: { id: `d-${n}` } }])));

      expect(await store.find(c)).toHaveLength(16);
    });

    it('refuses collection and field names that are not plain names', async () => {
      await expect(store.get('users; drop table x', 'a')).rejects.toThrow(/collection/);
      await expect(store.find(collection(), { where: [{ field: "a') or ('1'='1", op: 'eq', value: 1 }] })).rejects.toThrow(/field/);
    });
  });
}
