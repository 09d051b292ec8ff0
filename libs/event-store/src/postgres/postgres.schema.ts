import type { Migration } from '@arrears/platform';

/**
 * Schema of the PostgreSQL event store, as ordered migrations applied at start-up (see `migrate`).
 *
 * Why appends go through `arrears_append`: positions come from a sequence, and a transaction that took
 * position 8 may commit after one that took 9. A reader that has seen 9 would then lose 8 forever.
 * So the function takes positions and its transaction id under a short session-level advisory lock
 * and releases it *before* commit: transaction ids and positions are handed out in the same order,
 * while commits (and their fsyncs) still run in parallel. A reader then only returns rows whose
 * transaction id is below the oldest transaction still running (`pg_snapshot_xmin`): no transaction
 * that could still commit a lower position is left out there.
 */
export const APPEND_LOCK_KEY = 4_206_902_026;

// The schema as it stood before migrations were recorded: IF NOT EXISTS, so a database it built upgrades as is.
const initialSchema = [
  `CREATE SEQUENCE IF NOT EXISTS events_position_seq AS bigint START WITH 1`,
  `CREATE TABLE IF NOT EXISTS events (
     position    bigint      PRIMARY KEY,
     stream_id   text        NOT NULL,
     revision    bigint      NOT NULL,
     event_id    uuid        NOT NULL,
     type        text        NOT NULL,
     data        jsonb       NOT NULL,
     metadata    jsonb       NOT NULL,
     tx_id       xid8        NOT NULL DEFAULT pg_current_xact_id(),
     stored_at   timestamptz NOT NULL DEFAULT now(),
     CONSTRAINT events_stream_revision_key UNIQUE (stream_id, revision),
     CONSTRAINT events_event_id_key UNIQUE (event_id)
   )`,
  // Where a retry's events already are: a row only if all its ids sit, in order, exactly where this
  // append would have put them (then the retry succeeds with the original result).
  `CREATE OR REPLACE FUNCTION arrears_find_retry(p_stream text, p_expected text, p_ids uuid[])
   RETURNS TABLE (last_revision bigint, last_position bigint)
   LANGUAGE sql STABLE AS $fn$
     SELECT max(revision), max(position)
       FROM events
      WHERE stream_id = p_stream AND event_id = ANY (p_ids)
     HAVING array_agg(event_id ORDER BY revision) = p_ids
        AND max(revision) - min(revision) + 1 = cardinality(p_ids)
        AND (p_expected IN ('any', 'stream_exists')
             OR (p_expected = 'no_stream' AND min(revision) = 0)
             OR (p_expected ~ '^[0-9]+$' AND min(revision) = p_expected::bigint + 1))
   $fn$`,
  `CREATE OR REPLACE FUNCTION arrears_append(
     p_stream text, p_expected text, p_ids uuid[], p_types text[], p_data jsonb[], p_metadata jsonb[]
   ) RETURNS TABLE (outcome text, current_revision bigint, last_position bigint)
   LANGUAGE plpgsql AS $fn$
   DECLARE
     v_count      int := cardinality(p_ids);
     v_current    bigint;
     v_position   bigint;
     v_retry      record;
     v_constraint text;
   BEGIN
     IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
       RAISE EXCEPTION 'arrears_append must be the first write of its transaction'
         USING HINT = 'positions are only safe for readers when taken before any other write';
     END IF;
     -- Checked before the lock, to keep the lock short: a writer slipping in between trips the
     -- unique constraints below, and the caller looks again.
     SELECT max(revision) INTO v_current FROM events WHERE stream_id = p_stream;
     IF NOT (p_expected = 'any'
             OR (p_expected = 'no_stream' AND v_current IS NULL)
             OR (p_expected = 'stream_exists' AND v_current IS NOT NULL)
             OR (p_expected ~ '^[0-9]+$' AND v_current IS NOT NULL AND v_current = p_expected::bigint)) THEN
       SELECT * INTO v_retry FROM arrears_find_retry(p_stream, p_expected, p_ids);
       IF v_retry.last_revision IS NOT NULL THEN
         RETURN QUERY SELECT 'duplicate'::text, v_retry.last_revision, v_retry.last_position;
       ELSE
         RETURN QUERY SELECT 'wrong_expected_revision'::text, v_current, NULL::bigint;
       END IF;
       RETURN;
     END IF;

     BEGIN
       PERFORM pg_advisory_lock(${APPEND_LOCK_KEY});
       WITH inserted AS (
         INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata)
           SELECT nextval('events_position_seq'), p_stream, coalesce(v_current, -1) + e.i, e.id, e.type, e.data, e.metadata
             FROM unnest(p_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS e(id, type, data, metadata, i)
            ORDER BY e.i
         RETURNING position)
       SELECT max(position) INTO v_position FROM inserted;
       PERFORM pg_advisory_unlock(${APPEND_LOCK_KEY});
     EXCEPTION
       WHEN unique_violation THEN
         PERFORM pg_advisory_unlock(${APPEND_LOCK_KEY});
         GET STACKED DIAGNOSTICS v_constraint = CONSTRAINT_NAME;
         -- Ids already stored: the retry of an append made with 'any' or 'stream_exists', or a copy
         -- that lost a race to its twin. Anything else is raised for the caller.
         IF v_constraint = 'events_event_id_key' THEN
           SELECT * INTO v_retry FROM arrears_find_retry(p_stream, p_expected, p_ids);
           IF v_retry.last_revision IS NOT NULL THEN
             RETURN QUERY SELECT 'duplicate'::text, v_retry.last_revision, v_retry.last_position;
             RETURN;
           END IF;
         END IF;
         RAISE;
       WHEN OTHERS OR query_canceled THEN
         -- A session lock outlives a failed statement: release it, or every later append would hang.
         PERFORM pg_advisory_unlock(${APPEND_LOCK_KEY});
         RAISE;
     END;
     RETURN QUERY SELECT 'appended'::text, coalesce(v_current, -1) + v_count, v_position;
   END
   $fn$`,
  // Group commit: the appends waiting while earlier ones run go in one statement and one commit.
  // Each append is checked and inserted on its own (a subtransaction each), so one append's conflict
  // does not fail the others; all inserts take the lock once, keeping the ordering guarantee above.
  `CREATE OR REPLACE FUNCTION arrears_append_batch(
     p_streams text[], p_expected text[], p_counts int[],
     p_ids uuid[], p_types text[], p_data jsonb[], p_metadata jsonb[]
   ) RETURNS TABLE (idx int, outcome text, current_revision bigint, last_position bigint)
   LANGUAGE plpgsql AS $fn$
   DECLARE
     v_appends  int := cardinality(p_streams);
     v_offsets  int[];
     v_currents bigint[];
     v_pending  boolean[];
     v_offset   int := 1;
     v_current  bigint;
     v_position bigint;
     v_retry    record;
   BEGIN
     IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
       RAISE EXCEPTION 'arrears_append_batch must be the first write of its transaction';
     END IF;
     FOR i IN 1 .. v_appends LOOP
       v_offsets[i] := v_offset;
       SELECT max(revision) INTO v_current FROM events WHERE stream_id = p_streams[i];
       v_currents[i] := v_current;
       v_pending[i] := p_expected[i] = 'any'
         OR (p_expected[i] = 'no_stream' AND v_current IS NULL)
         OR (p_expected[i] = 'stream_exists' AND v_current IS NOT NULL)
         OR (p_expected[i] ~ '^[0-9]+$' AND v_current IS NOT NULL AND v_current = p_expected[i]::bigint);
       IF NOT v_pending[i] THEN
         SELECT * INTO v_retry
           FROM arrears_find_retry(p_streams[i], p_expected[i], p_ids[v_offset : v_offset + p_counts[i] - 1]);
         IF v_retry.last_revision IS NOT NULL THEN
           RETURN QUERY SELECT i, 'duplicate'::text, v_retry.last_revision, v_retry.last_position;
         ELSE
           RETURN QUERY SELECT i, 'wrong_expected_revision'::text, v_current, NULL::bigint;
         END IF;
       END IF;
       v_offset := v_offset + p_counts[i];
     END LOOP;

     BEGIN
       PERFORM pg_advisory_lock(${APPEND_LOCK_KEY});
       FOR i IN 1 .. v_appends LOOP
         CONTINUE WHEN NOT v_pending[i];
         BEGIN
           WITH inserted AS (
             INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata)
               SELECT nextval('events_position_seq'), p_streams[i], coalesce(v_currents[i], -1) + g.k,
                      p_ids[v_offsets[i] + g.k - 1], p_types[v_offsets[i] + g.k - 1],
                      p_data[v_offsets[i] + g.k - 1], p_metadata[v_offsets[i] + g.k - 1]
                 FROM generate_series(1, p_counts[i]) AS g(k)
                ORDER BY g.k
             RETURNING position)
           SELECT max(position) INTO v_position FROM inserted;
           RETURN QUERY SELECT i, 'appended'::text, coalesce(v_currents[i], -1) + p_counts[i], v_position;
         EXCEPTION WHEN unique_violation THEN
           -- Another writer got there first (or an id is taken): the caller runs this one alone.
           RETURN QUERY SELECT i, 'retry_alone'::text, NULL::bigint, NULL::bigint;
         END;
       END LOOP;
       PERFORM pg_advisory_unlock(${APPEND_LOCK_KEY});
     EXCEPTION WHEN OTHERS OR query_canceled THEN
       PERFORM pg_advisory_unlock(${APPEND_LOCK_KEY});
       RAISE;
     END;
   END
   $fn$`,
];

