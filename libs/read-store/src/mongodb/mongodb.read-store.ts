import { Long, MongoClient, type AnyBulkWriteOperation, type ClientSession, type Db, type Filter, type Sort } from 'mongodb';
import {
  assertField,
  assertName,
  keysetAlternatives,
  LeaseLostError,
  omittedPaths,
  type Checkpoint,
  type Lease,
  type Condition,
  type IndexSpec,
  type Query,
  type ReadDocument,
  type ReadStore,
  type Swap,
  type WriteOperation,
} from '../read-store.port';
import { withoutPaths } from '../fields-left-out';
import { PointReads } from '../point-reads';

const checkpoints = 'read_checkpoints';
/** A projection's checkpoint; no version: recorded before versions were declared, so 1. */
interface StoredCheckpoint {
  _id: string;
  position: Long | number;
  version?: number;
}
const leases = 'read_leases';

interface StoredLease {
  _id: string;
  owner: string | null;
  token: Long | number;
  expiresAt: Date;
}

/** A document as MongoDB keeps it: our id is its `_id`. */
interface Stored {
  _id: string;
  [field: string]: unknown;
}

/**
 * Read store on MongoDB (production). A batch runs in one transaction (a replica set is required):
 * one ordered bulkWrite per run of operations on the same collection, then the checkpoint. Documents
 * keep their id as `_id`.
 */
