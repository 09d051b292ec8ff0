import type { ProjectedDocument } from '../projection';
import { accountPartedFields } from '../read-models/account/account.stored-shape';
import { accountProjection, eventLog, facts, projectAll } from '../read-models/read-model.fixtures';
import { entriesKeptInline, fieldTrees, graftedDocument, partsMarked, splitDocument, valueAt, type StoredPart } from './stored-parts';

const fields = accountPartedFields;
const nothingStored = () => false;
const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);

/** An account with `payments` payments, alternately to `inv-1` and to an invoice whose id is `__proto__`, one a day. */
function accountPaid(payments: number) {
  const acc = eventLog()('acc-1');
  const events = [
    acc('AccountOpened', facts.opened('acc-1')),
    acc('InvoiceIssued', facts.invoice('inv-1', 1_000_000, '2026-01-01', '2026-01-31')),
    acc('InvoiceIssued', facts.invoice('__proto__', 1_000_000, '2026-01-01', '2026-01-31')),
    ...Array.from({ length: payments }, (_, n) =>
      acc('PaymentReceived', facts.payment(`pay-${n}`, 100, day(n), [{ invoiceId: n % 2 ? '__proto__' : 'inv-1', amount: 100 }]), `${day(n)}T12:00:00.000Z`),
    ),
  ];
  const documents = new Map<string, ProjectedDocument | null>();
  projectAll(accountProjection, events, documents);
  const paidAgain = (n: number) => {
    projectAll(
      accountProjection,
      [acc('PaymentReceived', facts.payment(`pay-${n}`, 100, day(n), [{ invoiceId: 'inv-1', amount: 100 }]), `${day(n)}T12:00:00.000Z`)],
      documents,
    );
    return documents.get('accounts/acc-1') as ProjectedDocument;
  };
  return { document: documents.get('accounts/acc-1') as ProjectedDocument, paidAgain };
}

/** What a store keeps of a split document, read back: its head and its parts as JSON. */
const readBack = (head: Record<string, unknown>, parts: StoredPart[]) => graftedDocument(asJson(head), fieldTrees(asJson(parts), fields), fields);

describe('an account document stored in parts', () => {
  it('keeps a field of few parts in its document: a small account is one document', () => {
    const { document } = accountPaid(5);
    const split = splitDocument(document, fields, nothingStored);
    expect(split.parts).toStrictEqual([]);
    expect(split.head).toBe(document);
  });

  it("stores each large field's parts apart, a mark in its place, and makes the document again from them", () => {
    const { document } = accountPaid(200);
    const split = splitDocument(document, fields, nothingStored);
    const partsOf = (path: string[]) => split.parts.filter((part) => path.every((segment, i) => part.path[i] === segment)).length;
    for (const path of [
      ['account', 'payments'],
      ['account', 'invoices', 'inv-1', 'paidOn'],
      ['account', 'invoices', '__proto__', 'paidOn'],
      ['kpis', 'days'],
    ]) {
      expect(partsMarked(valueAt(split.head, path))).toBe(partsOf(path));
    }
    // What the store keeps of the write: each field stored in parts, and how many it has.
    expect(split.marked).toStrictEqual(
      [
        ['account', 'payments'],
        ['account', 'invoices', 'inv-1', 'paidOn'],
        ['account', 'invoices', '__proto__', 'paidOn'],
        ['kpis', 'days'],
      ].map((path) => [path, partsOf(path)]),
    );
    expect(JSON.stringify(split.head).length).toBeLessThan(JSON.stringify(document).length / 10);
    // The payments' buckets, each invoice's days paid on, and the ledger's seven months.
    expect(split.parts.length).toBeGreaterThan(entriesKeptInline * 2);
    expect(split.parts.filter(({ path }) => path[0] === 'kpis')).toHaveLength(7);
    const whole = readBack(split.head, split.parts);
    expect(whole).toStrictEqual(asJson(document));
    expect(Object.hasOwn(valueAt(whole, ['account', 'invoices']) as object, '__proto__')).toBe(true);
  });

  it("writes again only the parts an event changed: one of the payments, one of the invoice's days paid on, the ledger's month", () => {
    const { document, paidAgain } = accountPaid(200);
    const stored = new Map<object, string>();
    const split = splitDocument(document, fields, nothingStored);
    for (const [value, path] of split.walked) stored.set(value, JSON.stringify(path));
    for (const { value, path } of split.parts) stored.set(value as object, JSON.stringify(path));
    const known = (value: object, path: readonly string[]) => stored.get(value) === JSON.stringify(path);

    const next = paidAgain(200);
    const again = splitDocument(next, fields, known);
    expect(again.parts.map(({ path }) => path.slice(0, 2).join('.'))).toStrictEqual(['account.payments', 'account.invoices', 'kpis.days']);
    expect(again.parts[1]?.path.slice(0, 4)).toStrictEqual(['account', 'invoices', 'inv-1', 'paidOn']);
    expect(again.parts[2]?.path).toStrictEqual(['kpis', 'days', 'y2026', '2026-07']);
    expect(
      readBack(again.head, [...split.parts.filter(({ path }) => !again.parts.some((part) => part.path.join() === path.join())), ...again.parts]),
    ).toStrictEqual(asJson(next));
  });

  it('makes no document of a head whose field has not the parts its mark counts, and leaves out parts whose field is back in the document', () => {
    const { document } = accountPaid(200);
    const split = splitDocument(document, fields, nothingStored);
    expect(
      readBack(
        split.head,
        split.parts.filter(({ path }) => path[1] !== 'payments'),
      ),
    ).toBeNull();
    expect(readBack(split.head, split.parts.slice(1))).toBeNull();

    const { document: small } = accountPaid(5);
    expect(readBack(small, split.parts)).toStrictEqual(asJson(small));
  });
});
