import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The test server: PostgreSQL 15 on 127.0.0.1:5432, trust auth, with a database `test` to connect to. */
const ADMIN_URL = process.env.STOCKCAST_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A real database of its own for one test file: created now, dropped by `drop` (connections
 * still open are ended). `reset` empties it (a fresh schema) for the next test's store.
 */
export async function tempDatabase(): Promise<{ url: string; reset: () => Promise<void>; drop: () => Promise<void> }> {
  const name = `stockcast_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    reset: async () => {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
      } finally {
        await client.end();
      }
    },
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}
