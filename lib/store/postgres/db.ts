import pg from 'pg';
import { migrations } from './migrations';

/** A pooled connection or the pool itself: what the store's SQL runs on. Only lib/store/postgres sees one. */
export type Sql = pg.Pool | pg.PoolClient | pg.Client;

/** Row counts and ids are bigint in PostgreSQL; every one we store fits a double exactly. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Connections a process opens by default: see the README's connection budget. */
export const DEFAULT_POOL_SIZE = 5;

export function poolSize(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.STOCKCAST_DATABASE_POOL ?? DEFAULT_POOL_SIZE);
  if (!Number.isInteger(n) || n < 1) throw new Error(`STOCKCAST_DATABASE_POOL must be a whole number from 1, got ${env.STOCKCAST_DATABASE_POOL}`);
  return n;
}

export function createPool(url: string, max = poolSize()): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, types, application_name: 'stockcast' });
  // An idle connection that the server drops must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return pool;
}

/** One connection of its own (worker threads' reads, the events writer). */
export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, types, application_name: 'stockcast' });
  client.on('error', () => {});
  await client.connect();
  return client;
}

/** Runs `work` in one transaction on a connection of the pool; rolls back when it throws. */
export async function transaction<T>(
  pool: pg.Pool,
  work: (sql: pg.PoolClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const value = await work(client);
    await client.query('COMMIT');
    return value;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Advisory lock keys (one database, several processes): the write lock that imports and event
 * commits take for their transaction (the embedded store's single writer), and migrations.
 */
export const WRITE_LOCK = 0x5c0001;
const MIGRATE_LOCK = 0x5c0002;

/** Applies the migrations not yet applied, one process at a time. */
export async function migrate(pool: pg.Pool): Promise<void> {
  await transaction(pool, async (sql) => {
    await sql.query('SELECT pg_advisory_xact_lock($1)', [MIGRATE_LOCK]);
    await sql.query('CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)');
    const row = (await sql.query<{ version: number }>('SELECT version FROM schema_version')).rows[0];
    const applied = row?.version ?? 0;
    if (applied > migrations.length) {
      throw new Error(`store schema version ${applied} is newer than this program (${migrations.length})`);
    }
    for (let i = applied; i < migrations.length; i++) await sql.query(migrations[i]!);
    if (!row) await sql.query('INSERT INTO schema_version (version) VALUES ($1)', [migrations.length]);
    else await sql.query('UPDATE schema_version SET version = $1', [migrations.length]);
  });
}

export async function dataVersion(sql: Sql): Promise<number> {
  return (await sql.query<{ value: number }>(`SELECT value FROM meta WHERE key = 'data_version'`)).rows[0]!.value;
}

/** Raises the data version; call inside the transaction that commits the change. */
export async function bumpDataVersion(sql: Sql): Promise<number> {
  return (await sql.query<{ value: number }>(`UPDATE meta SET value = value + 1 WHERE key = 'data_version' RETURNING value`)).rows[0]!.value;
}
