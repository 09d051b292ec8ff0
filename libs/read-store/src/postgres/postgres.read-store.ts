import type { Pool, PoolClient, QueryConfig } from 'pg';
import {
  migrate,
  postgresClient,
  postgresPool,
  releaseAfter,
  rollBackAndRelease,
  setUpOrEnded,
  unboundedStatement,
  type PostgresConnectionOptions,
} from '@arrears/platform';
import {
  assertField,
  assertName,
  keysetAlternatives,
  LeaseLostError,
  omittedPaths,
  type Checkpoint,
  type Lease,
  type Condition,
  type IndexBuildOptions,
  type IndexSpec,
  type Query,
  type ReadDocument,
  type ReadStore,
  type Swap,
  type WriteOperation,
} from '../read-store.port';
import { withoutPaths } from '../fields-left-out';
import { PointReads } from '../point-reads';
import { IndexBuilds } from './postgres.index-builds';
import { createTable, documentStorage, leaseLostCode, readStoreMigrations, tableOf } from './postgres.read-schema';

const maxPreparedShapes = 500;

/**
 * Read store on PostgreSQL: documents as JSONB, one table per collection, a batch and its checkpoint
 * in one transaction (see `apply`). Conditions and sorts use JSONB's own ordering, under which numbers
 * compare as numbers (so 9 < 10 < 100, unlike text) and strings by collation; range conditions also
 * require the same JSON type, as MongoDB does.
 */
export class PostgresReadStore implements ReadStore {
  readonly backend = 'postgres';
  private readonly pool: Pool;
  private readonly tables = new Set<string>();
  /** Tables being made, by collection. */
  private readonly making = new Map<string, Promise<void>>();
  private readonly statementNames = new Map<string, string>();
  private readonly pointReads = new PointReads(async (collection, ids) => {
    const rows = await this.select(`SELECT id, doc FROM ${tableOf(collection)} WHERE id = ANY($1::text[])`, [ids]);
    return new Map(rows.map((row) => [row.id, toDocument(row)]));
  });

  private readonly indexBuilds: IndexBuilds;

  private constructor(connectionString: string, poolSize: number, connection: PostgresConnectionOptions) {
    this.pool = postgresPool(connectionString, poolSize, { ...connection, pipeline: true });
    this.indexBuilds = new IndexBuilds(this.pool, () => postgresClient(connectionString, connection));
  }

  static async connect(connectionString: string, poolSize = 5, connection: PostgresConnectionOptions = {}): Promise<PostgresReadStore> {
    const store = new PostgresReadStore(connectionString, poolSize, connection);
    await setUpOrEnded(store.pool, () => migrate(store.pool, 'read-store', readStoreMigrations));
    return store;
  }

  /**
   * One transaction, its statements sent together: the checkpoint first (its fence locks the lease row
   * until the end), then each run of puts into one collection as one INSERT of two JSON arrays, ids and
   * documents (PostgreSQL parses each document once, where a single JSON argument was parsed whole and
   * copied at every level), and the other operations through `read_apply`, in their order.
   */
  async apply(operations: WriteOperation[], checkpoint?: Checkpoint): Promise<void> {
    for (const collection of new Set(operations.map((op) => op.collection))) await this.ensureTable(collection);
    const steps = toSteps(operations);
    const statements = [
      ...(checkpoint ? [readApply([], checkpoint)] : []),
      ...steps.map((step) => (Array.isArray(step) ? readApply(step) : this.putMany(step))),
    ];
    // Sent together, answered in order: the first failure is the first statement that failed.
    await fenced(checkpoint, () => this.transaction((client) => Promise.all(statements.map((statement) => client.query(statement)))));
  }

  /** The INSERT of a run of puts, a prepared statement per collection. */
  private putMany({ collection, ids, documents }: PutMany): QueryConfig {
    const text = `INSERT INTO ${tableOf(collection)} (id, doc) SELECT * FROM ROWS FROM (jsonb_array_elements_text($1::jsonb), jsonb_array_elements($2::jsonb))
                  ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`;
    // Both as JSON, so that an id PostgreSQL cannot keep (a lone surrogate) is refused, not silently replaced.
    return this.prepared(text, [JSON.stringify(ids), JSON.stringify(documents)]);
  }

