import { createHash, randomUUID } from 'node:crypto';
import { deepFreeze, LeastRecentlyUsed, StoreBusyError } from '@arrears/platform';
import {
  isWithin,
  type Condition,
  type IndexBuildOptions,
  type IndexSpec,
  type Query,
  type ReadDocument,
  type ReadStore,
  type Swap,
  type WriteOperation,
} from '@arrears/read-store';
import { filled, slimmed, type StoredShape } from './stored-shape';
import {
  fieldTrees,
  graftedDocument,
  markedPaths,
  fieldOfPart,
  partedFieldName,
  partedObjects,
  splitDocument,
  valueAt,
  type FieldPart,
  type FieldTree,
  type PartedField,
  type StoredPart,
} from './stored-parts';

/** A collection whose documents keep their large fields in parts, and the collection the parts are kept in. */
export interface PartedCollection {
  parts: string;
  fields: readonly PartedField[];
}

/**
 * A part as stored: its document's id, where it sits in it, what it holds, the stamp of the write that stored it, and
 * the field it is a part of (not on the parts of an earlier release).
 */
interface PartDocument extends ReadDocument {
  owner: string;
  path: string[];
  value: unknown;
  stamp: string;
  field?: string;
}

/** The stamp a part was stored with, and the document it was stored in (a key of `keyOf`). */
interface PartStamp {
  document: string;
  stamp: string;
}

/** The fields of a document stored in parts, as this process last read or wrote them, and the head's stamp then. */
interface KeptFields {
  stamp: string;
  trees: FieldTree[];
  parts: number;
  /** The fields the trees are complete for: all of them once written here, those read by a read that left some out. */
  fields: readonly PartedField[];
}

/** The parts' one query path: a document's parts, by its id. */
const partIndexes: IndexSpec[] = [{ name: 'by_owner', fields: [{ field: 'owner', direction: 'asc' }] }];

/** Owners or ids of parts asked for in one query. */
const valuesPerQuery = 200;

/** Reads of a document's parts that may find it written meanwhile before the read gives up. */
const tornReadsAtMost = 10;

/**
 * How many parts the fields kept in memory may hold, all documents together. A part of an account of a few
 * hundred payments holds one or two of them, a few hundred bytes of JSON: tens of megabytes in all. A part of
 * an account of ten thousand payments holds some forty: a process that reads only such accounts keeps
 * several hundred megabytes.
 */
export const defaultKeptParts = 50_000;

/**
 * Written on a head with fields in parts, anew at each write of it, and on each part that write stores: a reader that
 * finds the stamp it last saw has those fields as they are stored, whichever process wrote them since; one that finds
 * another reads only the parts whose stamps differ from those it holds. Field names are never this.
 */
const stampField = '~stamp';

/** A part, and the stamp of the write that stored it. */
type StampedPart = StoredPart & { readonly stamp: string };

/** Whether a part's value can be known by its stamp: an object, stored with a stamp. */
const isStamped = (value: unknown, stamp: unknown): value is object => typeof value === 'object' && value !== null && typeof stamp === 'string';

/** The value at `path` of the fields `trees` hold, if one of them holds it. */
function heldAt(trees: readonly FieldTree[] | undefined, path: readonly string[]): unknown {
  const [field, tree] = trees?.find(([at]) => at.length < path.length && isWithin(path, at)) ?? [];
  return field && valueAt(tree, path.slice(field.length));
}

/** A part's id: its document's and its path's digest, whatever characters the ids in either hold. */
const partId = (owner: string, path: readonly string[]) =>
  createHash('sha256')
    .update(JSON.stringify([owner, ...path]))
    .digest('base64url');

/** A rebuild's shadow of a collection (`accounts__rebuild`, `accounts__v17`): its suffix, if it is one. */
const shadowSuffix = /__(rebuild|v\d+)$/;

