import { setEntry } from '@arrears/domain';
import { deepFreeze, isPlainObject } from '@arrears/platform';
import { pathsBelow } from '@arrears/read-store';

/**
 * How a document is stored without the values every document of its kind starts with: a field equal
 * (deeply) to its default is left out when the document is written and put back when it is read.
 * The account fold's documents are mostly such defaults (an account that never had a dispute, a hold
 * or a call still carries every one of them), and each event rewrites its account's documents whole.
 */
export type StoredShape = StructShape | RecordShape;

/** An object of known fields: those equal to their default are left out. */
export interface StructShape {
  readonly kind: 'struct';
  readonly defaults: Readonly<Record<string, unknown>>;
  /** The defaults that are not objects: spread under a stored struct as they are. */
  readonly primitives: Readonly<Record<string, unknown>>;
  /** The fields whose default is an object or an array: each stored struct without one gets a copy of its own. */
  readonly objectDefaults: readonly string[];
  /** Fields holding objects with a shape of their own, slimmed in turn when they differ from their default. */
  readonly fields: ReadonlyMap<string, StoredShape>;
}

/** An object keyed by ids (invoices by invoice id): every entry has the same shape. */
export interface RecordShape {
  readonly kind: 'record';
  readonly entry: StoredShape;
}

/**
 * Written on a stored struct that lacks fields its shape has defaults for (a document stored by an
 * earlier version, before the field existed): they stay absent when it is read. Struct fields are the
 * domain's own names, never ids, so no field is called this.
 */
export const absentMark = '~absent';

/**
 * The shape of objects like `template`: its fields' values are the defaults. A field whose template is
 * an object with fields of its own is a struct in turn; `fields` names other shapes (records, mostly).
 */
export function structShape(template: Readonly<Record<string, unknown>>, fields: Record<string, StoredShape> = {}): StructShape {
  // A copy of its own, frozen: the template may be the domain's constants, and every read copies from it.
  const defaults = deepFreeze(copyOf(withoutUndefined(template)) as Record<string, unknown>);
  const nested = new Map<string, StoredShape>();
  for (const [key, value] of Object.entries(defaults)) {
    if (isPlainObject(value) && Object.keys(value).length > 0) nested.set(key, structShape(value));
  }
  for (const [key, shape] of Object.entries(fields)) nested.set(key, shape);
  const isObject = (value: unknown) => typeof value === 'object' && value !== null;
  return {
    kind: 'struct',
    defaults,
    primitives: Object.fromEntries(Object.entries(defaults).filter(([, value]) => !isObject(value))),
    objectDefaults: Object.keys(defaults).filter((key) => isObject(defaults[key])),
    fields: nested,
  };
}

export const recordShape = (entry: StoredShape): RecordShape => ({ kind: 'record', entry });

/** `value` as stored: without the fields equal to their defaults, at every level the shape knows. */
export function slimmed(value: unknown, shape: StoredShape): unknown {
  if (!isPlainObject(value)) return value;
  if (shape.kind === 'record') return eachEntry(value, (entry) => slimmed(entry, shape.entry));
  const stored: Record<string, unknown> = {};
  let absent: string[] | undefined;
  // A field held as undefined is absent, as JSON has it.
  for (const key in shape.defaults) if (value[key] === undefined) (absent ??= []).push(key);
  for (const key in value) {
    const field = value[key];
    if (field === undefined || (Object.hasOwn(shape.defaults, key) && deepEqual(field, shape.defaults[key]))) continue;
    const nested = shape.fields.get(key);
    setEntry(stored, key, nested ? slimmed(field, nested) : field);
  }
  if (absent) stored[absentMark] = absent;
  return stored;
}

/**
 * `stored` as it was before `slimmed`: every default put back, each object default a copy of its own
 * (readers may change what they read, as they could when every document was parsed afresh), but those of the fields
 * a read left out (`leftOut`, their paths; none through a record's entries).
 */
export function filled(stored: unknown, shape: StoredShape, leftOut: readonly (readonly string[])[] = []): unknown {
  if (!isPlainObject(stored)) return stored;
  if (shape.kind === 'record') return eachEntry(stored, (entry) => filled(entry, shape.entry));
  const whole: Record<string, unknown> = { ...shape.primitives, ...stored };
  for (const key of shape.objectDefaults) if (!Object.hasOwn(stored, key)) whole[key] = copyOf(shape.defaults[key]);
  for (const [key, nested] of shape.fields)
    if (Object.hasOwn(stored, key)) whole[key] = filled(stored[key], nested, leftOut.length ? pathsBelow(leftOut, key) : leftOut);
  for (const [key, ...below] of leftOut) if (key !== undefined && !below.length) Reflect.deleteProperty(whole, key);
  if (!Object.hasOwn(stored, absentMark)) return whole;
  const absent = new Set([absentMark, ...(stored[absentMark] as string[])]);
  return Object.fromEntries(Object.entries(whole).filter(([key]) => !absent.has(key)));
}

/**
 * Whether a query may read `field` (a dotted path) of documents of this shape: never a field that may
 * be left out (one with a default a document can hold), nor one inside an object keyed by ids. A
 * default no stored value can equal (it holds a NUL) never leaves its field out.
 */
export function readableField(shape: StoredShape, field: string): boolean {
  let at: StoredShape | undefined = shape;
  for (const segment of field.split('.')) {
    if (!at) return true;
    if (at.kind === 'record') return false;
    if (Object.hasOwn(at.defaults, segment) && !JSON.stringify(at.defaults[segment]).includes('\\u0000')) return false;
    at = at.fields.get(segment);
  }
  return true;
}

/** The shape of what sits at `path` of a value of `shape`, if the shape knows it. */
export function shapeAt(shape: StoredShape, path: readonly string[]): StoredShape | undefined {
  let at: StoredShape | undefined = shape;
  for (const segment of path) at = at && (at.kind === 'record' ? at.entry : at.fields.get(segment));
  return at;
}

/** A record with each entry mapped; built from entries, so that an id such as `__proto__` stays an own entry. */
function eachEntry(record: Record<string, unknown>, map: (entry: unknown) => unknown): Record<string, unknown> {
  const entries: [string, unknown][] = [];
  for (const id in record) entries.push([id, map(record[id])]);
  return Object.fromEntries(entries);
}

/** Equal as JSON values are: the same primitives, arrays of equal items in order, objects of equal fields in any order. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((item, i) => deepEqual(item, (b as unknown[])[i]));
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  const bRecord = b as Record<string, unknown>;
  return aKeys.every((key) => Object.hasOwn(bRecord, key) && deepEqual((a as Record<string, unknown>)[key], bRecord[key]));
}

const withoutUndefined = (record: Readonly<Record<string, unknown>>) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));

function copyOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [] : value.map(copyOf);
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key in value) setEntry(copy, key, copyOf(value[key]));
  return copy;
}
