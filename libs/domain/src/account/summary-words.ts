import { formatMoney } from '../money/money';

/** Words the summaries of facts share. */
export const nextStep = (on: string | null) => (on ? `next step on ${on}.` : 'no further steps.');
export const sum = (allocations: { amount: number }[]) => allocations.reduce((total, allocation) => total + allocation.amount, 0);
/** Amounts of events that do not carry their currency: the account's, in minor units. */
export const units = (amount: number) => `${amount.toLocaleString('en-US')} minor units`;
export const money = (data: { amount: number; currency: string }) => formatMoney(data.amount, data.currency);
