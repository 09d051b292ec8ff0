import { createHash } from 'node:crypto';
import type { ProjectedDocument } from '../projection';
import { readModelShapes } from '../read-models';
import { accountProjection, eventLog, facts, projectAll, type DataOf } from '../read-models/read-model.fixtures';
import { absentMark, deepEqual, filled, readableField, recordShape, slimmed, structShape, type StoredShape } from './stored-shape';

const invoice = structShape({ paid: 0, missed: false, terms: { graceDays: 0 } });
const shape = structShape({ status: 'open', credit: 0, holds: {}, blockedChannels: [], claim: null }, { invoices: recordShape(invoice) });

describe('a document stored without its defaults', () => {
  it('leaves out the fields equal to their default, at every level the shape knows, and puts them back when read', () => {
    const account = {
      status: 'open',
      credit: 250,
      holds: {},
      blockedChannels: ['sms'],
      claim: null,
      invoices: {
        'inv-1': { paid: 0, missed: false, terms: { graceDays: 0 } },
        'inv-2': { paid: 500, missed: true, terms: { graceDays: 5, lateFee: { amount: 100 } } },
      },
      creditPolicy: { limit: 1_000 },
    };
    const stored = slimmed(account, shape);
    expect(stored).toStrictEqual({
      credit: 250,
      blockedChannels: ['sms'],
      invoices: { 'inv-1': {}, 'inv-2': { paid: 500, missed: true, terms: { graceDays: 5, lateFee: { amount: 100 } } } },
      creditPolicy: { limit: 1_000 },
    });
    expect(filled(JSON.parse(JSON.stringify(stored)), shape)).toStrictEqual(account);
  });

  it('puts back no default for the fields a read left out, at any level of its struct fields', () => {
    const nested = structShape({ status: 'open', terms: { graceDays: 0, lateFee: null } });
    expect(filled({ terms: { graceDays: 5 } }, nested, [['status'], ['terms', 'lateFee']])).toStrictEqual({ terms: { graceDays: 5 } });
    expect(filled({}, nested, [['terms']])).toStrictEqual({ status: 'open' });
  });

  it('keeps absent what a document stored before a field existed lacks', () => {
    const older = { status: 'closed', credit: 0, invoices: {} };
    const stored = slimmed(older, shape);
    expect(stored).toStrictEqual({ status: 'closed', invoices: {}, [absentMark]: ['holds', 'blockedChannels', 'claim'] });
    expect(filled(stored, shape)).toStrictEqual(older);
  });

  it('holds a field set to undefined absent, as JSON does', () => {
    const stored = slimmed({ status: 'open', credit: undefined, holds: {}, blockedChannels: [], claim: null, invoices: {} }, shape);
    expect(stored).toStrictEqual({ invoices: {}, [absentMark]: ['credit'] });
    expect(filled(stored, shape)).not.toHaveProperty('credit');
  });

  it('keeps its defaults apart from the template it was made from', () => {
    const template = { tags: ['a'] };
    const tagged = structShape(template);
    template.tags.push('b');
    expect(filled({}, tagged)).toStrictEqual({ tags: ['a'] });
    expect(Object.isFrozen(tagged.defaults.tags)).toBe(true);
  });

  it('gives every document read its own copy of an object default', () => {
    const [first, second] = [filled({}, shape), filled({}, shape)] as Record<string, unknown[]>[];
    first!.blockedChannels!.push('call');
    expect(second!.blockedChannels).toStrictEqual([]);
    expect(filled({}, shape)).toMatchObject({ blockedChannels: [] });
  });

  it('keeps an id such as __proto__ an entry of its record, never the prototype', () => {
    const account = JSON.parse(
      '{"status":"open","credit":0,"holds":{},"blockedChannels":[],"claim":null,"invoices":{"__proto__":{"paid":7,"missed":false,"terms":{"graceDays":0}}}}',
    ) as Record<string, unknown>;
    const read = filled(JSON.parse(JSON.stringify(slimmed(account, shape))), shape) as { invoices: object };
    expect(Object.hasOwn(read.invoices, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(read.invoices)).toBe(Object.prototype);
    expect(read).toStrictEqual(account);
  });

  it('compares as JSON does: arrays in order, objects in any key order', () => {
    expect(deepEqual({ a: [1, { b: null }], c: 'x' }, { c: 'x', a: [1, { b: null }] })).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual({}, [])).toBe(false);
    expect(deepEqual({ a: undefined }, { b: undefined })).toBe(false);
    expect(deepEqual(0, false)).toBe(false);
  });
});

