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
