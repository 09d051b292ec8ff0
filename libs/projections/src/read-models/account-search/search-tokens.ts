import { createHmac, hkdfSync } from 'node:crypto';
import { keyEncryptionSecret, type AppConfig } from '@arrears/platform';

/**
 * What the account search can find a debtor by, reduced to keyed hashes (a blind index): the read
 * store holds HMAC-SHA256 digests of normalized words, never a name or a number in clear, and
 * without the key a digest cannot be checked against a guess. The key is derived (HKDF) from the
 * key-encryption key's secret — the one every process that opens personal data already holds (the
 * projector too) — under a label of its own, as the opt-out links' key is from the chain key's: nothing
 * new to keep, and a copy of the read store alone answers no guess.
 */
export class AccountSearchKey {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, '', 'arrears account search', 32));
  }

  /** 128 bits of the HMAC, hex: collisions are out of reach for any portfolio. */
  digest(token: string): string {
    return createHmac('sha256', this.key).update(token).digest('hex').slice(0, 32);
  }
}

/** The configured service's search key. */
export const loadAccountSearchKey = async (config: AppConfig): Promise<AccountSearchKey> => new AccountSearchKey(await keyEncryptionSecret(config));

/** A name word is indexed by each of its first 3…8 letters and by itself whole (up to 20 letters). */
const shortestPrefix = 3;
const longestPrefix = 8;
const longestWord = 20;
/** Phone numbers are found by their last 7 digits or more: with or without the country code or area code. */
const shortestPhoneSuffix = 7;
/** How many tokens an account has at most: a fixed number of slots, so an erasure knows every one to remove. */
export const searchSlots = 32;

/** Lower case, accents dropped (é → e), split on anything not a letter or digit. */
export const nameWords = (text: string): string[] =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .map((word) => word.slice(0, longestWord));

/** The digits of a phone number as dialled internationally (E.164 without the +). */
export const phoneDigits = (phone: string): string => phone.replace(/\D/g, '');

function wordTokens(word: string): string[] {
  const prefixes = [];
  for (let length = shortestPrefix; length <= Math.min(longestPrefix, word.length - 1); length++) prefixes.push(`n:${word.slice(0, length)}`);
  return [...prefixes, `n:${word}`];
}

/** The tokens of a phone number: its suffixes of 7 digits or more. */
export function phoneTokens(phone: string | undefined): string[] {
  const digits = phone ? phoneDigits(phone) : '';
  const tokens = [];
  for (let length = shortestPhoneSuffix; length <= digits.length; length++) tokens.push(`p:${digits.slice(-length)}`);
  return tokens;
}

/** The tokens of a name: its words and their prefixes. */
export const nameTokens = (name: string | undefined): string[] => (name ? nameWords(name).flatMap(wordTokens) : []);

/** Every token a debtor is found by: phone suffixes first (an inbound call's best key), then name words and their prefixes, at most `searchSlots`. */
export function debtorTokens(debtor: { name?: string; phone?: string }): string[] {
  return [...new Set([...phoneTokens(debtor.phone), ...nameTokens(debtor.name)])].slice(0, searchSlots);
}

/**
 * The tokens a query must all match: a phone number (7 or more digits, with any of `+ - . ( )` and
 * spaces) is one token; otherwise each word is one, a whole word or a prefix — a word longer than 8
 * letters matches as itself only (its 8-letter prefix would match others too, so it is not cut).
 * Undefined when the query has nothing a debtor is indexed by.
 */
export function queryTokens(query: string): string[] | undefined {
  if (/^\+?[\d\s().-]+$/.test(query)) {
    const digits = phoneDigits(query);
    return digits.length >= shortestPhoneSuffix ? [`p:${digits}`] : undefined;
  }
  const words = nameWords(query).filter((word) => word.length >= 2);
  return words.length ? [...new Set(words.map((word) => `n:${word}`))] : undefined;
}