/** The collection `collection` is, or is a rebuild's shadow of; stored as it is. */
export const baseCollectionOf = (collection: string) => collection.replace(shadowSuffix, '');

/**
 * The parts of the parted collections' documents, on behalf of the read store that stores them: a put is
 * split into its head and the parts it changed, and a read is answered whole.
 * - Which parts are stored as they are is known from what this process read and wrote: an object it read
 *   (or wrote) at a document's path is the one stored there, since nothing changes a document's objects once
 *   made (a fold makes new ones; the fields in parts it reads and writes are frozen). A write the store
 *   refused, a document deleted, and a collection dropped or replaced forget all of it. Every other writer of
 *   a projection's documents takes its lease first, and this process's next write is then refused.
 * - The fields stored in parts are kept in memory, up to `keptParts` parts: a read finds the head, and grafts
 *   in the fields kept for it when the head's stamp is the one they were kept with. When the stamp is another, the
 *   read lists the stamps of the document's parts (their values left out) and reads only the parts stored since: a
 *   busy account read again after a payment reads the three parts it changed, not its whole history. A read that
 *   leaves fields out (the API's view of an account leaves out its payment ids) reads, lists and keeps the parts of
 *   the others alone.
 * - A head's marks count its fields' parts, and a read that finds other parts, or a stamp changed by the time
 *   the parts are read, reads the document again: no reader gets a head with the parts of another write.
 */
export class StoredParts {
  private known = new WeakMap<object, string>();
  private stamps = new WeakMap<object, PartStamp>();
  private readonly kept: LeastRecentlyUsed<string, KeptFields>;

  constructor(
    private readonly store: ReadStore,
    private readonly parted: ReadonlyMap<string, PartedCollection>,
    private readonly shapeAt: (collection: string, path: readonly string[]) => StoredShape | undefined,
    keptParts = defaultKeptParts,
  ) {
    this.kept = new LeastRecentlyUsed(keptParts, ({ parts }) => parts);
  }

  /**
   * The operations as stored (heads still whole: the caller slims them), and what to remember once they are. The
   * parts go after the rest, so that a store writes each collection's run in one statement.
   */
  async stored(operations: WriteOperation[]): Promise<{ operations: WriteOperation[]; written: () => void }> {
    const [stored, parts, writtenEach]: [WriteOperation[], WriteOperation[], (() => void)[]] = [[], [], []];
    for (const operation of operations) {
      const parted = this.partedOf(operation.collection);
      if (!parted) stored.push(operation);
      else if (operation.kind === 'update')
        throw new Error(`Documents of ${operation.collection} keep fields in parts: put them whole, never update their fields.`);
      else if (operation.kind === 'put') {
        const split = this.split(operation.collection, operation.document, parted);
        stored.push(split.head);
        parts.push(...split.parts);
        writtenEach.push(split.written);
      } else {
        stored.push(operation);
        parts.push(...(await this.partsDeleted(parted, operation.collection, operation.id)));
        // Its objects may come back in a document of the same id, whose parts this delete takes away.
        writtenEach.push(() => {
          this.forget();
        });
      }
    }
    return {
      operations: [...stored, ...parts],
      written: () => {
        for (const written of writtenEach) written();
      },
    };
  }

  /**
   * The documents of `collection` whole: their fields in parts grafted in, but those `leftOut` holds (a field's
   * path, or one of its parents', as `omittedPaths` gives them), whose parts are not read (but those of an earlier release, which name no field:
   * taken whole, they are not kept). A document
   * written between the read of its head and that of its parts is read again (`reread` reads heads as the caller
   * did, or leaves out those that no longer match); one that keeps being torn so fails as a store too busy to
   * answer (503 to a client, to be retried).
   */
  async whole(
    collection: string,
    heads: ReadDocument[],
    reread: (ids: string[]) => Promise<ReadDocument[]>,
    leftOut: readonly string[][] = [],
  ): Promise<ReadDocument[]> {
    const parted = this.partedOf(collection);
    if (!parted) return heads;
    const fields = parted.fields.filter(({ at }) => !leftOut.some((path) => isWithin(at, path)));
    const answered = new Map<string, ReadDocument>();
    let pending = heads;
    for (let attempt = 1; pending.length; attempt++) {
      const { whole, torn } = await this.grafted(collection, parted, pending, fields);
      for (const document of whole) answered.set(document.id, document);
      if (torn.length && attempt === tornReadsAtMost)
        throw new StoreBusyError(`Documents of ${collection} kept changing while their parts were read: ${torn.join(', ')}.`);
      pending = torn.length ? await reread(torn) : [];
    }
    return heads.flatMap(({ id }) => answered.get(id) ?? []);
  }