  async acquireLease(name: string, owner: string, ttlMs: number, options: { takeOver?: boolean } = {}): Promise<Lease | undefined> {
    const { rows } = await this.pool.query<{ token: string }>(
      `INSERT INTO read_leases AS l (name, owner, token, expires_at)
       VALUES ($1, $2, 1, clock_timestamp() + $3 * interval '1 millisecond')
       ON CONFLICT (name) DO UPDATE SET
         token = CASE WHEN l.owner = excluded.owner THEN l.token ELSE l.token + 1 END,
         owner = excluded.owner, expires_at = excluded.expires_at
       WHERE l.owner = excluded.owner OR l.owner IS NULL OR l.expires_at < clock_timestamp() OR $4
       RETURNING token`,
      [name, owner, ttlMs, options.takeOver ?? false],
    );
    return rows[0] ? { name, owner, token: BigInt(rows[0].token) } : undefined;
  }

  async releaseLease(lease: Lease): Promise<void> {
    await this.pool.query(`UPDATE read_leases SET owner = NULL, expires_at = '-infinity' WHERE name = $1 AND owner = $2 AND token = $3`, [
      lease.name,
      lease.owner,
      lease.token.toString(),
    ]);
  }

  async replaceCollection(source: string, target: string, checkpoint: Checkpoint, alongside: readonly Swap[] = []): Promise<void> {
    const pairs = [...alongside, { source, target }];
    for (const pair of pairs) {
      await this.ensureTable(pair.source);
      assertName(pair.target);
      // A freshly filled table has no statistics yet: without them the planner misjudges its indexes.
      await this.pool.query(unboundedStatement(`ANALYZE ${tableOf(pair.source)}`));
    }
    await fenced(checkpoint, () =>
      this.transaction(async (client) => {
        await client.query('SELECT read_check_fence($1, $2)', [checkpoint.name, checkpoint.fence?.toString() ?? null]);
        for (const pair of pairs) await renamedTable(client, pair.source, pair.target);
        await client.query(
          `INSERT INTO read_checkpoints (name, position, version) VALUES ($1, $2, $3)
           ON CONFLICT (name) DO UPDATE SET position = excluded.position, version = coalesce(excluded.version, read_checkpoints.version)`,
          [checkpoint.name, checkpoint.position.toString(), checkpoint.version ?? null],
        );
      }),
    );
    for (const pair of pairs) {
      this.tables.delete(pair.source);
      this.tables.add(pair.target);
    }
  }

  async dropCollection(collection: string): Promise<void> {
    assertName(collection);
    await this.pool.query(`DROP TABLE IF EXISTS ${tableOf(collection)}`);
    this.tables.delete(collection);
  }

  async checkpoint(name: string): Promise<bigint | undefined> {
    const { rows } = await this.pool.query<{ position: string }>('SELECT position FROM read_checkpoints WHERE name = $1', [name]);
    return rows[0] ? BigInt(rows[0].position) : undefined;
  }

