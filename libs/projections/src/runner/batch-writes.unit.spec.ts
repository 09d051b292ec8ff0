import type { ReadStore } from '@arrears/read-store';
import { shadowOf, unchanged, type ProjectedDocument } from '../projection';
import { applyEvent, batchWrites } from './batch-writes';
import { accountProjection, eventLog, facts, projectAll } from '../read-models/read-model.fixtures';

const on = eventLog();
const acc = on('acc-1');
const history = [
  acc('AccountOpened', facts.opened('acc-1'), '2026-01-05T09:00:00.000Z'),
  acc('InvoiceIssued', facts.invoice('inv-1', 10_000, '2026-01-05', '2026-02-04'), '2026-01-05T09:00:00.000Z'),
  acc('PaymentReceived', facts.payment('pay-1', 3_000, '2026-02-10', [{ invoiceId: 'inv-1', amount: 3_000 }]), '2026-02-10T10:00:00.000Z'),
  acc('PaymentMissed', { invoiceId: 'inv-1', dueOn: '2026-02-04', overdueAmount: 7_000, currency: 'EUR', missedOn: '2026-02-05' }, '2026-02-10T11:00:00.000Z'),
];

/**
 * A store holding `stored` documents by collection, answering every load at once, and what it was asked for: the
 * collection of each load, and each document it named (as `collection/id`).
 */
function storeHolding(stored: Record<string, ProjectedDocument[]> = {}) {
  const asked = { collections: [] as string[], documents: [] as string[] };
  const store = {
    find: (collection: string, query: { where: { value: string[] }[] }) => {
      asked.collections.push(collection);
      asked.documents.push(...(query.where[0]?.value ?? []).map((id) => `${collection}/${id}`));
      return Promise.resolve(stored[collection] ?? []);
    },
  } as unknown as ReadStore;
  return { store, asked };
}

// The store before anything was written: every load finds nothing, at once.
const emptyStore = storeHolding().store;

describe('applying an event', () => {
  it('changes only the documents that have not seen it: a rebuild stopped between two collections resumes', () => {
    const whole = projectAll(accountProjection, history);
    // The worklist and the KPIs were replaced by their rebuilt collections; the accounts were not yet.
    const mixed = new Map([...whole].map(([key, document]) => [key, key.startsWith('accounts/') ? null : document]));
    for (const [key, document] of projectAll(accountProjection, history.slice(0, 2))) if (key.startsWith('accounts/')) mixed.set(key, document);
    expect(projectAll(accountProjection, history, mixed)).toEqual(whole);
  });
});

describe('a recomputed document (a worklist line, made from its account)', () => {
  /** The collections a batch of `history` asks the store for, and the documents it leaves. */
  async function folded(projection: typeof accountProjection) {
    const { store, asked } = storeHolding();
    const { documents } = await batchWrites(store, projection, history, 'quarantine');
    return { asked: asked.collections, documents };
  }

  it('is never loaded: evolve makes it again from the account', async () => {
    const { asked, documents } = await folded(accountProjection);
    expect(asked).not.toContain('worklist');
    expect(documents.get('worklist/acc-1')).toEqual(projectAll(accountProjection, history).get('worklist/acc-1'));
  });

  it('is not loaded into a rebuild’s shadow either', async () => {
    const { asked, documents } = await folded(shadowOf(accountProjection));
    expect(asked).toContain('accounts__rebuild');
    expect(asked).not.toContain('worklist__rebuild');
    expect(documents.get('worklist__rebuild/acc-1')).toEqual(projectAll(accountProjection, history).get('worklist/acc-1'));
  });

  const [, , payment, missed] = history;
  const storedLine = { id: 'acc-1', position: 1, stored: 'as it was' };

  it('is left alone by an event its account has seen, as a replay is', () => {
    const documents = new Map<string, ProjectedDocument | null>(projectAll(accountProjection, history));
    documents.set('worklist/acc-1', storedLine);
    expect(missed && applyEvent(accountProjection, documents, missed)).toEqual([]);
    expect(documents.get('worklist/acc-1')).toBe(storedLine);
  });

  it('is left alone while a document loaded with it has seen the event: a rebuild stopped between collections', () => {
    // The KPIs (and the line) were replaced by their rebuilt collections; the account was not yet.
    const documents = new Map<string, ProjectedDocument | null>(projectAll(accountProjection, history));
    for (const [key, document] of projectAll(accountProjection, history.slice(0, 2))) if (key.startsWith('accounts/')) documents.set(key, document);
    documents.set('worklist/acc-1', storedLine);
    const changed = payment ? applyEvent(accountProjection, documents, payment) : [];
    expect(changed.map(({ collection }) => collection)).toEqual(['accounts']);
    expect(documents.get('worklist/acc-1')).toBe(storedLine);
  });
});

