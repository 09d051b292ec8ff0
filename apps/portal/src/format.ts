import { majorUnits } from '../../console/src/shared/format';
import type { Language } from './words';

const locales: Record<Language, string> = { en: 'en-US', es: 'es-US' };

/** An amount in minor units, as the debtor's language writes money. */
export const money = (minor: number, currency: string, language: Language) =>
  new Intl.NumberFormat(locales[language], { style: 'currency', currency }).format(Number(majorUnits(minor, currency)));

/** A business date (YYYY-MM-DD), as that calendar day, in words. */
export const day = (date: string, language: Language) =>
  new Intl.DateTimeFormat(locales[language], { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
