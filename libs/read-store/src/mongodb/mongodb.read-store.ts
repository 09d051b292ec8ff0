import { Long, MongoClient, type AnyBulkWriteOperation, type Db, type Filter, type Sort, type UpdateFilter } from 'mongodb';
import {
  assertField,
  assertName,
  type Checkpoint,
  type Condition,
  type IndexSpec,
  type Query,
  type ReadDocument,
  type ReadStore,
  type WriteOperation,
} from '../read-store.port';

const checkpoints = 'read_checkpoints';

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
        for (const { collection, writes } of runsByCollection(operations)) {
          await this.db.collection<Stored>(collection).bulkWrite(writes, { ordered: true, session });
        }
        if (checkpoint) {
          await this.db
            .collection<{ _id: string; position: Long }>(checkpoints)
            .updateOne({ _id: checkpoint.name }, { $set: { position: Long.fromBigInt(checkpoint.position) } }, { upsert: true, session });
        }
      });
    } finally {
      await session.endSession();
    }
  }

  async checkpoint(name: string): Promise<bigint | undefined> {
    const found = await this.db.collection<{ _id: string; position: Long | number }>(checkpoints).findOne({ _id: name });
    if (!found) return undefined;
    return typeof found.position === 'number' ? BigInt(found.position) : found.position.toBigInt();
  }

  async get(collection: string, id: string): Promise<ReadDocument | undefined> {
    assertName(collection);
    const found = await this.db.collection<Stored>(collection).findOne({ _id: id });
    return found ? toDocument(found) : undefined;
  }

  async find(collection: string, query: Query = {}): Promise<ReadDocument[]> {
    assertName(collection);
    const filter: Filter<Stored> = query.where?.length ? { $and: query.where.map(toFilter) } : {};
    let cursor = this.db.collection<Stored>(collection).find(filter);
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

function mongoField(field: string): string {
  assertField(field);
  return field === 'id' ? '_id' : field;
}

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
      return { updateOne: { filter: { _id: operation.id }, update: update as UpdateFilter<Stored>, upsert: operation.upsert ?? false } };
    }
    case 'delete':
      return { deleteOne: { filter: { _id: operation.id } } };
  }
}

const mapKeys = (fields: Record<string, unknown>) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [mongoField(k), v]));
