import {
  contactChannels,
  contactOutcomes,
  debtTypes,
  instantAt,
  isId,
  isIsoDate,
  isIsoInstant,
  isTimeZone,
  maxNoteLength,
  paymentMethods,
  type ContactPolicies,
  type IsoDate,
  type PostalAddress,
} from '@arrears/domain';
import type { AccountCommandInput } from '../account-command';

/** One line of a ledger file as the command the API would send for it, and when it happened. */
export interface ImportFact {
  accountId: string;
  command: AccountCommandInput;
  /** The business instant: the command is decided as of it, and its events are dated by it. */
  occurredAt: Date;
  /** What the line says, as read: the same fact imported again is known by it. */
  content: string;
  /** The field that dates the fact, and for a date-only fact its date in the debtor's zone. */
  dated: { field: string; date?: IsoDate; zone?: string };
}

/** Why a line was refused: which field, a stable code, and a sentence. */
export class LineRefused extends Error {
  constructor(
    readonly field: string | undefined,
    readonly code: string,
    reason: string,
  ) {
    super(reason);
  }
}

type Line = Record<string, unknown>;

const noon = 12 * 60;

/** A postal address as flat fields, so a CSV row can hold it: letters (the validation notice) go there. */
const addressFields = ['addressLine1', 'addressLine2', 'city', 'region', 'postalCode', 'country'] as const;

const fieldsOf = {
  account: ['creditorId', 'debtorReference', 'timeZone', 'openedOn', 'debtorName', 'email', 'phone', ...addressFields, 'debtType', 'language'],
  invoice: ['invoiceId', 'amount', 'currency', 'issuedOn', 'dueOn', 'graceDays', 'lateFeeAmount', 'lateFeePercent', 'discountPercent', 'discountWithinDays'],
  payment: ['paymentId', 'amount', 'currency', 'receivedOn', 'method'],
  plan: ['planId', 'currency', 'agreedOn', 'installments', 'invoiceIds'],
  promise: ['promiseId', 'amount', 'currency', 'dueOn', 'graceDays', 'madeOn'],
  contact: ['channel', 'direction', 'outcome', 'at'],
  note: ['text', 'at'],
} as const;
type FactType = keyof typeof fieldsOf;

/** The line types a ledger file may hold (see docs/imports.md). */
export const factTypes = Object.keys(fieldsOf) as FactType[];

/**
 * Reads one line's fields into the command it stands for. Only the shape is checked here (present,
 * typed, no unknown field, clean text); the business rules are the deciders', as for the API.
 * `timeZoneOf` gives the debtor's zone for a date-only fact: noon of that date there is its instant.
 */
export function importFact(line: Line, timeZoneOf: (accountId: string) => string | undefined, policies: ContactPolicies): ImportFact {
  const read = new FieldReader(line);
  const type = read.oneOf('type', factTypes);
  read.onlyFields(['type', 'accountId', ...fieldsOf[type]]);
  const accountId = read.id('accountId');
  let dated: ImportFact['dated'] = { field: 'at' };
  const atNoon = (field: string, zone = timeZoneOf(accountId)) => {
    const date = read.date(field);
    if (zone === undefined) throw new LineRefused('accountId', 'ACCOUNT_NOT_FOUND', `Account ${accountId} is opened by no earlier line and does not exist.`);
    dated = { field, date, zone };
    return new Date(instantAt(date, noon, zone));
  };
  const fact = (command: AccountCommandInput, occurredAt: Date): ImportFact => ({
    accountId,
    command,
    occurredAt,
    content: contentOf(accountId, command, occurredAt),
    dated,
  });
  switch (type) {
    case 'account': {
      const timeZone = read.text('timeZone', 64);
      const openedOn = read.date('openedOn');
      const address = addressOf(read);
      const debtor = {
        reference: read.text('debtorReference', 64),
        timeZone,
        ...read.optionalTexts({ name: 'debtorName', email: 'email', phone: 'phone', language: 'language' }),
        ...(address && { address }),
      };
      const occurredAt = atNoon('openedOn', isTimeZone(timeZone) ? timeZone : 'UTC');
      const debtType = read.optionalOneOf('debtType', debtTypes);
      const data = { accountId, creditorId: read.id('creditorId'), debtor, openedOn, ...(debtType && { debtType }) };
      return fact({ type: 'OpenAccount', data }, occurredAt);
    }
    case 'invoice': {
      const occurredAt = atNoon('issuedOn');
      const issuedOn = read.date('issuedOn');
      const data = { invoiceId: read.id('invoiceId'), amount: read.int('amount'), currency: read.text('currency', 3), issuedOn, dueOn: read.date('dueOn') };
      return fact({ type: 'IssueInvoice', data: { ...data, terms: termsOf(read) } }, occurredAt);
    }
    case 'payment': {
      const occurredAt = atNoon('receivedOn');
      const receivedOn = read.date('receivedOn');
      const data = {
        paymentId: read.id('paymentId'),
        amount: read.int('amount'),
        currency: read.text('currency', 3),
        receivedOn,
        method: read.oneOf('method', paymentMethods),
      };
      return fact({ type: 'RecordPayment', data }, occurredAt);
    }
    case 'plan': {
      const invoiceIds = read.optionalList('invoiceIds');
      const data = { planId: read.id('planId'), currency: read.text('currency', 3), installments: installmentsOf(read) };
      return fact({ type: 'AgreePlan', data: invoiceIds ? { ...data, invoiceIds } : data }, atNoon('agreedOn'));
    }
    case 'promise': {
      const data = { promiseId: read.id('promiseId'), amount: read.int('amount'), currency: read.text('currency', 3), dueOn: read.date('dueOn') };
      return fact({ type: 'RecordPromiseToPay', data: { ...data, graceDays: read.optionalInt('graceDays') ?? 0 } }, atNoon('madeOn'));
    }
    case 'contact': {
      const at = read.instant('at');
      const data = {
        channel: read.oneOf('channel', contactChannels),
        direction: read.oneOf('direction', ['inbound', 'outbound'] as const),
        outcome: read.oneOf('outcome', contactOutcomes),
      };
      return fact({ type: 'LogContactAttempt', data: { ...data, at: at.toISOString(), policies } }, at);
    }
    case 'note':
      return fact({ type: 'AddNote', data: { text: read.text('text', maxNoteLength) } }, read.instant('at'));
  }
}

