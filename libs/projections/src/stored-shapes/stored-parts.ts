import { setEntry, withEntry } from '@arrears/domain';
import { isPlainObject } from '@arrears/platform';

/**
 * A field of a document that grows with the document's history (an account's payments, its ledger's
 * days), stored apart from it once it is large: each object `depth` levels below the field (a registry's
 * bucket, a ledger's month) is a part, a document of its own, and the field holds a mark in its place. An
 * event changes one bucket of a registry and leaves the others as they were (the registries are persistent:
 * an unchanged bucket is the same object), so writing the document after it writes only the parts it
 * changed, not the whole history. A field of few entries stays in its document: a row per part would cost
 * a small account more than its whole document does.
 */
export interface PartedField {
  /** Where the field sits: field names, `*` for every entry of a record (each invoice's days paid on, say). */
  readonly at: readonly string[];
  /** How many levels of objects lead from the field down to its parts. */
  readonly depth: number;
}

/** One part of a document: where it sits in the document, and what it holds. */
export interface StoredPart {
  readonly path: readonly string[];
  readonly value: unknown;
}

/** A part as a write splits it off: with the field it is a part of, as declared (`account.invoices.*.paidOn`). */
export interface FieldPart extends StoredPart {
  readonly field: string;
}

/** A field's name as its parts are stored with it: a read of some fields' parts asks for those alone. */
export const partedFieldName = ({ at }: PartedField) => at.join('.');

/** Whether `value`, at `path` of the document, is stored in parts as it is: nothing below it needs a write. */
export type KnownStored = (value: object, path: readonly string[]) => boolean;

/**
 * The entries a field's parts may hold before it is stored in parts: a ledger's days, a registry's buckets (one
 * payment each, mostly, until the registry holds thousands).
 */
export const entriesKeptInline = 64;

/** What a field stored in parts holds in its document: how many parts it has. Field names are the domain's own, never this. */
const partedMark = '~parted';

/** The parts a field stored in parts has, as its mark says; undefined for any other value. */
export const partsMarked = (value: unknown): number | undefined =>
  isPlainObject(value) && typeof value[partedMark] === 'number' ? value[partedMark] : undefined;

export interface SplitDocument {
  /** The document with a mark in place of each field stored in parts. */
  head: Record<string, unknown>;
  /** The parts below objects not known to be stored. */
  parts: FieldPart[];
  /** The fields stored in parts, and the objects walked below them: all known to be stored once the write is. */
  walked: [object, string[]][];
  /** The paths of the fields stored in parts, and the parts each has. */
  marked: [path: string[], parts: number][];
}

/** The document as stored: a head, and the parts of its large fields not known to be stored already. */
export function splitDocument(document: Record<string, unknown>, fields: readonly PartedField[], known: KnownStored): SplitDocument {
  const split: SplitDocument = { head: document, parts: [], walked: [], marked: [] };
  for (const field of fields) {
    const { at, depth } = field;
    for (const [path, root] of fieldsAt(document, at)) {
      // A field once stored in parts only grows: one that is known stored so, or too large now, is stored in parts.
      if (!known(root, path) && entriesUpTo(root, depth, entriesKeptInline + 1) <= entriesKeptInline) continue;
      const parts = partsIn(root, depth);
      split.head = replacedAt(split.head, path, { [partedMark]: parts }) as Record<string, unknown>;
      split.marked.push([path, parts]);
      partsBelow(root, path, depth, known, split, partedFieldName(field));
    }
  }
  return split;
}

/**
 * Each object at `at` (each entry's, through a `*`), with its path. Every document written or read goes through
 * here, nearly all of them small: it makes a path at each level it goes down, and nothing else.
 */
function fieldsAt(
  value: unknown,
  at: readonly string[],
  found: [string[], Record<string, unknown>][] = [],
  path: string[] = [],
): [string[], Record<string, unknown>][] {
  if (!isPlainObject(value)) return found;
  const segment = at[path.length];
  if (segment === undefined) found.push([path, value]);
  else if (segment !== '*') {
    if (Object.hasOwn(value, segment)) fieldsAt(value[segment], at, found, [...path, segment]);
  } else for (const key of Object.keys(value)) fieldsAt(value[key], at, found, [...path, key]);
  return found;
}

/** How many entries the parts below `value` hold, counted up to `limit`. */
function entriesUpTo(value: Record<string, unknown>, depth: number, limit: number): number {
  let count = 0;
  for (const key in value) {
    const inner = value[key];
    if (!isPlainObject(inner)) count++;
    else count += depth > 1 ? entriesUpTo(inner, depth - 1, limit - count) : Object.keys(inner).length;
    if (count >= limit) break;
  }
  return count;
}

