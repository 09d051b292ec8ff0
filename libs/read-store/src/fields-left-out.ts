import { isPlainObject } from '@arrears/platform';

/**
 * The document without the fields at `paths` (as `omittedPaths` gives them): the objects on their way are copied, never
 * changed (a reader's documents may be frozen and shared).
 */
export function withoutPaths<T extends object>(document: T, paths: readonly string[][]): T {
  return paths.reduce<T>((left, path) => without(left, path) as T, document);
}

function without(value: unknown, [key, ...rest]: readonly string[]): unknown {
  if (!isPlainObject(value) || key === undefined || !Object.hasOwn(value, key)) return value;
  if (!rest.length) return Object.fromEntries(Object.entries(value).filter(([field]) => field !== key));
  const inner = without(value[key], rest);
  // Copied only when something below is left out; a computed key in a literal keeps an own `__proto__` field a field.
  return inner === value[key] ? value : { ...value, [key]: inner };
}

/** The paths of `paths` below `key`, each without it. */
export const pathsBelow = (paths: readonly (readonly string[])[], key: string): string[][] =>
  paths.flatMap(([first, ...rest]) => (first === key && rest.length ? [rest] : []));