/** The column of an invoice line each field of the terms made of it comes from, by the field's path in the command. */
const termColumns: ReadonlyMap<string, string> = new Map([
  ['terms.graceDays', 'graceDays'],
  ['terms.lateFee.amount', 'lateFeeAmount'],
  ['terms.lateFee.percent', 'lateFeePercent'],
  ['terms.earlyPaymentDiscount.percent', 'discountPercent'],
  ['terms.earlyPaymentDiscount.withinDays', 'discountWithinDays'],
]);

/** The column a refusal names by the field's path in the command (the terms' are flat columns in a file). */
export const columnOf = (field: string): string => termColumns.get(field) ?? field;

function termsOf(read: FieldReader) {
  const lateFeeAmount = read.optionalInt('lateFeeAmount');
  const lateFeePercent = read.optionalNumber('lateFeePercent');
  const discountPercent = read.optionalNumber('discountPercent');
  const lateFee =
    lateFeeAmount !== undefined
      ? { type: 'flat' as const, amount: lateFeeAmount }
      : lateFeePercent !== undefined
        ? { type: 'percent' as const, percent: lateFeePercent }
        : undefined;
  return {
    graceDays: read.optionalInt('graceDays') ?? 0,
    ...(lateFee && { lateFee }),
    ...(discountPercent !== undefined && { earlyPaymentDiscount: { percent: discountPercent, withinDays: read.optionalInt('discountWithinDays') ?? 0 } }),
  };
}

/** `2026-02-01:5000;2026-03-01:5000`: each installment's due date and amount. */
function installmentsOf(read: FieldReader) {
  const parts = read.text('installments', 4000).split(';');
  return parts.map((part) => {
    const [dueOn = '', amount = ''] = part.split(':');
    if (!isIsoDate(dueOn) || !/^-?\d{1,16}$/.test(amount)) {
      throw new LineRefused('installments', 'INVALID_FIELD', 'installments must read dueOn:amount;dueOn:amount…, e.g. 2026-02-01:5000;2026-03-01:5000.');
    }
    return { dueOn, amount: Number(amount) };
  });
}

/**
 * What the fact says, as read (so the same fact reads the same from NDJSON and CSV), without the
 * contact rules in force (configuration, not the fact): how it is recognised on a re-run.
 */
function contentOf(accountId: string, command: AccountCommandInput, occurredAt: Date): string {
  return JSON.stringify([accountId, command.type, { ...command.data, policies: undefined }, occurredAt.toISOString()]);
}

/** Reads typed fields from a line, refusing the first that is missing, ill-typed or unclean. */
/** The debtor's postal address when the line gives one: a first line, a city and a two-letter country at least. */
function addressOf(read: FieldReader): PostalAddress | undefined {
  const { line1, line2, city, region, postalCode, country } = read.optionalTexts({
    line1: 'addressLine1',
    line2: 'addressLine2',
    city: 'city',
    region: 'region',
    postalCode: 'postalCode',
    country: 'country',
  });
  if ([line1, line2, city, region, postalCode, country].every((part) => part === undefined)) return undefined;
  if (line1 === undefined) throw new LineRefused('addressLine1', 'MISSING_FIELD', 'addressLine1 is required with any other part of an address.');
  if (city === undefined) throw new LineRefused('city', 'MISSING_FIELD', 'city is required with an address.');
  if (country === undefined || !/^[A-Z]{2}$/.test(country))
    throw new LineRefused('country', 'INVALID_FIELD', 'country must be an ISO 3166-1 alpha-2 code such as US.');
  return {
    lines: line2 === undefined ? [line1] : [line1, line2],
    city,
    country,
    ...(region !== undefined && { region }),
    ...(postalCode !== undefined && { postalCode }),
  };
}