describe('the account fold stored slim', () => {
  const acc = eventLog()('acc-1');
  const dispute: DataOf<'DisputeRaised'> = { disputeId: 'd-1', invoiceId: 'inv-1', reason: 'not mine', amount: 2_000, currency: 'EUR', raisedOn: '2026-02-20' };
  const history = [
    acc('AccountOpened', facts.opened('acc-1')),
    acc('InvoiceIssued', facts.invoice('inv-1', 10_000, '2026-01-05', '2026-02-04')),
    acc('InvoiceIssued', { ...facts.invoice('inv-2', 4_000, '2026-02-01', '2026-03-03'), terms: { graceDays: 3 } }),
    acc('PaymentReceived', facts.payment('pay-1', 3_000, '2026-02-10', [{ invoiceId: 'inv-1', amount: 3_000 }])),
    acc('PaymentMissed', { invoiceId: 'inv-1', dueOn: '2026-02-04', overdueAmount: 7_000, currency: 'EUR', missedOn: '2026-02-05' }),
    acc('ContactAttempted', { channel: 'call', direction: 'outbound', outcome: 'no_answer', at: '2026-02-12T15:00:00.000Z' }),
    acc('PromiseToPayMade', { promiseId: 'p-1', amount: 1_000, currency: 'EUR', dueOn: '2026-02-25', graceDays: 0, madeOn: '2026-02-15' }),
    acc('DisputeRaised', dispute),
    acc('HoldPlaced', { holdId: 'h-1', reason: 'bereavement', until: '2026-03-20' }),
    acc('AccountClaimed', { agentId: 'agent-1', until: '2026-03-10T10:30:00.000Z' }),
  ];
  const storedAs = (document: ProjectedDocument, collection: string) => {
    const shape = readModelShapes.get(collection);
    if (!shape) throw new Error(`${collection} has no stored shape`);
    return JSON.parse(JSON.stringify(slimmed(document, shape))) as ProjectedDocument & Record<string, unknown>;
  };

  it.each(history.map((_, index) => [index + 1]))('reads back every account document and worklist line as folded, after %i events', (count) => {
    const documents = projectAll(accountProjection, history.slice(0, count));
    for (const [key, document] of documents) {
      const collection = key.split('/')[0]!;
      const shape = readModelShapes.get(collection);
      if (shape) expect(filled(storedAs(document, collection), shape)).toStrictEqual(JSON.parse(JSON.stringify(document)));
    }
  });

  it('lets queries read the fields no document leaves out, and no other', () => {
    const [accounts, worklist] = [readModelShapes.get('accounts')!, readModelShapes.get('worklist')!];
    for (const field of ['id', 'creditorId', 'wakeOn', 'account.debtor.reference']) expect(readableField(accounts, field)).toBe(true);
    for (const field of ['account.status', 'account.credit', 'account.invoices.inv-1.paid', 'account.interactions.callsMade']) {
      expect(readableField(accounts, field)).toBe(false);
    }
    expect(readableField(worklist, 'listed')).toBe(true);
    expect(readableField(worklist, 'contact.restrictions.hardship')).toBe(false);
  });

  /*
   * A default is how every document stored without the field reads: a domain change to what an account,
   * an invoice or a payment starts with would change, silently, what every stored document says. When
   * this fails, raise the account projection's version (its documents are rebuilt under the new defaults)
   * and only then take the new fingerprint.
   */
  it('reads with the defaults its documents were stored with (fingerprint of every default)', () => {
    const described = (shape: StoredShape): unknown =>
      shape.kind === 'record'
        ? { entry: described(shape.entry) }
        : { defaults: shape.defaults, fields: [...shape.fields].map(([key, inner]) => [key, described(inner)]) };
    const fingerprint = (shape: StoredShape) =>
      createHash('sha256')
        .update(JSON.stringify(described(shape)))
        .digest('hex')
        .slice(0, 16);
    expect({ accounts: fingerprint(readModelShapes.get('accounts')!), worklist: fingerprint(readModelShapes.get('worklist')!) }).toStrictEqual({
      accounts: '1ed6cbb16e02c9ca',
      worklist: 'edab46a251930220',
    });
  });

  it('stores an account that only opened and was billed in under half the bytes, a payment without its defaults, and keeps whole every field a query reads', () => {
    const documents = projectAll(accountProjection, history.slice(0, 2));
    const account = documents.get('accounts/acc-1')!;
    const stored = storedAs(account, 'accounts');
    expect(JSON.stringify(stored).length).toBeLessThan(JSON.stringify(account).length / 2);
    expect(stored).toMatchObject({ creditorId: 'cred-1', wakeOn: expect.any(String), account: { debtor: { reference: 'D-acc-1' } } });
    const paid = JSON.stringify(storedAs(projectAll(accountProjection, history.slice(0, 4)).get('accounts/acc-1')!, 'accounts'));
    expect(paid).toContain('"paymentId":"pay-1"');
    expect(paid).not.toMatch(/"planId"|"reversed"|"discounts"/);
    const line = storedAs(documents.get('worklist/acc-1')!, 'worklist');
    expect(Object.keys(line).sort()).toStrictEqual(Object.keys(documents.get('worklist/acc-1')!).sort());
  });
});
