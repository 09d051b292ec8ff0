import { createHash, randomUUID } from 'node:crypto';
import { deepFreeze } from '@arrears/platform';
import type { Checkpoint, IndexSpec, ReadDocument, ReadStore, WriteOperation } from '@arrears/read-store';
import { filled, slimmed, type StoredShape } from './stored-shape';
import {
  fieldTrees,
  graftedDocument,
  markedPaths,
  partedObjects,
  splitDocument,
  valueAt,
  type FieldTree,
  type PartedField,
  type StoredPart,
} from './stored-parts';

/** A collection whose documents keep their large fields in parts, and the collection the parts are kept in. */
export interface PartedCollection {
  parts: string;
  fields: readonly PartedField[];
}

/** A part as stored: its document's id, where it sits in it, and what it holds. */
interface PartDocument extends ReadDocument {
  owner: string;
  path: string[];
  value: unknown;
}

/** The fields of a document stored in parts, as this process last read or wrote them, and the head's stamp then. */
interface CachedFields {
  stamp: string;
  trees: FieldTree[];
  parts: number;
}

/** The parts' one query path: a document's parts, by its id. */
const partIndexes: IndexSpec[] = [{ name: 'by_owner', fields: [{ field: 'owner', direction: 'asc' }] }];

/** Documents read at once whose parts are asked for in one query. */
const ownersPerQuery = 200;

/** Reads of a document's parts that may find it written meanwhile before the read gives up. */
const tornReadsAtMost = 10;

/**
 * How many parts the fields kept in memory may hold, all documents together. A part of an account of a few
 * hundred payments holds one or two of them, a few hundred bytes of JSON: tens of megabytes in all. A part of
 * an account of ten thousand payments holds some forty: a process that reads only such accounts keeps
 * several hundred megabytes.
 */
export const defaultCachedParts = 50_000;

/**
 * Written on a head with fields in parts, anew at each write of it: a reader that finds the stamp it last saw
 * has those fields as they are stored, whichever process wrote them since. Field names are never this.
 */
const stampField = '~stamp';

/** A part's id: its document's and its path's digest, whatever characters the ids in either hold. */
const partId = (owner: string, path: readonly string[]) =>
  createHash('sha256')
    .update(JSON.stringify([owner, ...path]))
    .digest('base64url');

// A rebuild's shadow (`accounts__v17`) keeps its parts in the parts collection's shadow of the same suffix.
const suffixPattern = /__(rebuild|v\d+)$/;

/**
 * The parts of the parted collections' documents, on behalf of the read store that stores them: a put is
 * split into its head and the parts it changed, and a read is answered whole.
 * - Which parts are stored as they are is known from what this process read and wrote: an object it read
 *   (or wrote) at a document's path is the one stored there, since nothing changes a document's objects once
 *   made (a fold makes new ones; the fields read from parts are frozen). A write the store refused, and a
 *   collection dropped or replaced, forgets all of it. Every other writer of a projection's documents takes
 *   its lease first, and this process's next write is then refused.
 * - The fields stored in parts are kept in memory, up to `cachedParts` parts: a read finds the head, and
 *   grafts in the fields kept for it when the head's stamp is the one they were kept with.
 */
export class StoredParts {
  private known = new WeakMap<object, string>();
  private readonly cache = new Map<string, CachedFields>();
  private cachedParts = 0;

  constructor(
    private readonly store: ReadStore,
    private readonly parted: ReadonlyMap<string, PartedCollection>,
    private readonly shapeAt: (collection: string, path: readonly string[]) => StoredShape | undefined,
    private readonly cachedPartsAtMost = defaultCachedParts,
  ) {}

  /** The operations as stored (heads still whole: the caller slims them), and what to remember once they are. */
  async stored(operations: WriteOperation[]): Promise<{ operations: WriteOperation[]; written: () => void }> {
    const writtenEach: (() => void)[] = [];
    const stored: WriteOperation[] = [];
    for (const operation of operations) {
      const parted = this.partedOf(operation.collection);
      if (!parted || operation.kind === 'update') stored.push(operation);
      else if (operation.kind === 'put') stored.push(...this.split(operation.collection, operation.document, parted, writtenEach));
      else {
        this.uncache(operation.collection, operation.id);
        stored.push(operation, ...(await this.partsDeleted(operation.collection, [operation.id])));
      }
    }
    return {
      operations: stored,
      written: () => {
        for (const written of writtenEach) written();
      },
    };
  }