class FieldReader {
  constructor(private readonly line: Line) {}

  onlyFields(allowed: readonly string[]): void {
    const unknown = Object.keys(this.line).find((key) => !allowed.includes(key));
    if (unknown !== undefined) throw new LineRefused(unknown.slice(0, 64), 'UNKNOWN_FIELD', `${unknown.slice(0, 64)} is not a field of this line type.`);
    const nested = Object.keys(this.line).find((key) => typeof this.line[key] === 'object' && this.line[key] !== null);
    if (nested !== undefined) throw this.invalid(nested, 'a string or a number, not an object or a list');
  }

  text(field: string, max: number): string {
    const value = this.present(field);
    if (typeof value !== 'string' || value.length === 0 || value.length > max) throw this.invalid(field, `a text of 1 to ${max} characters`);
    if (value.includes('\u0000') || !value.isWellFormed()) throw new LineRefused(field, 'INVALID_TEXT', `${field} holds a NUL character or a lone surrogate.`);
    return value;
  }

  id(field: string): string {
    const value = this.text(field, 64);
    if (!isId(value)) throw this.invalid(field, '1–64 letters, digits, dots, dashes or underscores');
    return value;
  }

  /** A real date: one the decider never sees (a plan's `agreedOn`) would otherwise roll on, 2026-99-99 to 2034. */
  date(field: string): IsoDate {
    const value = this.text(field, 10);
    if (!isIsoDate(value)) throw this.invalid(field, 'a real date written YYYY-MM-DD');
    return value;
  }

  instant(field: string): Date {
    const value = this.text(field, 40);
    if (!isIsoInstant(value)) throw this.invalid(field, 'a real instant such as 2026-01-31T14:30:00Z');
    return new Date(value);
  }

  oneOf<Value extends string>(field: string, values: readonly Value[]): Value {
    const value = this.present(field);
    if (!values.includes(value as Value)) throw this.invalid(field, `one of ${values.join(', ')}`);
    return value as Value;
  }

  optionalOneOf<Value extends string>(field: string, values: readonly Value[]): Value | undefined {
    return this.line[field] === undefined || this.line[field] === '' ? undefined : this.oneOf(field, values);
  }

  /** A whole number, from JSON or from CSV's text; the sign is the deciders' to judge. */
  int(field: string): number {
    const value = this.optionalInt(field);
    if (value === undefined) throw new LineRefused(field, 'MISSING_FIELD', `${field} is required.`);
    return value;
  }

  optionalInt(field: string): number | undefined {
    const value = this.optionalNumber(field);
    if (value !== undefined && !Number.isSafeInteger(value)) throw this.invalid(field, `a whole number within ±${Number.MAX_SAFE_INTEGER}`);
    return value;
  }

  optionalNumber(field: string): number | undefined {
    const value = this.line[field];
    if (value === undefined || value === '') return undefined;
    const number = typeof value === 'string' && /^-?\d{1,20}(\.\d{1,10})?$/.test(value) ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isFinite(number)) throw this.invalid(field, 'a number');
    return number;
  }

  optionalTexts<Names extends Record<string, string>>(names: Names): Partial<Record<keyof Names, string>> {
    const found = Object.entries(names).flatMap(([name, field]) =>
      this.line[field] === undefined || this.line[field] === '' ? [] : [[name, this.text(field, 200)]],
    );
    return Object.fromEntries(found) as Partial<Record<keyof Names, string>>;
  }

  /** `inv-1;inv-2`: ids separated by semicolons. */
  optionalList(field: string): string[] | undefined {
    if (this.line[field] === undefined || this.line[field] === '') return undefined;
    const ids = this.text(field, 4000).split(';');
    if (!ids.every(isId)) throw this.invalid(field, 'ids separated by semicolons');
    return ids;
  }

  private present(field: string): unknown {
    const value = this.line[field];
    if (value === undefined || value === '' || value === null) throw new LineRefused(field, 'MISSING_FIELD', `${field} is required.`);
    return value;
  }

  private invalid(field: string, expected: string): LineRefused {
    return new LineRefused(field, 'INVALID_FIELD', `${field} must be ${expected}.`);
  }
}