  /** Forgets which parts are stored: after a refused write, or a collection dropped or replaced. */
  forget(): void {
    this.known = new WeakMap();
    this.stamps = new WeakMap();
    this.kept.clear();
  }

  async ensureIndexes(collection: string, options?: IndexBuildOptions): Promise<void> {
    const parted = this.partedOf(collection);
    if (parted) await this.store.ensureIndexes(this.partsCollectionOf(parted, collection), partIndexes, options);
  }

  /** The parts collection put in place along with `source`'s documents, in the same step: none when it keeps none. */
  partsReplaced(source: string, target: string): Swap[] {
    const parted = this.partedOf(source);
    return parted ? [{ source: this.partsCollectionOf(parted, source), target: this.partsCollectionOf(parted, target) }] : [];
  }

  async dropCollection(collection: string): Promise<void> {
    const parted = this.partedOf(collection);
    if (parted) await this.store.dropCollection(this.partsCollectionOf(parted, collection));
  }

  /** The heads with their fields grafted in, but those whose parts were written by another write than their head's: torn. */
  private async grafted(
    collection: string,
    parted: PartedCollection,
    heads: ReadDocument[],
    fields: readonly PartedField[],
  ): Promise<{ whole: ReadDocument[]; torn: string[] }> {
    // Each head's fields as kept here, taken once: keeping those read below may let them go.
    const inParts = heads.filter((head) => markedPaths(head, fields).length);
    const kept = new Map(inParts.map((head) => [head.id, this.keptFor(collection, head, fields)]));
    const unread = inParts.filter(({ id }) => !kept.get(id)).map(({ id }) => id);
    const read = await this.partsRead(collection, parted, unread, fields);
    const [stampsRead, stampsNow] = [new Map(heads.map((head) => [head.id, head[stampField]])), await this.stampsOf(collection, parted, unread)];
    const torn = new Set(unread.filter((id) => stampsNow.get(id) !== stampsRead.get(id)));
    const whole = heads.flatMap(({ [stampField]: stamp, ...head }): ReadDocument[] => {
      if (!kept.has(head.id)) return [head];
      if (torn.has(head.id)) return [];
      const [keptFields, parts] = [kept.get(head.id), read.get(head.id) ?? []];
      const trees = keptFields?.trees ?? fieldTrees(parts, fields);
      const document = graftedDocument(head, trees, fields);
      if (!document) {
        torn.add(head.id);
        return [];
      }
      const keeping = typeof stamp === 'string' ? { stamp, trees, parts: parts.length, fields } : undefined;
      if (!keptFields) this.remember(collection, parted, head.id, { trees, parts }, keeping);
      return [document as ReadDocument];
    });
    return { whole, torn: [...torn] };
  }

  /** Knows the fields read as stored, frozen, and their parts' stamps; keeps them when `keeping` says so. */
  private remember(
    collection: string,
    parted: PartedCollection,
    id: string,
    { trees, parts }: { trees: FieldTree[]; parts: StampedPart[] },
    keeping: KeptFields | undefined,
  ): void {
    const document = this.keyOf(collection, id, []);
    for (const { value, stamp } of parts) if (isStamped(value, stamp)) this.stamps.set(value, { document, stamp });
    for (const [, tree] of trees) deepFreeze(tree);
    for (const [value, path] of partedObjects(trees, parted.fields)) this.known.set(value, this.keyOf(collection, id, path));
    if (keeping) this.kept.set(document, keeping);
  }

