import { addDays, type IsoDate } from '@arrears/domain';

/** A line of an import file (docs/imports.md): flat, every value a string or a number. */
export type ImportLine = Record<string, string | number>;

const creditors = [
  { creditorId: 'acme-energy', prefix: 'AE', timeZone: 'America/New_York', areaCodes: ['212', '315', '518', '716'], city: 'Albany', region: 'NY' },
  { creditorId: 'northwind-telecom', prefix: 'NW', timeZone: 'America/Chicago', areaCodes: ['312', '414', '608', '763'], city: 'Madison', region: 'WI' },
  { creditorId: 'globex-water', prefix: 'GW', timeZone: 'America/Los_Angeles', areaCodes: ['206', '415', '503', '702'], city: 'Portland', region: 'OR' },
] as const;
type Creditor = (typeof creditors)[number];

const firstNames = [
  'Ada',
  'Grace',
  'Alan',
  'Katherine',
  'Edsger',
  'Barbara',
  'Donald',
  'Frances',
  'John',
  'Margaret',
  'Dennis',
  'Radia',
  'Ken',
  'Hedy',
  'Tim',
  'Joan',
  'Linus',
  'Karen',
  'Niklaus',
  'Sophie',
];
const lastNames = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Johnson',
  'Dijkstra',
  'Liskov',
  'Knuth',
  'Allen',
  'McCarthy',
  'Hamilton',
  'Ritchie',
  'Perlman',
  'Thompson',
  'Lamarr',
  'Berners-Lee',
  'Clarke',
  'Torvalds',
  'Spärck Jones',
  'Wirth',
  'Wilson',
];
const streets = ['Main St', 'Oak Ave', 'Maple Dr', 'Cedar Ln', 'Pine St', 'Elm St', 'Lake Rd', 'Hill Ct'];

/** Mulberry32: a small seeded generator, so a seed gives the same portfolio on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Draw {
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

function drawFrom(next: () => number): Draw {
  return {
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    chance: (probability) => next() < probability,
  };
}

/**
 * A small, realistic portfolio for trying the service: `perCreditor` accounts of each of three
 * creditors, with monthly invoices over the last eight months (some current, most overdue, a few long
 * overdue), partial and full payments, promises (some already due, so the scheduler settles them),
 * plans, and the last few days' calls and notes at hours the contact rules allow. Dates are around
 * `today`; the same seed and day give the same lines.
 */
export function demoPortfolio(today: IsoDate, seed = 1, perCreditor = 100): ImportLine[] {
  const draw = drawFrom(random(seed));
  return creditors.flatMap((creditor) => Array.from({ length: perCreditor }, (_, n) => accountLines(creditor, n + 1, today, draw)).flat());
}

