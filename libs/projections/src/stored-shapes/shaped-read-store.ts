import {
  omittedPaths,
  withoutPaths,
  type Checkpoint,
  type IndexBuildOptions,
  type IndexSpec,
  type Lease,
  type Query,
  type ReadDocument,
  type ReadStore,
  type WriteOperation,
} from '@arrears/read-store';
import { filled, readableField, shapeAt, slimmed, type StoredShape } from './stored-shape';
import { baseCollectionOf, StoredParts, type PartedCollection } from './stored-parts.store';

/**
 * A read store whose documents of some collections are stored slim (see stored-shape.ts): written
 * without their defaults, read with them put back, so that every reader sees whole documents (whose fields
 * read from parts are frozen, shared by the readers of one process: copy one before changing it). A
 * rebuild's shadow (`accounts__v15`) is stored like its collection. Queries must not read a field that
 * may be left out: the shapes keep whole every field a query or an index names. The fields of a collection
 * that grow with a document's history are stored in parts of their own (see stored-parts.ts), and a
 * write stores only the parts it changed.
 */
export class ShapedReadStore implements ReadStore {
  private readonly parts: StoredParts;

  constructor(
    private readonly store: ReadStore,
    private readonly shapes: ReadonlyMap<string, StoredShape>,
    parted: ReadonlyMap<string, PartedCollection> = new Map(),
  ) {
    this.parts = new StoredParts(store, parted, (collection, path) => {
      const shape = this.shapeOf(collection);
      return shape && shapeAt(shape, path);
    });
  }

  get backend(): string {
    return this.store.backend;
  }

  async apply(operations: WriteOperation[], checkpoint?: Checkpoint): Promise<void> {
    const { operations: split, written } = await this.parts.stored(operations);
    try {
      await this.store.apply(
        split.map((operation) => this.stored(operation)),
        checkpoint,
      );
    } catch (error) {
      this.parts.forget();
      throw error;
    }
    written();
  }

  async get(collection: string, id: string, { omit }: Pick<Query, 'omit'> = {}): Promise<ReadDocument | undefined> {
    const paths = omittedPaths(omit);
    const document = await this.store.get(collection, id, omit && { omit });
    if (!document) return undefined;
    const [whole] = await this.parts.whole(
      collection,
      [this.filled(collection, document, paths)],
      (ids) => this.heads(collection, ids, omit ? { omit } : {}),
      paths,
    );
    return whole && withoutPaths(whole, paths);
  }

  async find(collection: string, query?: Query): Promise<ReadDocument[]> {
    const shape = this.shapeOf(collection);
    if (shape) this.requireReadable(collection, shape, [...(query?.where ?? []), ...(query?.orderBy ?? [])]);
    const paths = omittedPaths(query?.omit);
    const documents = await this.store.find(collection, query);
    const whole = await this.parts.whole(
      collection,
      documents.map((document) => this.filled(collection, document, paths)),
      (ids) => this.heads(collection, ids, query ?? {}),
      paths,
    );
    // A path through a record's entries, or into a field in parts, may still find what defaults or parts brought back.
    return paths.length ? whole.map((document) => withoutPaths(document, paths)) : whole;
  }

  checkpoint(name: string): Promise<bigint | undefined> {
    return this.store.checkpoint(name);
  }

  version(name: string): Promise<number | undefined> {
    return this.store.version(name);
  }

  async ensureIndexes(collection: string, indexes: IndexSpec[], options?: IndexBuildOptions): Promise<void> {
    const shape = this.shapeOf(collection);
    if (shape)
      this.requireReadable(
        collection,
        shape,
        indexes.flatMap((index) => index.fields),
      );
    await this.store.ensureIndexes(collection, indexes, options);
    await this.parts.ensureIndexes(collection, options);
  }

  acquireLease(name: string, owner: string, ttlMs: number, options?: { takeOver?: boolean }): Promise<Lease | undefined> {
    return this.store.acquireLease(name, owner, ttlMs, options);
  }

  releaseLease(lease: Lease): Promise<void> {
    return this.store.releaseLease(lease);
  }

  // What is known of the parts is forgotten once the swap or the drop is over: a read that ended during it kept what it found before.
  async replaceCollection(source: string, target: string, checkpoint: Checkpoint): Promise<void> {
    try {
      await this.store.replaceCollection(source, target, checkpoint, this.parts.partsReplaced(source, target));
    } finally {
      this.parts.forget();
    }
  }

  async dropCollection(collection: string): Promise<void> {
    try {
      await this.parts.dropCollection(collection);
      await this.store.dropCollection(collection);
    } finally {
      this.parts.forget();
    }
  }

  close(): Promise<void> {
    return this.store.close();
  }

  private stored(operation: WriteOperation): WriteOperation {
    const shape = this.shapeOf(operation.collection);
    if (!shape) return operation;
    // A path set into a slim document could land under a field left out, and leave it half there.
    if (operation.kind === 'update') throw new Error(`Documents of ${operation.collection} are stored slim: put them whole, never update their fields.`);
    return operation.kind === 'put' ? { ...operation, document: slimmed(operation.document, shape) as ReadDocument } : operation;
  }

  /** The documents of `ids` that `query` still finds, as stored, filled: what a read of their parts starts again from. */
  private async heads(collection: string, ids: string[], { where = [], omit }: Query): Promise<ReadDocument[]> {
    const documents = await this.store.find(collection, { where: [...where, { field: 'id', op: 'in', value: ids }], ...(omit && { omit }) });
    const paths = omittedPaths(omit);
    return documents.map((document) => this.filled(collection, document, paths));
  }

  /** The document with its defaults put back, but those of the fields at `leftOut`. */
  private filled(collection: string, document: ReadDocument, leftOut: readonly string[][] = []): ReadDocument {
    const shape = this.shapeOf(collection);
    return shape ? (filled(document, shape, leftOut) as ReadDocument) : document;
  }

  /** A query or an index on a field that may be left out would miss the documents that leave it out. */
  private requireReadable(collection: string, shape: StoredShape, fields: { field: string }[]): void {
    const unreadable = fields.find(({ field }) => !readableField(shape, field));
    if (unreadable) throw new Error(`${collection} stores ${unreadable.field} slim: no query or index may read it.`);
  }

  /** The shape of a collection, or of the one a rebuild's shadow (`<collection>__rebuild`, `<collection>__v<version>`) stands in for. */
  private shapeOf(collection: string): StoredShape | undefined {
    return this.shapes.get(baseCollectionOf(collection));
  }
}
