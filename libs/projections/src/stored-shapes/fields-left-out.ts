import { isPlainObject } from '@arrears/platform';

/**
 * The document without the fields at `paths`, which its defaults put back or its parts brought in: the objects on
 * their way are copied, never changed (those read from parts are frozen and shared).
 */
export function withoutPaths<T extends object>(document: T, paths: readonly string[][]): T {
  return paths.reduce<T>((left, path) => without(left, path) as T, document);
}

function without(value: unknown, [key, ...rest]: readonly string[]): unknown {
  if (!isPlainObject(value) || key === undefined || !Object.hasOwn(value, key)) return value;
  // Entries, not assignments: an own `__proto__` field stays a field.
  return Object.fromEntries(
    Object.entries(value).flatMap(([field, inner]) => (field !== key ? [[field, inner]] : rest.length ? [[field, without(inner, rest)]] : [])),
  );
}