// A bulk load's appends (many streams, thousands of events): every stream checked, and every event
// inserted, by one statement each, with no subtransaction. Per-event arrays name each event's append
// (p_append) and its place in it (p_place), so no array is sliced per append. Any unique violation (a
// writer racing in, an id stored elsewhere) fails the whole call: the caller then appends one by one.
const appendMany = [
  `CREATE OR REPLACE FUNCTION arrears_append_many(
     p_streams text[], p_expected text[], p_counts int[],
     p_append int[], p_place int[], p_ids uuid[], p_types text[], p_data jsonb[], p_metadata jsonb[]
   ) RETURNS TABLE (idx int, outcome text, current_revision bigint, last_position bigint)
   LANGUAGE plpgsql AS $fn$
   BEGIN
     IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
       RAISE EXCEPTION 'arrears_append_many must be the first write of its transaction';
     END IF;
     PERFORM pg_advisory_lock(${APPEND_LOCK_KEY});
     BEGIN
       RETURN QUERY
       WITH appends AS (
         SELECT a.i::int AS i, a.stream, c.current,
                (p_expected[a.i] = 'any'
                 OR (p_expected[a.i] = 'no_stream' AND c.current IS NULL)
                 OR (p_expected[a.i] = 'stream_exists' AND c.current IS NOT NULL)
                 OR (p_expected[a.i] ~ '^[0-9]+$' AND c.current IS NOT NULL AND c.current = p_expected[a.i]::bigint)) AS ok
           FROM unnest(p_streams) WITH ORDINALITY AS a(stream, i)
           CROSS JOIN LATERAL (SELECT max(revision) AS current FROM events WHERE stream_id = a.stream) AS c),
       inserted AS (
         INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata)
           SELECT nextval('events_position_seq'), a.stream, coalesce(a.current, -1) + e.place, e.id, e.type, e.data, e.metadata
             FROM unnest(p_append, p_place, p_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS e(append, place, id, type, data, metadata, k)
             JOIN appends a ON a.i = e.append AND a.ok
            ORDER BY e.k
         RETURNING stream_id, position),
       last AS (SELECT stream_id, max(position) AS position FROM inserted GROUP BY stream_id)
       SELECT a.i,
              CASE WHEN a.ok THEN 'appended' ELSE 'wrong_expected_revision' END,
              CASE WHEN a.ok THEN coalesce(a.current, -1) + p_counts[a.i] ELSE a.current END,
              l.position
         FROM appends a LEFT JOIN last l ON l.stream_id = a.stream
        ORDER BY a.i;
       PERFORM pg_advisory_unlock(${APPEND_LOCK_KEY});
     EXCEPTION WHEN OTHERS OR query_canceled THEN
       PERFORM pg_advisory_unlock(${APPEND_LOCK_KEY});
       RAISE;
     END;
   END
   $fn$`,
];

