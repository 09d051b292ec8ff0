import { daysBetween, type IsoDate } from '@arrears/domain';

/**
 * The worklist's priority score, explainable part by part (documented in the README):
 *   amount  = 10 × log10(1 + outstanding ÷ 100)   (outstanding in minor units: 1,000.00 → 30 points)
 *   age     = 0.5 × days past due of the oldest open invoice
 *   missed  = 5 × open invoices marked missed
 * The age part grows by the same 0.5 a day for every account, so the order never changes with the
 * day alone: the stored `rank` is the score without `0.5 × day number of today`, and sorting by it
 * sorts by score on any day, with no rewrite as days pass.
 */
export const priorityWeights = { amount: 10, agePerDay: 0.5, perMissedPayment: 5 } as const;

export interface ScoreInputs {
  outstanding: number;
  oldestDueOn: IsoDate;
  missedOpen: number;
}

const epoch = '1970-01-01';

export const amountPoints = (outstanding: number) => priorityWeights.amount * Math.log10(1 + outstanding / 100);

/** The day-independent part of the score, what the worklist sorts by. */
export const rankOf = ({ outstanding, oldestDueOn, missedOpen }: ScoreInputs): number =>
  amountPoints(outstanding) + priorityWeights.perMissedPayment * missedOpen - priorityWeights.agePerDay * daysBetween(epoch, oldestDueOn);

/** The score on `today`, with its parts (rounded to hundredths for reading; they add up to the total). */
export function scoreOn({ outstanding, oldestDueOn, missedOpen }: ScoreInputs, today: IsoDate) {
  const parts = {
    amount: round(amountPoints(outstanding)),
    age: round(priorityWeights.agePerDay * Math.max(0, daysBetween(oldestDueOn, today))),
    missedPayments: round(priorityWeights.perMissedPayment * missedOpen),
  };
  return { total: round(parts.amount + parts.age + parts.missedPayments), parts };
}

const round = (value: number) => Math.round(value * 100) / 100;
