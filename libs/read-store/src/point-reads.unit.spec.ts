import { setImmediate as turn } from 'node:timers/promises';
import { PointReads, type FindByIds } from './point-reads';
import type { ReadDocument } from './read-store.port';

/** A store holding `documents` by collection, recording every lookup it is asked for. */
function storeOf(documents: Record<string, ReadDocument[]>) {
  const lookups: { collection: string; ids: string[] }[] = [];
  let failing: Error | undefined;
  const findByIds: FindByIds = (collection, ids) => {
    lookups.push({ collection, ids });
    if (failing) return Promise.reject(failing);
    const held = new Map((documents[collection] ?? []).map((document) => [document.id, structuredClone(document)]));
    return Promise.resolve(new Map(ids.flatMap((id) => (held.has(id) ? [[id, held.get(id) as ReadDocument]] : []))));
  };
  return { lookups, findByIds, fail: (error?: Error) => (failing = error) };
}

describe('point reads', () => {
  const accounts = [
    { id: 'acc-1', status: 'open' },
    { id: 'acc-2', status: 'closed' },
  ];

  it('sends the reads asked for in one turn as one lookup per collection, each id once', async () => {
    const store = storeOf({ accounts, worklist: [{ id: 'acc-1', score: 3 }] });
    const reads = new PointReads(store.findByIds);

    const answers = await Promise.all([
      reads.get('accounts', 'acc-1'),
      reads.get('accounts', 'acc-2'),
      reads.get('accounts', 'acc-1'),
      reads.get('worklist', 'acc-1'),
    ]);

    expect(answers).toEqual([accounts[0], accounts[1], accounts[0], { id: 'acc-1', score: 3 }]);
    expect(store.lookups).toEqual([
      { collection: 'accounts', ids: ['acc-1', 'acc-2'] },
      { collection: 'worklist', ids: ['acc-1'] },
    ]);
  });

  it('splits a flood of reads in one turn into bounded lookups', async () => {
    const many = Array.from({ length: 450 }, (_, index) => ({ id: `acc-${index}` }));
    const store = storeOf({ accounts: many });
    const reads = new PointReads(store.findByIds);

    expect(await Promise.all(many.map(({ id }) => reads.get('accounts', id)))).toEqual(many);
    expect(store.lookups.map(({ ids }) => ids.length)).toEqual([200, 200, 50]);
  });

  it('gives each reader of the same id a document of its own', async () => {
    const reads = new PointReads(storeOf({ accounts }).findByIds);

    const [first, second] = await Promise.all([reads.get('accounts', 'acc-1'), reads.get('accounts', 'acc-1')]);

    expect(second).toEqual(first);
    expect(second).not.toBe(first);
  });

  it('answers undefined for an id no document has', async () => {
    const reads = new PointReads(storeOf({ accounts }).findByIds);

    expect(await Promise.all([reads.get('accounts', 'acc-9'), reads.get('ledgers', 'acc-1')])).toEqual([undefined, undefined]);
  });

  it('sends reads of later turns apart', async () => {
    const store = storeOf({ accounts });
    const reads = new PointReads(store.findByIds);

    const first = reads.get('accounts', 'acc-1');
    await turn();
    const second = reads.get('accounts', 'acc-2');

    expect(await Promise.all([first, second])).toEqual(accounts);
    expect(store.lookups.map(({ ids }) => ids)).toEqual([['acc-1'], ['acc-2']]);
  });

  it('fails every read of a lookup that fails, and asks again for the next ones', async () => {
    const store = storeOf({ accounts });
    const reads = new PointReads(store.findByIds);
    store.fail(new Error('connection terminated'));

    const failed = await Promise.allSettled([reads.get('accounts', 'acc-1'), reads.get('accounts', 'acc-2')]);
    store.fail(undefined);

    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(await reads.get('accounts', 'acc-2')).toEqual(accounts[1]);
  });
});
