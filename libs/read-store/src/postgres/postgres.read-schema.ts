/**
 * The PostgreSQL read store keeps each collection in its own table (`rm_<collection>`: the id, and the
 * rest of the document as JSONB) and the projections' checkpoints beside them. `read_apply` checks a
 * projection's fence, stores its checkpoint and applies operations given as one JSON argument; the
 * store sends a batch's puts beside it as INSERTs of their own, in the same transaction (its
 * `put_many` stays for processes of an earlier release still running).
 */
import type { Migration } from '@arrears/platform';

export const tableOf = (collection: string) => `rm_${collection}`;

/**
 * How a collection's table keeps its documents: compressed in their row (`MAIN`), moved to the TOAST table
 * only when they do not fit in a page even so. PostgreSQL's default moves every row that is still over
 * 2 KB once compressed, and a read model rewrites its documents on every batch that touches them: an
 * aged account (7 KB of JSON, 2.7 KB compressed) then cost its projection a write into the TOAST table and
 * its index each time, and its dead chunks grew to twenty times the live documents while a catch-up ran.
 * Set where a table is made, and where a rebuilt one is swapped in (each holds the table alone then): a
 * table an earlier release made keeps PostgreSQL's default until its projection is next rebuilt, since
 * altering a table in use waits for every statement on it and holds up every one after.
 */
export const documentStorage = (table: string) => `ALTER TABLE ${table} ALTER COLUMN doc SET STORAGE MAIN`;

/**
 * Makes a collection's table, kept as `documentStorage` says, unless the schema it is made in has it. Two
 * sessions may both find it absent: one of them then fails on the catalog (the caller's to judge) and
 * the table is the other's.
 */
export const createTable = (table: string) => `DO $make$ BEGIN
  IF to_regclass(format('%I.%I', current_schema(), '${table}')) IS NULL THEN
    CREATE TABLE ${table} (id text PRIMARY KEY, doc jsonb NOT NULL);
    ${documentStorage(table)};
  END IF;
END $make$`;

/** Raised by `read_apply` when its fence is not the current lease token. */
export const leaseLostCode = 'AR001';

