import { daysBetween, type IsoDate } from '@arrears/domain';

/**
 * The worklist's priority score, explainable part by part (documented in the README):
 *   amount  = 10 × log10(1 + outstanding ÷ 100)   (outstanding in minor units: 1,000.00 → 30 points)
 *   age     = 0.5 × days past due of the oldest open invoice
 *   missed  = 5 × open invoices marked missed
 *   broken  = 10 × promises to pay broken
 * The age part grows by the same 0.5 a day for every account, so the order never changes with the
 * day alone: the stored `rank` is the score without `0.5 × day number of today`, and sorting by it
 * sorts by score on any day, with no rewrite as days pass.
 */
const priorityWeights = { amount: 10, agePerDay: 0.5, perMissedPayment: 5, perBrokenPromise: 10 } as const;

export interface ScoreInputs {
  outstanding: number;
  oldestDueOn: IsoDate;
  missedOpen: number;
  brokenPromises: number;
}

const epoch = '1970-01-01';

const amountPoints = (outstanding: number) => priorityWeights.amount * Math.log10(1 + outstanding / 100);

/** The day-independent part of the score, what the worklist sorts by. */
export const rankOf = ({ outstanding, oldestDueOn, missedOpen, brokenPromises }: ScoreInputs): number =>
  amountPoints(outstanding) +
  priorityWeights.perMissedPayment * missedOpen +
  priorityWeights.perBrokenPromise * brokenPromises -
  priorityWeights.agePerDay * daysBetween(epoch, oldestDueOn);

/** The score on `today`, with its parts (rounded to hundredths for reading; they add up to the total). */
export function scoreOn({ outstanding, oldestDueOn, missedOpen, brokenPromises }: ScoreInputs, today: IsoDate) {
  const parts = {
    amount: round(amountPoints(outstanding)),
    age: round(priorityWeights.agePerDay * Math.max(0, daysBetween(oldestDueOn, today))),
    missedPayments: round(priorityWeights.perMissedPayment * missedOpen),
    brokenPromises: round(priorityWeights.perBrokenPromise * brokenPromises),
  };
  return { total: round(parts.amount + parts.age + parts.missedPayments + parts.brokenPromises), parts };
}

const round = (value: number) => Math.round(value * 100) / 100;