// Why the command path's append functions plan their statements once: PL/pgSQL plans a statement
// afresh on each call (a custom plan) while that looks cheaper than the generic plan, and it always
// does here: given the arrays as constants, the planner sees the real row counts of unnest and
// generate_series where the generic plan assumes 100 or 1,000. Each such plan copied the batch's
// arrays, every event of the batch, into itself, once per append of the batch; building and freeing
// them cost PostgreSQL 40–50 % of its CPU per command. The bulk load's single statement is left to
// the planner: its arrays hold thousands of events, whose real sizes its join's plan should see.
// Redefining these functions (CREATE OR REPLACE) drops the setting: set it again after.
const planOnce = [
  `ALTER FUNCTION arrears_append(text, text, uuid[], text[], jsonb[], jsonb[]) SET plan_cache_mode = force_generic_plan`,
  `ALTER FUNCTION arrears_append_batch(text[], text[], int[], uuid[], text[], jsonb[], jsonb[]) SET plan_cache_mode = force_generic_plan`,
];

export const eventStoreMigrations: readonly Migration[] = [
  { id: 1, name: 'events and their append functions', statements: initialSchema },
  { id: 2, name: 'the many-stream append of a bulk load', statements: appendMany },
  { id: 3, name: "the command path's appends planned once", statements: planOnce },
];