function accountLines(creditor: Creditor, n: number, today: IsoDate, draw: Draw): ImportLine[] {
  const accountId = `${creditor.prefix.toLowerCase()}-${String(n).padStart(4, '0')}`;
  const first = draw.pick(firstNames);
  const last = draw.pick(lastNames);
  const openedOn = addDays(today, -draw.int(260, 720));
  const lines: ImportLine[] = [
    {
      type: 'account',
      accountId,
      creditorId: creditor.creditorId,
      debtorReference: `${creditor.prefix}-${100_000 + n * 7}`,
      debtorName: `${first} ${last}`,
      timeZone: creditor.timeZone,
      openedOn,
      email: `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '') + `${n}@example.com`,
      phone: `+1${draw.pick(creditor.areaCodes)}555${String(draw.int(0, 9999)).padStart(4, '0')}`,
      addressLine1: `${draw.int(1, 999)} ${draw.pick(streets)}`,
      city: creditor.city,
      region: creditor.region,
      postalCode: String(draw.int(10_000, 99_999)),
      country: 'US',
    },
  ];
  const invoices = invoiceLines(accountId, today, draw);
  lines.push(...invoices.lines);
  const owed = invoices.total;
  const story = draw.int(1, 100);
  if (story <= 10) {
    lines.push(planLine(accountId, today, owed));
  } else {
    const paid = story <= 45 ? paymentLines(accountId, invoices.firstIssuedOn, today, owed, draw, lines) : 0;
    if (story > 30 && story <= 55 && owed - paid > 1000) lines.push(...promiseLines(accountId, today, owed - paid, draw));
  }
  if (draw.chance(0.4)) lines.push(...contactLines(accountId, today, draw));
  return lines;
}

function invoiceLines(accountId: string, today: IsoDate, draw: Draw) {
  const count = draw.int(1, 5);
  const monthly = draw.int(20, 400) * 100;
  // The newest invoice is 5 to 150 days old: some not yet due, most overdue, a few long past.
  const newest = draw.int(5, 150);
  const lines: ImportLine[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const issuedOn = addDays(today, -(newest + i * 30));
    const invoice: ImportLine = {
      type: 'invoice',
      accountId,
      invoiceId: `inv-${count - i}`,
      amount: monthly + draw.int(0, 20) * 100,
      currency: 'USD',
      issuedOn,
      dueOn: addDays(issuedOn, 30),
      graceDays: draw.pick([0, 5, 10]),
    };
    if (draw.chance(0.3)) invoice.lateFeeAmount = 1500;
    lines.push(invoice);
  }
  const total = lines.reduce((sum, line) => sum + (line.amount as number), 0);
  return { lines, total, firstIssuedOn: lines[0]?.issuedOn as IsoDate };
}

/** One or two payments after the first invoice; answers what they paid. */
function paymentLines(accountId: string, firstIssuedOn: IsoDate, today: IsoDate, owed: number, draw: Draw, lines: ImportLine[]): number {
  const full = draw.chance(0.25);
  const amounts = full ? [owed] : [Math.round((owed * draw.int(10, 40)) / 100)];
  const days = Math.max(1, Math.round((Date.parse(today) - Date.parse(firstIssuedOn)) / 86_400_000) - 1);
  amounts.forEach((amount, i) =>
    lines.push({
      type: 'payment',
      accountId,
      paymentId: `pay-${i + 1}`,
      amount,
      currency: 'USD',
      receivedOn: addDays(firstIssuedOn, draw.int(1, days)),
      method: draw.pick(['card', 'bank_transfer', 'check']),
    }),
  );
  return amounts.reduce((sum, amount) => sum + amount, 0);
}

/**
 * A promise made in the last three weeks: due already (the scheduler finds it kept or broken) or in the
 * next two weeks. Not today: a date's fact happens at noon in the debtor's zone, which may be still to come.
 */
function promiseLines(accountId: string, today: IsoDate, open: number, draw: Draw): ImportLine[] {
  const madeOn = addDays(today, -draw.int(1, 20));
  const dueOn = addDays(madeOn, draw.int(3, 14));
  const due = dueOn > today ? dueOn : addDays(today, 1);
  return [{ type: 'promise', accountId, promiseId: 'prom-1', amount: Math.round((open * draw.int(20, 60)) / 100), currency: 'USD', dueOn: due, madeOn }];
}

/** A plan agreed yesterday for all that is owed, in three monthly installments that sum to it exactly. */
function planLine(accountId: string, today: IsoDate, owed: number): ImportLine {
  const part = Math.floor(owed / 3);
  const amounts = [part, part, owed - 2 * part];
  const installments = amounts.map((amount, i) => `${addDays(today, 14 + i * 30)}:${amount}`).join(';');
  return { type: 'plan', accountId, planId: 'plan-1', currency: 'USD', agreedOn: addDays(today, -1), installments };
}

/** A call three days ago, at midday for every US zone (17:00–19:59 UTC), and sometimes the debtor's call back and a note. */
function contactLines(accountId: string, today: IsoDate, draw: Draw): ImportLine[] {
  const at = (daysAgo: number) => `${addDays(today, -daysAgo)}T${draw.int(17, 19)}:${String(draw.int(0, 59)).padStart(2, '0')}:00Z`;
  const lines: ImportLine[] = [
    { type: 'contact', accountId, channel: 'call', direction: 'outbound', outcome: draw.pick(['no_answer', 'left_message', 'not_connected']), at: at(3) },
  ];
  if (draw.chance(0.5)) {
    const callBack = at(2);
    lines.push(
      { type: 'contact', accountId, channel: 'call', direction: 'inbound', outcome: 'right_party_contact', at: callBack },
      {
        type: 'note',
        accountId,
        text: draw.pick(['Debtor asked for a statement by e-mail.', 'Says the payment is on its way.', 'Disputes the late fee; will call back.']),
        at: callBack.replace(/:00Z$/, ':30Z'),
      },
    );
  }
  return lines;
}