  async version(name: string): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ version: number | null }>('SELECT version FROM read_checkpoints WHERE name = $1', [name]);
    return rows[0] ? (rows[0].version ?? 1) : undefined;
  }

  async get(collection: string, id: string, { omit }: Pick<Query, 'omit'> = {}): Promise<ReadDocument | undefined> {
    const paths = omittedPaths(omit);
    // PostgreSQL's text cannot hold NUL, so no document has such an id; asking would fail the reads it travels with.
    if (!(await this.exists(collection)) || id.includes('\u0000')) return undefined;
    // Left out here rather than by the statement: each field jsonb takes out costs it a copy of the document, more than
    // the few bytes it saves (the large fields of a document are kept in parts of their own).
    const document = await this.pointReads.get(collection, id);
    return document && withoutPaths(document, paths);
  }

  async find(collection: string, query: Query = {}): Promise<ReadDocument[]> {
    const { text, values } = findStatement(collection, query);
    if (!(await this.exists(collection))) return [];
    const nested = omittedPaths(query.omit).filter((path) => path.length > 1);
    return (await this.select(text, values)).map((row) => withoutPaths(toDocument(row), nested));
  }

  /**
   * Runs a query as a named prepared statement: each connection parses and plans a query shape
   * once, not on every request. Shapes are few (one per combination of conditions); past a bound,
   * queries run unnamed.
   */
  private async select(sql: string, values: unknown[]): Promise<Row[]> {
    const { rows } = await this.pool.query<Row>(this.prepared(sql, values));
    return rows;
  }

  /** A statement named by its text, so that each connection prepares it once; unnamed past the bound on names. */
  private prepared(text: string, values: unknown[]): QueryConfig {
    let name = this.statementNames.get(text);
    if (!name && this.statementNames.size < maxPreparedShapes) {
      name = `read_q${this.statementNames.size + 1}`;
      this.statementNames.set(text, name);
    }
    return name ? { name, text, values } : { text, values };
  }

  async ensureIndexes(collection: string, indexes: IndexSpec[], options: IndexBuildOptions = {}): Promise<void> {
    await this.ensureTable(collection);
    const table = tableOf(collection);
    for (const index of indexes) {
      assertName(index.name);
      const columns = index.fields.map(({ field, direction }) => `(${fieldSql(field)}) ${directionSql(direction)}`);
      await this.indexBuilds.ensure(
        {
          name: `${table}_${index.name}`,
          table,
          definition: `ON ${table} (${columns.join(', ')})`,
          concurrently: options.unwritten ? '' : 'CONCURRENTLY',
        },
        options,
      );
    }
  }

  async close(): Promise<void> {
    await this.indexBuilds.stop();
    await this.pool.end();
  }

  /**
   * `work` in one transaction. The pool pipelines: BEGIN goes out with the work's first statements, and
   * statements the work sends together cost one round trip; one that fails aborts the transaction and
   * those after it fail too. COMMIT goes once the work has succeeded, ROLLBACK otherwise, so that a
   * statement `pg` refused before sending it cannot leave the others committed. Both wait for the work
   * to end, so that none of its statements follows them or goes out on a released client.
   */
  private async transaction(work: (client: PoolClient) => Promise<unknown>): Promise<void> {
    const client = await this.pool.connect();
    try {
      const outcomes = await Promise.allSettled([client.query('BEGIN'), work(client)]);
      const failed = outcomes.find((outcome) => outcome.status === 'rejected');
      if (failed) throw failed.reason;
      await client.query('COMMIT');
      releaseAfter(client);
    } catch (error) {
      await rollBackAndRelease(client, error);
      throw error;
    }
  }

  /** Makes the collection's table on its first write; writers that meet it at once share one making. */
  private async ensureTable(collection: string): Promise<void> {
    assertName(collection);
    if (this.tables.has(collection)) return;
    let making = this.making.get(collection);
    if (!making) {
      making = this.makeTable(collection).finally(() => this.making.delete(collection));
      this.making.set(collection, making);
    }
    await making;
  }

  private async makeTable(collection: string): Promise<void> {
    const name = tableOf(collection);
    await this.make(createTable(name), name);
    this.tables.add(collection);
  }

  /**
   * A statement that makes `relation` unless it exists. Another session may make the same relation between
   * the statement's look and its entry in the catalog: PostgreSQL then fails it (the relation exists, or on
   * the catalog's unique index) instead of skipping it, and the relation is there all the same.
   */
  private async make(statement: string | QueryConfig, relation: string): Promise<void> {
    try {
      await this.pool.query(statement);
    } catch (error) {
      if (!isCatalogRace(error) || !(await this.relationExists(relation))) throw error;
    }
  }

  private async exists(collection: string): Promise<boolean> {
    assertName(collection);
    if (this.tables.has(collection)) return true;
    const found = await this.relationExists(tableOf(collection));
    if (found) this.tables.add(collection);
    return found;
  }

  private async relationExists(relation: string): Promise<boolean> {
    const { rows } = await this.pool.query<{ found: string | null }>('SELECT to_regclass($1) AS found', [relation]);
    return rows[0]?.found !== null;
  }
}

/** Puts into one collection with distinct ids: the documents without their ids, in the ids' order. */
interface PutMany {
  collection: string;
  ids: string[];
  documents: Omit<ReadDocument, 'id'>[];
}

/**
 * The operations as steps of one transaction, their order kept: consecutive puts into one collection,
 * with distinct ids, make one `PutMany`; consecutive other operations travel together to `read_apply`.
 */
