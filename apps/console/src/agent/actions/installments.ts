/** The plan builder's arithmetic, in minor units: whole numbers only, so the installments add up exactly. */

/** `total` in `count` installments as equal as whole minor units allow; the first ones carry the remainder, a unit each. */
export function splitEvenly(total: number, count: number): number[] {
  const base = Math.floor(total / count);
  const remainder = total - base * count;
  return Array.from({ length: count }, (_, i) => base + (i < remainder ? 1 : 0));
}

export type Interval = 'weekly' | 'fortnightly' | 'monthly';

/** Due dates from `first`, one `interval` apart; a month's day past its end is its last day (Jan 31 → Feb 28). */
export function dueDates(first: string, count: number, interval: Interval): string[] {
  const [year, month, day] = first.split('-').map(Number) as [number, number, number];
  return Array.from({ length: count }, (_, i) => {
    if (interval !== 'monthly') return isoDate(new Date(Date.UTC(year, month - 1, day + i * (interval === 'weekly' ? 7 : 14))));
    const lastDay = new Date(Date.UTC(year, month - 1 + i + 1, 0)).getUTCDate();
    return isoDate(new Date(Date.UTC(year, month - 1 + i, Math.min(day, lastDay))));
  });
}

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

export const sum = (amounts: number[]) => amounts.reduce((total, amount) => total + amount, 0);