  /**
   * The parts of `fields` of the documents of `owners`, by owner. Those of a document this process holds an older
   * write of are listed first, their stamps without their values, and only those whose stamps differ from the ones
   * held are read; the others' are all read.
   */
  private async partsRead(collection: string, parted: PartedCollection, owners: string[], fields: readonly PartedField[]): Promise<Map<string, StampedPart[]>> {
    const partsCollection = this.partsCollectionOf(parted, collection);
    // A part stored by an earlier release names no field: it is read whatever the fields asked for.
    const ofFields: Condition[] = fields.length < parted.fields.length ? [{ field: 'field', op: 'in', value: [null, ...fields.map(partedFieldName)] }] : [];
    const held = new Map(owners.flatMap((owner) => this.keptAnyStamp(collection, owner)));
    const byOwner = new Map<string, StampedPart[]>();
    const add = (owner: string, part: StampedPart) => {
      const parts = byOwner.get(owner);
      if (parts) parts.push(part);
      else byOwner.set(owner, [part]);
    };
    const read = async (field: 'owner' | 'id', values: string[]) => {
      for (const part of await this.partsWhere(partsCollection, field, values, { where: ofFields }))
        add(part.owner, { ...this.partRead(collection, part), stamp: part.stamp });
    };
    await read(
      'owner',
      owners.filter((owner) => !held.has(owner)),
    );
    const changed: string[] = [];
    for (const part of await this.partsWhere(partsCollection, 'owner', [...held.keys()], { where: ofFields, omit: ['value'] })) {
      // A part of a field left out, stored by an earlier release that named no field: not asked for.
      if (!fieldOfPart(part.path, fields)) continue;
      const value = heldAt(held.get(part.owner), part.path);
      // A part stored without a stamp (by an earlier release) is read again: nothing tells it unchanged.
      if (isStamped(value, part.stamp) && this.stampOf(value, this.keyOf(collection, part.owner, [])) === part.stamp)
        add(part.owner, { path: part.path, value, stamp: part.stamp });
      else changed.push(part.id);
    }
    await read('id', changed);
    return byOwner;
  }

  /** The fields kept for a document, whatever the stamp they were kept with. */
  private keptAnyStamp(collection: string, id: string): [string, FieldTree[]][] {
    const kept = this.kept.peek(this.keyOf(collection, id, []));
    return kept ? [[id, kept.trees]] : [];
  }

  /** The stamp `part` was stored with in `document`, if this process read or wrote it there. */
  private stampOf(part: object, document: string): string | undefined {
    const stamped = this.stamps.get(part);
    return stamped?.document === document ? stamped.stamp : undefined;
  }

  /** A put split into its head's and its changed parts', and what it makes known once written. */
  private split(collection: string, document: ReadDocument, parted: PartedCollection): { head: WriteOperation; parts: WriteOperation[]; written: () => void } {
    const key = (path: readonly string[]) => this.keyOf(collection, document.id, path);
    // An object this process never read nor wrote (most of them) is told apart without making its key.
    const split = splitDocument(document, parted.fields, (value, path) => {
      const stored = this.known.get(value);
      return stored !== undefined && stored === key(path);
    });
    if (!split.marked.length)
      return {
        head: { kind: 'put', collection, document: split.head as ReadDocument },
        parts: [],
        written: () => {
          // Most documents never held parts, and nothing is kept for them.
          if (this.kept.size) this.kept.delete(key([]));
        },
      };
    const [stamp, whole] = [randomUUID(), key([])];
    const partsCollection = this.partsCollectionOf(parted, collection);
    const written = () => {
      for (const [value, path] of split.walked) this.known.set(value, key(path));
      for (const { path, value } of split.parts) {
        if (!isStamped(value, stamp)) continue;
        this.known.set(value, key(path));
        this.stamps.set(value, { document: whole, stamp });
      }
      const trees = split.marked.map(([path]): FieldTree => [path, deepFreeze(valueAt(document, path) as Record<string, unknown>)]);
      const parts = split.marked.reduce((sum, [, count]) => sum + count, 0);
      this.kept.set(whole, { stamp, trees, parts, fields: parted.fields });
    };
    return {
      head: { kind: 'put', collection, document: { ...split.head, id: document.id, [stampField]: stamp } },
      parts: split.parts.map((part): WriteOperation => ({
        kind: 'put',
        collection: partsCollection,
        document: this.partStored(collection, document.id, { ...part, stamp }),
      })),
      written,
    };
  }