function toSteps(operations: WriteOperation[]): (PutMany | WriteOperation[])[] {
  const steps: (PutMany | WriteOperation[])[] = [];
  let puts: { step: PutMany; ids: Set<string> } | undefined;
  let others: WriteOperation[] | undefined;
  for (const op of operations) {
    if (op.kind !== 'put') {
      if (op.kind === 'update') [...Object.keys(op.set ?? {}), ...Object.keys(op.increment ?? {})].forEach(assertField);
      if (!others) steps.push((others = []));
      others.push(op);
      puts = undefined;
      continue;
    }
    const { id, ...document } = op.document;
    if (!puts || puts.step.collection !== op.collection || puts.ids.has(id)) {
      puts = { step: { collection: op.collection, ids: [], documents: [] }, ids: new Set() };
      steps.push(puts.step);
    }
    puts.step.ids.push(id);
    puts.step.documents.push(document);
    puts.ids.add(id);
    others = undefined;
  }
  return steps;
}

/** A call of `read_apply`: operations other than puts, or (with none) the checkpoint and its fence. */
const readApply = (operations: WriteOperation[], checkpoint?: Checkpoint): QueryConfig => ({
  name: 'read_apply',
  text: 'SELECT read_apply($1::jsonb, $2, $3, $4, $5)',
  values: [
    JSON.stringify(operations),
    checkpoint?.name ?? null,
    checkpoint?.position.toString() ?? null,
    checkpoint?.fence?.toString() ?? null,
    checkpoint?.version ?? null,
  ],
});

/** Turns the database's refusal of a stale fence into LeaseLostError. */
async function fenced<T>(checkpoint: Checkpoint | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (checkpoint && (error as { code?: string }).code === leaseLostCode) throw new LeaseLostError(checkpoint.name);
    throw error;
  }
}

interface Row {
  id: string;
  doc: Record<string, unknown>;
}

/**
 * A relation another session made at once: unique_violation (on `pg_type`'s or `pg_class`'s names),
 * duplicate_table, or duplicate_object (its row type).
 */
const isCatalogRace = (error: unknown) => ['23505', '42P07', '42710'].includes((error as { code?: unknown } | null)?.code as string);

// The row's document was parsed for this call alone, so it can take the id itself instead of being copied.
const toDocument = (row: Row): ReadDocument => Object.assign(row.doc, { id: row.id });

/** Field paths are checked names, so they can be written into the SQL (which lets indexes match). */
function fieldSql(field: string): string {
  assertField(field);
  return field === 'id' ? 'id' : `(doc #> '{${field.split('.').join(',')}}')`;
}

// MongoDB's order: in ascending order, missing and null values come first.
const directionSql = (direction: 'asc' | 'desc') => (direction === 'asc' ? 'ASC NULLS FIRST' : 'DESC NULLS LAST');

const rangeOperators = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/** The statement `find` runs: its text and its values. */
export function findStatement(collection: string, query: Query): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const walked = walkedCondition(query);
  // Each value once: a value listed twice would be walked twice and its documents returned twice.
  const walkedValues = walked ? values.push([...new Set(walked.value.map((value) => JSON.stringify(value)))]) : 0;
  const where = (query.where ?? []).map((condition) =>
    condition === walked ? `${fieldSql(condition.field)} = each_value.v` : conditionSql(condition, values),
  );
  if (query.after) {
    const alternatives = keysetAlternatives(query.orderBy ?? [], query.after);
    where.push(`(${alternatives.map((all) => `(${all.map((condition) => conditionSql(condition, values)).join(' AND ')})`).join(' OR ')})`);
  }
  const orderBy = (query.orderBy ?? []).map(({ field, direction }) => `${fieldSql(field)} ${directionSql(direction)}`);
  const doc = documentSql(query.omit, values);
  if (query.limit !== undefined) values.push(Math.max(0, Math.floor(query.limit)));
  const ordered = [orderBy.length ? `ORDER BY ${orderBy.join(', ')}` : '', query.limit === undefined ? '' : `LIMIT $${values.length}`].join(' ');
  const filtered = `FROM ${tableOf(collection)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ${ordered}`;
  if (!walked) return { text: `SELECT id, ${doc} ${filtered}`, values };
  // Each value's walk in a lateral subquery; the merge, the cut and the omission in the outer query, whose order
  // reads the walks' whole documents (an omitted field may be one it sorts by).
  return { text: `SELECT id, ${doc} FROM unnest($${walkedValues}::jsonb[]) AS each_value(v), LATERAL (SELECT id, doc ${filtered}) AS walk ${ordered}`, values };
}