describe('a worklist line an event leaves as it was', () => {
  // A hold in force to the 12th (its last day) keeps the account off the list; a note changes nothing the line shows.
  const held = [...history, acc('HoldPlaced', { holdId: 'hold-1', reason: 'bereavement', until: '2026-02-12' }, '2026-02-10T12:00:00.000Z')];
  const noteOn = (day: string) => acc('NoteAdded', { text: 'Called back.' }, `${day}T09:00:00.000Z`);
  const [lastDayOfHold, dayAfterHold] = [noteOn('2026-02-12'), noteOn('2026-02-13')];
  const projected = () => new Map<string, ProjectedDocument | null>(projectAll(accountProjection, held));

  it('is not written again: it keeps the position of the event that made it', () => {
    const documents = projected();
    const line = documents.get('worklist/acc-1');
    expect(line).toMatchObject({ listed: false });
    expect(applyEvent(accountProjection, documents, lastDayOfHold).map(({ collection }) => collection)).toEqual(['accounts', 'kpis', 'kpis', 'kpis', 'kpis']);
    expect(documents.get('worklist/acc-1')).toBe(line);
  });

  it('is written when the day alone changes it: the day after the hold, the account is listed again', () => {
    const documents = projected();
    expect(applyEvent(accountProjection, documents, dayAfterHold).map(({ collection }) => collection)).toContain('worklist');
    expect(documents.get('worklist/acc-1')).toMatchObject({ listed: true, position: Number(dayAfterHold.position) });
  });

  it('is compared with the line made again from the account as stored, when the batch has not made it', async () => {
    const stored = JSON.parse(JSON.stringify(projected().get('accounts/acc-1'))) as ProjectedDocument;
    const { store } = storeHolding({ accounts: [stored] });
    const written = async (event: (typeof held)[number]) =>
      (await batchWrites(store, accountProjection, [event], 'quarantine')).writes.map(({ collection }) => collection);
    expect(await written(lastDayOfHold)).not.toContain('worklist');
    expect(await written(dayAfterHold)).toContain('worklist');
    const paidThatDay = acc(
      'PaymentReceived',
      facts.payment('pay-2', 1_000, '2026-02-10', [{ invoiceId: 'inv-1', amount: 1_000 }]),
      '2026-02-10T15:00:00.000Z',
    );
    expect(await written(paidThatDay)).toContain('worklist');
  });

  it('is the only kind of document left unwritten: a loaded one left unchanged is written at the event’s position', () => {
    const leavesAll: typeof accountProjection = { ...accountProjection, evolve: (documents) => documents.map(() => unchanged) };
    const documents = projected();
    const before = new Map(documents);
    const changed = applyEvent(leavesAll, documents, lastDayOfHold);
    // The note's month documents are written at its position; its day's do not exist, and are not made.
    expect(changed.map(({ collection, id }) => `${collection}/${id}`)).toEqual(['accounts/acc-1', 'kpis/month:cred-1:2026-02', 'kpis/month:*:2026-02']);
    for (const key of ['accounts/acc-1', 'kpis/month:cred-1:2026-02', 'kpis/month:*:2026-02']) {
      expect(documents.get(key)).toEqual({ ...before.get(key), position: Number(lastDayOfHold.position) });
    }
    expect([...documents.keys()]).toEqual([...before.keys()]);
    expect(documents.get('worklist/acc-1')).toBe(before.get('worklist/acc-1'));
  });

  it('is written once, as the batch changed it, when a later event of the batch leaves it so', async () => {
    const { writes } = await batchWrites(emptyStore, accountProjection, [...held, lastDayOfHold], 'quarantine');
    expect(writes.filter(({ collection }) => collection === 'worklist')).toEqual([
      { kind: 'put', collection: 'worklist', document: projected().get('worklist/acc-1') },
    ]);
  });
});

describe('folding a batch while the one before it is written', () => {
  it('takes the documents that batch leaves from its outcome, not from the store, which does not have them yet', async () => {
    // The store as it is while the first batch's write is in flight: empty.
    const { store, asked } = storeHolding();
    const first = await batchWrites(store, accountProjection, history.slice(0, 2), 'quarantine');
    asked.documents.length = 0;
    const second = await batchWrites(store, accountProjection, history.slice(2), 'quarantine', first.held, first.documents);
    expect(asked.documents.filter((key) => first.documents.has(key))).toEqual([]);
    expect(new Map([...second.documents].filter(([key]) => key.startsWith('accounts/') || key.startsWith('worklist/')))).toEqual(
      new Map([...projectAll(accountProjection, history)].filter(([key]) => key.startsWith('accounts/') || key.startsWith('worklist/'))),
    );
  });
});

describe('the writes of a batch', () => {
  const acc2 = on('acc-2');
  const twoAccounts = [
    ...history.slice(0, 2),
    acc2('AccountOpened', facts.opened('acc-2'), '2026-01-06T09:00:00.000Z'),
    acc2('InvoiceIssued', facts.invoice('inv-1', 5_000, '2026-01-06', '2026-02-05'), '2026-01-06T09:00:00.000Z'),
  ];

  it("keep each collection's documents together, whatever order the events changed them in", async () => {
    const { writes } = await batchWrites(emptyStore, accountProjection, twoAccounts, 'quarantine');
    const collections = writes.map((write) => write.collection);
    // Each collection's writes form one run: a collection never appears again after another one.
    expect(collections.filter((collection, i) => collection !== collections[i - 1])).toEqual([...new Set(collections)]);
    expect(new Set(collections)).toEqual(new Set(['accounts', 'worklist', 'kpis']));
  });
});

describe('folding a long batch', () => {
  it('lets the event loop turn now and then (the write before it is flowing), and folds every event', async () => {
    const long = Array.from({ length: 200 }, (_, i) => on(`acc-${i}`)('AccountOpened', facts.opened(`acc-${i}`), '2026-01-05T09:00:00.000Z'));
    let [turns, counting] = [0, true];
    const tick = () => {
      if (!counting) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    const { writes } = await batchWrites(emptyStore, accountProjection, long, 'quarantine');
    counting = false;
    expect(writes.filter((write) => write.collection === 'accounts')).toHaveLength(200);
    // Without a turn, the fold would end within one: its store answers at once, without I/O.
    expect(turns).toBeGreaterThanOrEqual(3);
  });
});
