/**
 * Schema of the PostgreSQL event store, applied at start-up (idempotent, under a lock so two
 * processes starting together do not race).
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

export const schemaStatements = [
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
  `CREATE OR REPLACE FUNCTION arrears_append(
     p_stream text, p_expected text, p_ids uuid[], p_types text[], p_data jsonb[], p_metadata jsonb[]
   ) RETURNS TABLE (outcome text, current_revision bigint, last_position bigint)
   LANGUAGE plpgsql AS $fn$
   DECLARE
     v_count    int := cardinality(p_ids);
     v_current  bigint;
     v_stored   uuid[];
     v_first    bigint;
     v_last     bigint;
     v_position bigint;
   BEGIN
     IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
       RAISE EXCEPTION 'arrears_append must be the first write of its transaction'
         USING HINT = 'positions are only safe for readers when taken before any other write';
     END IF;
     BEGIN
       PERFORM pg_advisory_lock(${APPEND_LOCK_KEY});
       SELECT max(revision) INTO v_current FROM events WHERE stream_id = p_stream;

       -- The same ids already stored: a retry succeeds with the original result if they sit, in
       -- order, exactly where this append would have put them; anything else is a conflict.
       SELECT array_agg(event_id ORDER BY revision), min(revision), max(revision)
         INTO v_stored, v_first, v_last
         FROM events WHERE stream_id = p_stream AND event_id = ANY (p_ids);
       IF v_stored IS NOT NULL THEN
         IF v_stored = p_ids AND v_last - v_first + 1 = v_count AND (
              p_expected IN ('any', 'stream_exists')
              OR (p_expected = 'no_stream' AND v_first = 0)
              OR (p_expected ~ '^[0-9]+$' AND v_first = p_expected::bigint + 1)) THEN
           SELECT position INTO v_position FROM events WHERE stream_id = p_stream AND revision = v_last;
           PERFORM pg_advisory_unlock(${APPEND_LOCK_KEY});
           RETURN QUERY SELECT 'duplicate'::text, v_last, v_position;
           RETURN;
         END IF;
         PERFORM pg_advisory_unlock(${APPEND_LOCK_KEY});
         RETURN QUERY SELECT 'wrong_expected_revision'::text, v_current, NULL::bigint;
         RETURN;
       END IF;

       IF NOT (p_expected = 'any'
               OR (p_expected = 'no_stream' AND v_current IS NULL)
               OR (p_expected = 'stream_exists' AND v_current IS NOT NULL)
               OR (p_expected ~ '^[0-9]+$' AND v_current IS NOT NULL AND v_current = p_expected::bigint)) THEN
         PERFORM pg_advisory_unlock(${APPEND_LOCK_KEY});
         RETURN QUERY SELECT 'wrong_expected_revision'::text, v_current, NULL::bigint;
         RETURN;
       END IF;

       WITH inserted AS (
         INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata)
           SELECT nextval('events_position_seq'), p_stream, coalesce(v_current, -1) + i,
                  p_ids[i], p_types[i], p_data[i], p_metadata[i]
             FROM generate_series(1, v_count) AS i
            ORDER BY i
         RETURNING position)
       SELECT max(position) INTO v_position FROM inserted;
       PERFORM pg_advisory_unlock(${APPEND_LOCK_KEY});
     EXCEPTION WHEN OTHERS OR query_canceled THEN
       -- A session lock outlives a failed statement: release it, or every later append would hang.
       PERFORM pg_advisory_unlock(${APPEND_LOCK_KEY});
       RAISE;
     END;
     RETURN QUERY SELECT 'appended'::text, coalesce(v_current, -1) + v_count, v_position;
   END
   $fn$`,
];