/**
 * The document, the top-level fields of `omit` left out, as one array parameter so that any list of them is the same
 * statement: what a list leaves out is mostly a large field (the account's fold) of every document it finds. Deeper
 * fields are left out once read (see `find`).
 */
function documentSql(omit: readonly string[] | undefined, values: unknown[]): string {
  const topLevel = omittedPaths(omit).flatMap((path) => (path.length === 1 ? path : []));
  return topLevel.length ? `doc - $${values.push(topLevel)}::text[] AS doc` : 'doc';
}

/**
 * The `in` condition on `walkEach`, when walking it value by value can help: in an ordered query cut at a limit
 * (without both, every match is read anyway), on a field other than the id (an `in` on ids is a look-up already).
 */
function walkedCondition(query: Query): Extract<Condition, { op: 'in' }> | undefined {
  if (!query.walkEach || query.walkEach === 'id' || query.limit === undefined || !query.orderBy?.length) return undefined;
  const found = query.where?.find((condition) => condition.op === 'in' && condition.field === query.walkEach);
  // A walk finds a value by equality, which a missing field never has: a null listed is matched by the filter.
  return found?.op === 'in' && !found.value.includes(null) ? found : undefined;
}

function conditionSql(condition: Condition, values: unknown[]): string {
  const field = fieldSql(condition.field);
  const isId = condition.field === 'id';
  const param = (value: unknown) => {
    values.push(isId ? String(value) : JSON.stringify(value));
    return `$${values.length}${isId ? '' : '::jsonb'}`;
  };
  switch (condition.op) {
    case 'eq':
      return condition.value === null ? `(${field} IS NULL OR ${field} = 'null'::jsonb)` : `${field} = ${param(condition.value)}`;
    case 'ne':
      return condition.value === null ? `(${field} IS NOT NULL AND ${field} <> 'null'::jsonb)` : `(${field} IS NULL OR ${field} <> ${param(condition.value)})`;
    case 'in': {
      // One array parameter, so every list length is the same statement (prepared once).
      values.push(condition.value.map((value) => (isId ? String(value) : JSON.stringify(value))));
      const listed = `${field} = ANY($${values.length}::${isId ? 'text' : 'jsonb'}[])`;
      // A null listed matches a missing field too, as it does in an equality (and in MongoDB).
      return condition.value.includes(null) && !isId ? `(${field} IS NULL OR ${listed})` : listed;
    }
    default: {
      const value = param(condition.value);
      // Inside a CASE, which the planner guesses holds for half the rows. As a bare equality of two function results it
      // guessed 0.5 % and, expecting a handful of matches, sorted every one instead of walking an index in order. For a
      // missing field the CASE is false where the equality was null: the same, as no NOT ever wraps a condition.
      const sameType = isId ? 'TRUE' : `CASE WHEN jsonb_typeof(${field}) = jsonb_typeof(${value}) THEN TRUE ELSE FALSE END`;
      return `(${sameType} AND ${field} ${rangeOperators[condition.op]} ${value})`;
    }
  }
}

/** Puts the table of `source` in place of that of `target`, within the caller's transaction. */
async function renamedTable(client: PoolClient, source: string, target: string): Promise<void> {
  await client.query(`DROP TABLE IF EXISTS ${tableOf(target)}`);
  await client.query(`ALTER TABLE ${tableOf(source)} RENAME TO ${tableOf(target)}`);
  // A shadow an earlier release made keeps its documents as that release did; the swap holds the table anyway.
  await client.query(documentStorage(tableOf(target)));
  // Index names follow the table's, so that the next rebuild can reuse the source's names.
  const { rows } = await client.query<{ name: string }>('SELECT indexname AS name FROM pg_indexes WHERE tablename = $1', [tableOf(target)]);
  for (const { name } of rows) {
    const renamed = name.replace(tableOf(source), tableOf(target));
    if (renamed !== name) await client.query(`ALTER INDEX ${name} RENAME TO ${renamed}`);
  }
}