  /** The fields of `head` as last read or written here, when they are still those stored (its stamp says) and hold `fields`. */
  private keptFor(collection: string, head: ReadDocument, fields: readonly PartedField[]): KeptFields | undefined {
    const kept = this.kept.get(this.keyOf(collection, head.id, []));
    return kept && kept.stamp === head[stampField] && fields.every((field) => kept.fields.includes(field)) ? kept : undefined;
  }

  /** The stamps the heads of `ids` hold now: their parted fields left out, the heads are a few hundred bytes. */
  private async stampsOf(collection: string, parted: PartedCollection, ids: string[]): Promise<Map<string, unknown>> {
    if (!ids.length) return new Map();
    const omit = [...new Set(parted.fields.map(({ at }) => at[0] as string))];
    const heads = await this.store.find(collection, { where: [{ field: 'id', op: 'in', value: ids }], omit });
    return new Map(heads.map((head) => [head.id, head[stampField]]));
  }

  private partStored(collection: string, owner: string, { path, value, stamp, field }: FieldPart & { stamp: string }): PartDocument {
    const shape = this.shapeAt(collection, path);
    return { id: partId(owner, path), owner, path: [...path], value: shape ? slimmed(value, shape) : value, stamp, field };
  }

  private partRead(collection: string, { path, value }: PartDocument): StoredPart {
    const shape = this.shapeAt(collection, path);
    return { path, value: shape ? filled(value, shape) : value };
  }

  /** The parts whose `field` (their owner, or their id) is one of `values`, a few hundred values a query, that `where` also finds; `omit` left out. */
  private async partsWhere(collection: string, field: 'owner' | 'id', values: string[], { where = [], omit }: Query = {}): Promise<PartDocument[]> {
    const parts: PartDocument[] = [];
    for (let i = 0; i < values.length; i += valuesPerQuery) {
      const value = values.slice(i, i + valuesPerQuery);
      parts.push(...((await this.store.find(collection, { where: [{ field, op: 'in', value }, ...where], ...(omit ? { omit } : {}) })) as PartDocument[]));
    }
    return parts;
  }

  /** Deletes of the parts of a document of `collection` being deleted. */
  private async partsDeleted(parted: PartedCollection, collection: string, owner: string): Promise<WriteOperation[]> {
    const parts = this.partsCollectionOf(parted, collection);
    return (await this.partsWhere(parts, 'owner', [owner])).map(({ id }): WriteOperation => ({ kind: 'delete', collection: parts, id }));
  }

  private keyOf(collection: string, id: string, path: readonly string[]): string {
    return JSON.stringify([collection, id, ...path]);
  }

  private partedOf(collection: string): PartedCollection | undefined {
    return this.parted.get(baseCollectionOf(collection));
  }

  /** Where the parts of `collection` are kept: a shadow's beside the parts collection, under the same suffix. */
  private partsCollectionOf(parted: PartedCollection, collection: string): string {
    return `${parted.parts}${shadowSuffix.exec(collection)?.[0] ?? ''}`;
  }
}
