import { addChange, adjust, type FigureChange } from './kpi-figures';

const deepFrozen = <T>(value: T): T => {
  if (value && typeof value === 'object') Object.values(value).forEach(deepFrozen);
  return Object.freeze(value);
};

describe('addChange: a change added into a running sum of changes', () => {
  const month: FigureChange = deepFrozen({
    collected: 500,
    outstanding: { '2026-03-01': 1_000, '2026-03-15': 2_000 },
    accountsByOldestDue: { '2026-03-01': 1 },
    agencies: { 'agency-1': { placed: 1_000, collected: 0 } },
  });

  it('adds counters and keyed totals, dropping what comes to zero, and changes neither side', () => {
    const payment: FigureChange = deepFrozen({
      collected: 1_000,
      outstanding: { '2026-03-01': -1_000 },
      accountsByOldestDue: { '2026-03-01': -1, '2026-03-15': 1 },
      agencies: { 'agency-1': { placed: 0, collected: 1_000 } },
    });
    expect(addChange(month, payment)).toEqual({
      collected: 1_500,
      outstanding: { '2026-03-15': 2_000 },
      accountsByOldestDue: { '2026-03-15': 1 },
      agencies: { 'agency-1': { placed: 1_000, collected: 1_000 } },
    });
  });

  it('shares the keyed totals a change does not touch instead of copying them (a month holds dozens of due dates)', () => {
    const contact: FigureChange = deepFrozen({ outboundContacts: 1 });
    const sum = addChange(month, contact);
    expect(sum).toEqual({ ...month, outboundContacts: 1 });
    expect(sum.outstanding).toBe(month.outstanding);
    expect(sum.accountsByOldestDue).toBe(month.accountsByOldestDue);
    expect(sum.agencies).toBe(month.agencies);
  });

  it('leaves out keyed totals that neither side has', () => {
    expect(addChange({ collected: 1 }, { collected: -1 })).toEqual({});
  });
});

describe('adjust: a keyed total moved in place', () => {
  it('keeps a key named `__proto__` as an own entry, and drops it when it comes to zero', () => {
    const totals: Record<string, number> = {};
    adjust(totals, '__proto__', 5);
    expect(Object.entries(totals)).toEqual([['__proto__', 5]]);
    expect(Object.getPrototypeOf(totals)).toBe(Object.prototype);
    adjust(totals, '__proto__', -5);
    expect(Object.keys(totals)).toEqual([]);
  });
});
