/**
 * The entry kept under `id`, never one inherited from Object.prototype: ids come from clients, and
 * "constructor", "toString" or "__proto__" must behave like any other id (not as an invoice that
 * already exists, nor as a function to call). State stays plain JSON; lookups go through here.
 */
export const entryOf = <T>(registry: Readonly<Record<string, T>>, id: string): T | undefined => (Object.hasOwn(registry, id) ? registry[id] : undefined);

/** `registry` with `value` under `id` as an own entry (a computed key never sets the prototype). */
export const withEntry = <T>(registry: Readonly<Record<string, T>>, id: string, value: T): Record<string, T> => ({ ...registry, [id]: value });

/** Sets `value` under `id` as an own entry, in place (plain assignment would take `__proto__` for the prototype). */
export function setEntry<T>(registry: Record<string, T>, id: string, value: T): void {
  if (id === '__proto__') Object.defineProperty(registry, id, { value, enumerable: true, writable: true, configurable: true });
  else registry[id] = value;
}