  /**
   * The documents of `collection` whole: their fields in parts grafted in, but those `omit` leaves out. A
   * document written between the read of its head and that of its parts is read again (`reread` reads heads
   * as the caller does), so that no reader gets a head with parts of another write.
   */
  async whole(
    collection: string,
    heads: ReadDocument[],
    reread: (ids: string[]) => Promise<ReadDocument[]>,
    omit: readonly string[] = [],
  ): Promise<ReadDocument[]> {
    const parted = this.partedOf(collection);
    if (!parted) return heads;
    const fields = parted.fields.filter(({ at }) => !omit.includes(at[0] as string));
    const answered = new Map<string, ReadDocument>();
    let pending = heads;
    for (let attempt = 1; pending.length; attempt++) {
      const { whole, torn } = await this.grafted(collection, pending, fields, fields.length === parted.fields.length);
      for (const document of whole) answered.set(document.id, document);
      if (torn.length && attempt === tornReadsAtMost)
        throw new Error(`Documents of ${collection} kept changing while their parts were read: ${torn.join(', ')}.`);
      pending = torn.length ? await reread(torn) : [];
    }
    return heads.flatMap(({ id }) => answered.get(id) ?? []);
  }

  /** The heads with their fields grafted in, but those whose head changed while their parts were read: those are torn. */
  private async grafted(
    collection: string,
    heads: ReadDocument[],
    fields: readonly PartedField[],
    keeping: boolean,
  ): Promise<{ whole: ReadDocument[]; torn: string[] }> {
    // Each head's fields as kept here, taken once: keeping those read below may let them go.
    const inParts = heads.filter((head) => markedPaths(head, fields).length);
    const kept = new Map(inParts.map((head) => [head.id, this.cached(collection, head)]));
    const unread = inParts.filter(({ id }) => !kept.get(id)).map(({ id }) => id);
    const read = await this.partsOf(this.partsCollectionOf(collection) as string, unread);
    const [stampsRead, stampsNow] = [new Map(heads.map((head) => [head.id, head[stampField]])), await this.stampsOf(collection, unread)];
    const torn = unread.filter((id) => stampsNow.get(id) !== stampsRead.get(id));
    const whole = heads.flatMap(({ [stampField]: stamp, ...head }): ReadDocument[] => {
      if (!kept.has(head.id)) return [head];
      if (torn.includes(head.id)) return [];
      let trees = kept.get(head.id)?.trees;
      if (!trees) {
        const parts = read.get(head.id) ?? [];
        trees = this.treesRead(collection, head.id, parts, fields);
        // Fields left out are not kept: a later read may want them.
        if (keeping && typeof stamp === 'string') this.keep(collection, head.id, { stamp, trees, parts: parts.length });
      }
      return [graftedDocument(head, trees, fields) as ReadDocument];
    });
    return { whole, torn };
  }

  /** The stamps the heads of `ids` hold now: their parts fields left out, the heads are a few hundred bytes. */
  private async stampsOf(collection: string, ids: string[]): Promise<Map<string, unknown>> {
    if (!ids.length) return new Map();
    const omit = [...new Set((this.partedOf(collection)?.fields ?? []).map(({ at }) => at[0] as string))];
    const heads = await this.store.find(collection, { where: [{ field: 'id', op: 'in', value: ids }], omit });
    return new Map(heads.map((head) => [head.id, head[stampField]]));
  }

  /** Forgets which parts are stored: after a refused write, or a collection dropped or replaced. */
  forget(): void {
    this.known = new WeakMap();
    this.cache.clear();
    this.cachedParts = 0;
  }

  async ensureIndexes(collection: string): Promise<void> {
    const parts = this.partsCollectionOf(collection);
    if (parts) await this.store.ensureIndexes(parts, partIndexes);
  }

  /**
   * Puts the parts of `source` in place of those of `target`, before the documents themselves; the checkpoint
   * stays where it is until the documents' own replacement moves it.
   */
  async replaceCollection(source: string, target: string, checkpoint: Checkpoint): Promise<void> {
    this.forget();
    const [from, to] = [this.partsCollectionOf(source), this.partsCollectionOf(target)];
    if (!from || !to) return;
    const live = (await this.store.checkpoint(checkpoint.name)) ?? 0n;
    await this.store.replaceCollection(from, to, { name: checkpoint.name, position: live, ...(checkpoint.fence !== undefined && { fence: checkpoint.fence }) });
  }

  async dropCollection(collection: string): Promise<void> {
    this.forget();
    const parts = this.partsCollectionOf(collection);
    if (parts) await this.store.dropCollection(parts);
  }

