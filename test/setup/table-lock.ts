import { Client } from 'pg';

/** A lock held on a table by a transaction of its own, until released: what a statement can be made to wait on. */
export interface TableLock {
  /** The sessions waiting on a lock, the holder's excepted: the statements it holds up. */
  waiting(): Promise<number>;
  release(): Promise<void>;
}

/** Takes `mode` (`SHARE` blocks writes, not reads) on `table` in a transaction left open. */
export async function lockTable(url: string, table: string, mode: string): Promise<TableLock> {
  const holder = new Client({ connectionString: url });
  await holder.connect();
  await holder.query('BEGIN');
  await holder.query(`LOCK TABLE ${table} IN ${mode} MODE`);
  return {
    waiting: async () =>
      Number(
        (
          await holder.query<{ count: string }>(
            `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
          )
        ).rows[0]?.count,
      ),
    release: async () => {
      await holder.query('ROLLBACK');
      await holder.end();
    },
  };
}
