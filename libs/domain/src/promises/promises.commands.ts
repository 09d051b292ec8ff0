import type { Command } from '../account/command';
import type { IsoDate } from '../calendar/calendar';

export type RecordPromiseToPay = Command<'RecordPromiseToPay', { promiseId: string; amount: number; currency: string; dueOn: IsoDate; graceDays: number }>;
/** Once its due date plus grace has passed: kept or broken, by the payments received. */
export type ResolvePromise = Command<'ResolvePromise', { promiseId: string }>;

/** The promises part of the account's commands. */
export type PromisesCommand = RecordPromiseToPay | ResolvePromise;