  private split(collection: string, document: ReadDocument, parted: PartedCollection, writtenEach: (() => void)[]): WriteOperation[] {
    const key = (path: readonly string[]) => this.keyOf(collection, document.id, path);
    const split = splitDocument(document, parted.fields, (value, path) => this.known.get(value) === key(path));
    const marked = markedPaths(split.head, parted.fields);
    if (!marked.length) {
      writtenEach.push(() => {
        this.uncache(collection, document.id);
      });
      return [{ kind: 'put', collection, document: split.head as ReadDocument }];
    }
    const stamp = randomUUID();
    const partsCollection = this.partsCollectionOf(collection) as string;
    writtenEach.push(() => {
      for (const [value, path] of split.walked) this.known.set(value, key(path));
      for (const { path, value } of split.parts) if (typeof value === 'object' && value !== null) this.known.set(value, key(path));
      // Kept again only when kept before, its size known: what it held then and the parts written now (some replaced).
      const before = this.cache.get(key([]));
      if (!before) return;
      const trees = marked.map((path): FieldTree => [path, deepFreeze(valueAt(document, path) as Record<string, unknown>)]);
      this.keep(collection, document.id, { stamp, trees, parts: before.parts + split.parts.length });
    });
    return [
      { kind: 'put', collection, document: { ...split.head, id: document.id, [stampField]: stamp } },
      ...split.parts.map((part): WriteOperation => ({ kind: 'put', collection: partsCollection, document: this.partStored(collection, document.id, part) })),
    ];
  }

  /** The fields of `head` as last read or written here, when they are still those stored (its stamp says). */
  private cached(collection: string, head: ReadDocument): CachedFields | undefined {
    const key = this.keyOf(collection, head.id, []);
    const kept = this.cache.get(key);
    if (!kept || kept.stamp !== head[stampField]) return undefined;
    // The least recently read go first.
    this.cache.delete(key);
    this.cache.set(key, kept);
    return kept;
  }

  private keep(collection: string, id: string, fields: CachedFields): void {
    this.uncache(collection, id);
    if (fields.parts > this.cachedPartsAtMost) return;
    this.cache.set(this.keyOf(collection, id, []), fields);
    this.cachedParts += fields.parts;
    for (const [key, oldest] of this.cache) {
      if (this.cachedParts <= this.cachedPartsAtMost) break;
      this.cache.delete(key);
      this.cachedParts -= oldest.parts;
    }
  }

  private uncache(collection: string, id: string): void {
    const key = this.keyOf(collection, id, []);
    const kept = this.cache.get(key);
    if (!kept) return;
    this.cache.delete(key);
    this.cachedParts -= kept.parts;
  }

  /** The fields the parts read for a document make, frozen, each of their objects known to be stored. */
  private treesRead(collection: string, id: string, parts: PartDocument[], fields: readonly PartedField[]): FieldTree[] {
    const trees = fieldTrees(
      parts.map((part) => this.partRead(collection, part)),
      fields,
    ).map(([path, tree]): FieldTree => [path, deepFreeze(tree)]);
    for (const [value, path] of partedObjects(trees, fields)) this.known.set(value, this.keyOf(collection, id, path));
    return trees;
  }

  private partStored(collection: string, owner: string, { path, value }: StoredPart): PartDocument {
    const shape = this.shapeAt(collection, path);
    return { id: partId(owner, path), owner, path: [...path], value: shape ? slimmed(value, shape) : value };
  }

  private partRead(collection: string, { path, value }: PartDocument): StoredPart {
    const shape = this.shapeAt(collection, path);
    return { path, value: shape ? filled(value, shape) : value };
  }

  /** The parts of the documents of `owners`, by owner. */
  private async partsOf(collection: string, owners: string[]): Promise<Map<string, PartDocument[]>> {
    const byOwner = new Map<string, PartDocument[]>();
    for (let i = 0; i < owners.length; i += ownersPerQuery) {
      const value = owners.slice(i, i + ownersPerQuery);
      for (const part of (await this.store.find(collection, { where: [{ field: 'owner', op: 'in', value }] })) as PartDocument[]) {
        const parts = byOwner.get(part.owner);
        if (parts) parts.push(part);
        else byOwner.set(part.owner, [part]);
      }
    }
    return byOwner;
  }

  /** Deletes of the parts of documents of `collection` being deleted. */
  private async partsDeleted(collection: string, owners: string[]): Promise<WriteOperation[]> {
    const parts = this.partsCollectionOf(collection) as string;
    return [...(await this.partsOf(parts, owners)).values()].flat().map(({ id }): WriteOperation => ({ kind: 'delete', collection: parts, id }));
  }

  private keyOf(collection: string, id: string, path: readonly string[]): string {
    return JSON.stringify([collection, id, ...path]);
  }

  private partedOf(collection: string): PartedCollection | undefined {
    return this.parted.get(collection.replace(suffixPattern, ''));
  }

  /** The parts collection of `collection`, if it has one: kept with it, and dropped with it. */
  private partsCollectionOf(collection: string): string | undefined {
    const parted = this.partedOf(collection);
    return parted && `${parted.parts}${suffixPattern.exec(collection)?.[0] ?? ''}`;
  }
}