/** How many parts lie below `value`: its index levels walked, not its parts (a registry's: at most 272 objects). */
function partsIn(value: Record<string, unknown>, depth: number): number {
  let count = 0;
  for (const key in value) {
    const inner = value[key];
    count += depth > 1 && isPlainObject(inner) ? partsIn(inner, depth - 1) : 1;
  }
  return count;
}

/** Gathers the parts below `value` (at `path`) that are not known to be stored, and the objects walked to them. */
function partsBelow(value: Record<string, unknown>, path: string[], depth: number, known: KnownStored, split: SplitDocument, field: string): void {
  if (known(value, path)) return;
  split.walked.push([value, path]);
  for (const key of Object.keys(value)) {
    const inner = value[key];
    if (depth > 1 && isPlainObject(inner)) partsBelow(inner, [...path, key], depth - 1, known, split, field);
    else if (!isPlainObject(inner) || !known(inner, [...path, key])) split.parts.push({ path: [...path, key], value: inner, field });
  }
}

/** A field stored in parts, made again: its path in the document, and what it holds. */
export type FieldTree = [path: string[], tree: Record<string, unknown>];

/** The fields the parts make, each built from its parts. */
export function fieldTrees(parts: readonly StoredPart[], fields: readonly PartedField[]): FieldTree[] {
  const trees = new Map<string, FieldTree>();
  for (const part of parts) {
    const field = fieldOfPart(part.path, fields);
    if (!field) continue;
    const path = part.path.slice(0, field.at.length);
    const key = JSON.stringify(path);
    let tree = trees.get(key);
    if (!tree) trees.set(key, (tree = [path, {}]));
    setBelow(tree[1], part.path.slice(field.at.length), part.value);
  }
  return [...trees.values()];
}

const matches = (at: readonly string[], path: readonly string[]) => at.every((segment, i) => segment === '*' || segment === path[i]);

/** The one of `fields` whose part lies at `path`, if any. */
export const fieldOfPart = (path: readonly string[], fields: readonly PartedField[]): PartedField | undefined =>
  fields.find(({ at, depth }) => path.length > at.length && path.length <= at.length + depth && matches(at, path));

/**
 * The document whose head is `head`, each mark replaced by its field's tree; null when a field has not the parts
 * its mark counts (they were read as another write left them). A tree with no mark in its place is left out:
 * its field is back in the document.
 */
export function graftedDocument(head: Record<string, unknown>, trees: readonly FieldTree[], fields: readonly PartedField[]): Record<string, unknown> | null {
  const byPath = new Map(trees.map(([path, tree]) => [JSON.stringify(path), tree]));
  let whole = head;
  for (const { at, depth } of fields) {
    for (const [path, value] of fieldsAt(head, at)) {
      const parts = partsMarked(value);
      if (parts === undefined) continue;
      const tree = byPath.get(JSON.stringify(path));
      if (!tree || partsIn(tree, depth) !== parts) return null;
      whole = replacedAt(whole, path, tree) as Record<string, unknown>;
    }
  }
  return whole;
}

/** The paths of the fields a head holds marks for: those stored in parts. */
export function markedPaths(head: Record<string, unknown>, fields: readonly PartedField[]): string[][] {
  const marked: string[][] = [];
  for (const { at } of fields) for (const [path, value] of fieldsAt(head, at)) if (partsMarked(value) !== undefined) marked.push(path);
  return marked;
}

/** Every object of the fields stored in parts (each field, its levels and its parts), with its path. */
export function partedObjects(trees: readonly FieldTree[], fields: readonly PartedField[]): [object, string[]][] {
  const found: [object, string[]][] = [];
  const below = (value: Record<string, unknown>, path: string[], depth: number) => {
    found.push([value, path]);
    if (depth > 0) for (const key of Object.keys(value)) if (isPlainObject(value[key])) below(value[key], [...path, key], depth - 1);
  };
  for (const [path, tree] of trees) {
    const field = fields.find(({ at }) => at.length === path.length && matches(at, path));
    if (field) below(tree, path, field.depth);
  }
  return found;
}

export const valueAt = (value: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>((at, key) => (isPlainObject(at) && Object.hasOwn(at, key) ? at[key] : undefined), value);

/** Sets `value` at `path` below `tree`, making the objects on the way (all the graft's own). */
function setBelow(tree: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let level = tree;
  for (const key of path.slice(0, -1)) {
    const inner = Object.hasOwn(level, key) ? level[key] : undefined;
    if (isPlainObject(inner)) level = inner;
    else setEntry(level, key, (level = {}));
  }
  setEntry(level, path[path.length - 1] as string, value);
}

/** `value` with `replacement` at `path`, copying only what leads to it; unchanged when something on the way is missing. */
function replacedAt(value: unknown, path: readonly string[], replacement: unknown): unknown {
  const [segment, ...below] = path;
  if (segment === undefined) return replacement;
  if (!isPlainObject(value) || !Object.hasOwn(value, segment)) return value;
  return withEntry(value, segment, replacedAt(value[segment], below, replacement));
}
