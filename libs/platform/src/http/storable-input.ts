import type { FieldError } from './problem';

/**
 * Why a string cannot be stored, or undefined when it can. PostgreSQL's text and jsonb refuse U+0000,
 * and a lone UTF-16 surrogate has no UTF-8 form (PostgreSQL and MongoDB both refuse it). Accepted, either
 * would be sealed into an event that no read model could ever store.
 */
function unstorableReason(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain a NUL character (U+0000)';
  if (!text.isWellFormed()) return 'must not contain a lone UTF-16 surrogate';
  return undefined;
}

/**
 * Every string in `value` (object keys included) that cannot be stored, each named by its path as
 * validation names fields (`debtor.name`, `installments.0.dueOn`). The caller bounds the depth.
 */
export function unstorableFields(value: unknown, path = ''): FieldError[] {
  if (typeof value === 'string') {
    const reason = unstorableReason(value);
    return reason ? [{ field: path || 'body', messages: [`${path || 'body'} ${reason}`] }] : [];
  }
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const field = path ? `${path}.${printable(key)}` : printable(key);
    const keyReason = unstorableReason(key);
    const own = keyReason ? [{ field, messages: [`the name ${field} ${keyReason}`] }] : [];
    return [...own, ...unstorableFields(item, field)];
  });
}

/** A name as it can be written back in an answer: NUL shown escaped, lone surrogates replaced. */
const printable = (key: string) => key.replaceAll('\u0000', '\\u0000').toWellFormed();

/**
 * True when a JSON text nests arrays and objects deeper than `limit`, found by one pass over the text
 * before any parsing: a 10,000-deep body must cost no more than its length, never a deep recursion in
 * the parser, the validator or the request's fingerprint.
 */
export function exceedsJsonDepth(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c)
        i++; // a backslash escapes the next character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      if (++depth > limit) return true;
    } else if (code === 0x5d || code === 0x7d) depth--;
  }
  return false;
}
