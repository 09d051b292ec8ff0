/** Where letters reach the debtor. */
export interface PostalAddress {
  lines: string[];
  city: string;
  region?: string;
  postalCode?: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}
/** What the debtor told us about how and where to reach them. Personal data: never logged. */
export interface Debtor {
  reference: string;
  name?: string;
  timeZone: string;
  /** Other zones the debtor may be in (a phone's area, a second address): contact hours must hold in each. */
  otherTimeZones?: string[];
  email?: string;
  phone?: string;
  address?: PostalAddress;
  /** The language messages are written in when a template exists in it (`en`, `es`); English otherwise. Not personal data. */
  language?: string;
  /** Set once the personal fields are gone for good (their key destroyed): what is left is pseudonymous. */
  personalDataErased?: true;
}
/** The debtor's fields that identify a person: stored encrypted, and erasable. */
export const personalFields = ['name', 'email', 'phone', 'address'] as const satisfies readonly (keyof Debtor)[];
/** What is left of a debtor without the personal fields: the reference, zones and language the collection rules need. */
export function withoutPersonalData(debtor: Debtor): Omit<Debtor, (typeof personalFields)[number]> {
  const kept: Debtor = { reference: debtor.reference, timeZone: debtor.timeZone };
  if (debtor.otherTimeZones) kept.otherTimeZones = debtor.otherTimeZones;
  if (debtor.language) kept.language = debtor.language;
  return kept;
}
/** The debtor without personal fields, marked as erased. */
export const erasedDebtor = (debtor: Debtor): Debtor => ({ ...withoutPersonalData(debtor), personalDataErased: true });

/** The debtor's fields a change of contact details may set: null removes an optional one. The reference never changes. */
export type DebtorContactChanges = {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: PostalAddress | null;
  timeZone?: string;
  otherTimeZones?: string[] | null;
  language?: string | null;
};
export const debtorContactFields = [
  'name',
  'email',
  'phone',
  'address',
  'timeZone',
  'otherTimeZones',
  'language',
] as const satisfies readonly (keyof DebtorContactChanges)[];

/** The changes that change something: a field given with the value it already has is left out. */
export function effectiveChanges(debtor: Debtor, changes: DebtorContactChanges): DebtorContactChanges {
  return Object.fromEntries(
    debtorContactFields.flatMap((field) => {
      const value = changes[field];
      if (value === undefined || JSON.stringify(value) === JSON.stringify(debtor[field] ?? null)) return [];
      return [[field, value]];
    }),
  );
}

/** The debtor with the changes made: a field set to null is gone. */
export function withContactChanges(debtor: Debtor, changes: DebtorContactChanges): Debtor {
  // Only the contact fields: a change read back after an erasure carries `erased: true` beside them.
  const given = Object.fromEntries(debtorContactFields.flatMap((field) => (changes[field] === undefined ? [] : [[field, changes[field]]])));
  const merged: Record<string, unknown> = { ...debtor, ...given };
  return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== null && value !== undefined)) as unknown as Debtor;
}

/**
 * One address a message may go to: the form HTML's e-mail fields take (WHATWG, "valid e-mail address"), within
 * RFC 5321's lengths. No list, display name, comment or space: the outbox hands the text to the mail transport
 * as its recipient, which would read "a@x.com, b@y.com" as two, a disclosure to the second (12 CFR 1006.6(d)).
 */
export function isEmailAddress(value: string): boolean {
  const at = value.lastIndexOf('@');
  return value.length <= 254 && at >= 1 && at <= 64 && emailPattern.test(value);
}
const label = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const emailPattern = new RegExp(`^[A-Za-z0-9.!#$%&'*+/=?^_\`{|}~-]+@${label}(?:\\.${label})+$`);

/** A number in E.164 form (a plus, the country code, at most 15 digits): what the SMS provider dials. */
export const phonePattern = /^\+[1-9]\d{6,14}$/;