export class MongoReadStore implements ReadStore {
  readonly backend = 'mongodb';
  private readonly pointReads = new PointReads(async (collection, ids) => {
    const found = await this.db
      .collection<Stored>(collection)
      .find({ _id: { $in: ids } }, { batchSize: ids.length })
      .toArray();
    return new Map(found.map((stored) => [stored._id, toDocument(stored)]));
  });

  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
  ) {}

  static async connect(url: string): Promise<MongoReadStore> {
    const client = new MongoClient(url);
    await client.connect();
    return new MongoReadStore(client, client.db());
  }

  async apply(operations: WriteOperation[], checkpoint?: Checkpoint): Promise<void> {
    const session = this.client.startSession();
    try {
      await session.withTransaction(async () => {
        await this.checkFence(checkpoint, session);
        for (const { collection, writes } of runsByCollection(operations)) {
          await this.db.collection<Stored>(collection).bulkWrite(writes, { ordered: true, session });
        }
        if (checkpoint) await this.storeCheckpoint(checkpoint, session);
      });
    } finally {
      await session.endSession();
    }
  }

  async acquireLease(name: string, owner: string, ttlMs: number, options: { takeOver?: boolean } = {}): Promise<Lease | undefined> {
    const held = { $and: [{ $ne: ['$owner', null] }, { $ne: ['$owner', owner] }, { $gte: ['$expiresAt', '$$NOW'] }] };
    try {
      // A pipeline update reads the stored owner and uses the server's clock; a live holder's lease
      // does not match the filter, so the upsert collides with it and is refused (code 11000).
      const lease = await this.db.collection<StoredLease>(leases).findOneAndUpdate(
        options.takeOver ? { _id: name } : { _id: name, $expr: { $not: held } },
        [
          {
            $set: {
              token: { $cond: [{ $eq: ['$owner', owner] }, '$token', { $add: [{ $ifNull: ['$token', 0] }, 1] }] },
              owner,
              expiresAt: { $add: ['$$NOW', ttlMs] },
            },
          },
        ],
        { upsert: true, returnDocument: 'after' },
      );
      return lease ? { name, owner, token: toBigInt(lease.token) } : undefined;
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return undefined;
      throw error;
    }
  }

  async releaseLease(lease: Lease): Promise<void> {
    await this.db
      .collection<StoredLease>(leases)
      .updateOne({ _id: lease.name, owner: lease.owner, token: Long.fromBigInt(lease.token) }, { $set: { owner: null, expiresAt: new Date(0) } });
  }

  /**
   * MongoDB renames a collection atomically for readers, but not inside a transaction: the checkpoint
   * follows just after. A crash between them leaves documents ahead of the checkpoint, which the
   * position guard on every document makes harmless. The collections `alongside` are renamed first, each
   * on its own, so a reader may find them swapped a moment before `source` is.
   */
  async replaceCollection(source: string, target: string, checkpoint: Checkpoint, alongside: readonly Swap[] = []): Promise<void> {
    const pairs = [...alongside, { source, target }];
    for (const pair of pairs) [pair.source, pair.target].forEach(assertName);
    await this.checkFence(checkpoint);
    for (const pair of pairs) await this.db.renameCollection(pair.source, pair.target, { dropTarget: true });
    await this.storeCheckpoint(checkpoint);
  }

  async dropCollection(collection: string): Promise<void> {
    assertName(collection);
    await this.db
      .collection(collection)
      .drop()
      .catch((error: unknown) => {
        if ((error as { codeName?: string }).codeName !== 'NamespaceNotFound') throw error;
      });
  }

  /**
   * Writing the lease document inside the transaction makes a concurrent take-over a write conflict:
   * one of the two aborts, so a stale writer never commits after losing its lease.
   */
  private async checkFence(checkpoint: Checkpoint | undefined, session?: ClientSession): Promise<void> {
    if (checkpoint?.fence === undefined) return;
    const { matchedCount } = await this.db
      .collection<StoredLease>(leases)
      .updateOne({ _id: checkpoint.name, token: Long.fromBigInt(checkpoint.fence) }, { $currentDate: { fencedAt: true } }, session ? { session } : {});
    if (matchedCount === 0) throw new LeaseLostError(checkpoint.name);
  }

  private async storeCheckpoint(checkpoint: Checkpoint, session?: ClientSession): Promise<void> {
    await this.db
      .collection<StoredCheckpoint>(checkpoints)
      .updateOne(
        { _id: checkpoint.name },
        { $set: { position: Long.fromBigInt(checkpoint.position), ...(checkpoint.version === undefined ? {} : { version: checkpoint.version }) } },
        { upsert: true, ...(session ? { session } : {}) },
      );
  }

  async checkpoint(name: string): Promise<bigint | undefined> {
    const found = await this.db.collection<StoredCheckpoint>(checkpoints).findOne({ _id: name });
    return found ? toBigInt(found.position) : undefined;
  }

  async version(name: string): Promise<number | undefined> {
    const found = await this.db.collection<StoredCheckpoint>(checkpoints).findOne({ _id: name });
    return found ? (found.version ?? 1) : undefined;
  }

  async get(collection: string, id: string, { omit }: Pick<Query, 'omit'> = {}): Promise<ReadDocument | undefined> {
    assertName(collection);
    const paths = omittedPaths(omit);
    // Left out once read, as on PostgreSQL: reads of one collection by id leave together, whatever each leaves out.
    const document = await this.pointReads.get(collection, id);
    return document && withoutPaths(document, paths);
  }

  async find(collection: string, query: Query = {}): Promise<ReadDocument[]> {
    assertName(collection);
    const all = (query.where ?? []).map(toFilter);
    if (query.after) {
      all.push({ $or: keysetAlternatives(query.orderBy ?? [], query.after).map((conditions) => ({ $and: conditions.map(toFilter) })) });
    }
    const filter: Filter<Stored> = all.length ? { $and: all } : {};
    let cursor = this.db.collection<Stored>(collection).find(filter, projectionOf(query.omit));
    if (query.orderBy?.length) {
      const sort: Sort = Object.fromEntries(query.orderBy.map(({ field, direction }) => [mongoField(field), direction === 'asc' ? 1 : -1]));
      cursor = cursor.sort(sort);
    }
    if (query.limit !== undefined) cursor = cursor.limit(Math.max(0, Math.floor(query.limit)));
    return (await cursor.toArray()).map(toDocument);
  }

  async ensureIndexes(collection: string, indexes: IndexSpec[]): Promise<void> {
    assertName(collection);
    if (indexes.length === 0) return;
    await this.db.collection(collection).createIndexes(
      indexes.map((index) => ({
        name: index.name,
        key: Object.fromEntries(index.fields.map(({ field, direction }) => [mongoField(field), direction === 'asc' ? 1 : -1])),
      })),
    );
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

/** The find options that leave the fields of `omit` out. */
function projectionOf(omit: readonly string[] | undefined): { projection?: Record<string, 0> } {
  const paths = omittedPaths(omit);
  return paths.length ? { projection: Object.fromEntries(paths.map((path) => [path.join('.'), 0])) } : {};
}

function mongoField(field: string): string {
  assertField(field);
  return field === 'id' ? '_id' : field;
}

const toBigInt = (value: Long | number) => (typeof value === 'number' ? BigInt(value) : value.toBigInt());

const toDocument = ({ _id, ...rest }: Stored): ReadDocument => ({ ...rest, id: _id });

function toFilter(condition: Condition): Filter<Stored> {
  const field = mongoField(condition.field);
  const operator = { eq: '$eq', ne: '$ne', gt: '$gt', gte: '$gte', lt: '$lt', lte: '$lte', in: '$in' }[condition.op];
  return { [field]: { [operator]: condition.value } };
}

/** Consecutive operations on one collection share a bulkWrite; the order of all of them is kept. */
function runsByCollection(operations: WriteOperation[]): { collection: string; writes: AnyBulkWriteOperation<Stored>[] }[] {
  const runs: { collection: string; writes: AnyBulkWriteOperation<Stored>[] }[] = [];
  for (const operation of operations) {
    assertName(operation.collection);
    const last = runs[runs.length - 1];
    const run = last?.collection === operation.collection ? last : { collection: operation.collection, writes: [] };
    if (run !== last) runs.push(run);
    run.writes.push(toWrite(operation));
  }
  return runs;
}

function toWrite(operation: WriteOperation): AnyBulkWriteOperation<Stored> {
  switch (operation.kind) {
    case 'put': {
      const { id, ...document } = operation.document;
      return { replaceOne: { filter: { _id: id }, replacement: document, upsert: true } };
    }
    case 'update': {
      // Documents are schemaless here: the field paths were checked, the typed builder cannot help.
      const update: Record<string, Record<string, unknown>> = {};
      if (operation.set && Object.keys(operation.set).length) update.$set = mapKeys(operation.set);
      if (operation.increment && Object.keys(operation.increment).length) update.$inc = mapKeys(operation.increment);
      return { updateOne: { filter: { _id: operation.id }, update, upsert: operation.upsert ?? false } };
    }
    case 'delete':
      return { deleteOne: { filter: { _id: operation.id } } };
  }
}

const mapKeys = (fields: Record<string, unknown>) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [mongoField(k), v]));