// The schema as it stood before migrations were recorded: IF NOT EXISTS, so a database it built upgrades as is.
const initialSchema = [
  `CREATE TABLE IF NOT EXISTS read_checkpoints (name text PRIMARY KEY, position bigint NOT NULL)`,
  // owner is null once released; the token only ever grows.
  `CREATE TABLE IF NOT EXISTS read_leases (name text PRIMARY KEY, owner text, token bigint NOT NULL, expires_at timestamptz NOT NULL)`,
  `DROP FUNCTION IF EXISTS read_apply(jsonb, text, bigint)`,
  // Locks the lease row (FOR SHARE) so that a take-over waits for this transaction, or this one sees it.
  `CREATE OR REPLACE FUNCTION read_check_fence(p_name text, p_fence bigint) RETURNS void
   LANGUAGE plpgsql AS $fn$
   BEGIN
     IF p_fence IS NOT NULL THEN
       PERFORM 1 FROM read_leases WHERE name = p_name AND token = p_fence FOR SHARE;
       IF NOT FOUND THEN
         RAISE EXCEPTION 'lease on % lost', p_name USING ERRCODE = '${leaseLostCode}';
       END IF;
     END IF;
   END
   $fn$`,
  // Sets a value at a path, creating the objects on the way (jsonb_set only creates the last key).
  `CREATE OR REPLACE FUNCTION read_set_path(doc jsonb, path text[], value jsonb) RETURNS jsonb
   LANGUAGE plpgsql IMMUTABLE AS $fn$
   BEGIN
     IF cardinality(path) = 1 THEN
       RETURN coalesce(doc, '{}'::jsonb) || jsonb_build_object(path[1], value);
     END IF;
     RETURN coalesce(doc, '{}'::jsonb) || jsonb_build_object(path[1], read_set_path(
       CASE WHEN jsonb_typeof(doc -> path[1]) = 'object' THEN doc -> path[1] ELSE '{}'::jsonb END,
       path[2:], value));
   END
   $fn$`,
  `CREATE OR REPLACE FUNCTION read_apply(p_operations jsonb, p_checkpoint text, p_position bigint, p_fence bigint) RETURNS void
   LANGUAGE plpgsql AS $fn$
   DECLARE
     v_op    jsonb;
     v_table text;
     v_doc   jsonb;
     v_field record;
   BEGIN
     PERFORM read_check_fence(p_checkpoint, p_fence);
     FOR v_op IN SELECT value FROM jsonb_array_elements(p_operations) LOOP
       v_table := 'rm_' || (v_op ->> 'collection');
       CASE v_op ->> 'kind'
         WHEN 'put' THEN
           EXECUTE format('INSERT INTO %I (id, doc) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc', v_table)
             USING v_op ->> 'id', v_op -> 'document';
         WHEN 'put_many' THEN
           -- Many documents (distinct ids) in one statement: one plan, one index pass.
           EXECUTE format('INSERT INTO %I (id, doc) SELECT d ->> ''id'', d -> ''document'' FROM jsonb_array_elements($1) d
                           ON CONFLICT (id) DO UPDATE SET doc = excluded.doc', v_table)
             USING v_op -> 'documents';
         WHEN 'delete' THEN
           EXECUTE format('DELETE FROM %I WHERE id = $1', v_table) USING v_op ->> 'id';
         WHEN 'update' THEN
           EXECUTE format('SELECT doc FROM %I WHERE id = $1 FOR UPDATE', v_table) INTO v_doc USING v_op ->> 'id';
           IF v_doc IS NULL AND NOT coalesce((v_op ->> 'upsert')::boolean, false) THEN
             CONTINUE;
           END IF;
           v_doc := coalesce(v_doc, '{}'::jsonb);
           FOR v_field IN SELECT key, value FROM jsonb_each(coalesce(v_op -> 'set', '{}'::jsonb)) LOOP
             v_doc := read_set_path(v_doc, string_to_array(v_field.key, '.'), v_field.value);
           END LOOP;
           FOR v_field IN SELECT key, value FROM jsonb_each(coalesce(v_op -> 'increment', '{}'::jsonb)) LOOP
             v_doc := read_set_path(v_doc, string_to_array(v_field.key, '.'), to_jsonb(
               coalesce((v_doc #> string_to_array(v_field.key, '.'))::numeric, 0) + (v_field.value)::numeric));
           END LOOP;
           EXECUTE format('INSERT INTO %I (id, doc) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc', v_table)
             USING v_op ->> 'id', v_doc;
         ELSE
           RAISE EXCEPTION 'unknown read-store operation %', v_op ->> 'kind';
       END CASE;
     END LOOP;
     IF p_checkpoint IS NOT NULL THEN
       INSERT INTO read_checkpoints (name, position) VALUES (p_checkpoint, p_position)
         ON CONFLICT (name) DO UPDATE SET position = excluded.position;
     END IF;
   END
   $fn$`,
];

/**
 * A projection's version beside its checkpoint (null: stored before versions were declared, so 1).
 * `read_apply` with a version records it with the checkpoint; the one without stays for processes
 * of the previous release still running beside this one, and keeps the recorded version.
 */
const projectionVersions = [
  `ALTER TABLE read_checkpoints ADD COLUMN version integer`,
  `CREATE FUNCTION read_apply(p_operations jsonb, p_checkpoint text, p_position bigint, p_fence bigint, p_version integer) RETURNS void
   LANGUAGE plpgsql AS $fn$
   BEGIN
     PERFORM read_apply(p_operations, p_checkpoint, p_position, p_fence);
     IF p_version IS NOT NULL THEN
       UPDATE read_checkpoints SET version = p_version WHERE name = p_checkpoint AND version IS DISTINCT FROM p_version;
     END IF;
   END
   $fn$`,
];

export const readStoreMigrations: readonly Migration[] = [
  { id: 1, name: 'checkpoints, leases and the apply function', statements: initialSchema },
  { id: 2, name: 'projection versions', statements: projectionVersions },
];
