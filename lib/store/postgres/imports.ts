import type pg from 'pg';
import type { Catalog, ImportMode, ImportRecord, ImportTransaction, ReplacedSales } from '../types';
import { copySales, inventoryStatements, itemStatements, salesCopyData, uomFactorStatements, type Statement } from './bulk';
import { count, loadCatalog } from './catalog';
import { salesSpans } from './sales-spans';
import { bumpDataVersion, dataVersion, WRITE_LOCK, type Sql } from './db';

const COLUMNS = `hash, name, kind, rows, imported_at AS "importedAt", data_version AS "dataVersion"`;

export async function findImport(sql: Sql, hash: string): Promise<ImportRecord | undefined> {
  return (await sql.query<ImportRecord>(`SELECT ${COLUMNS} FROM imports WHERE hash = $1`, [hash])).rows[0];
}

/** Imported files, newest first. */
export async function listImports(sql: Sql, limit = 100): Promise<ImportRecord[]> {
  return (await sql.query<ImportRecord>(`SELECT ${COLUMNS} FROM imports ORDER BY id DESC LIMIT $1`, [limit])).rows;
}

/**
 * An import's transaction on a pooled connection of its own, holding the write lock (the
 * advisory lock event commits take too) from BEGIN to COMMIT, so nothing read inside it changes
 * before the commit. The row writes are staged synchronously (ImportWriter) and sent in order in
 * the background; the first failure is kept and rethrown by every later step, commit included.
 */
export async function beginImport(pool: pg.Pool, mode: ImportMode = {}): Promise<ImportTransaction> {
  const client = await pool.connect();
  let open = true;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    client.release();
    throw err;
  }
  let writes: Promise<void> = Promise.resolve();
  let failure: unknown = null;
  const send = (write: () => Promise<unknown>) => {
    writes = writes.then(async () => {
      if (failure === null) {
        try {
          await write();
        } catch (err) {
          failure = err;
        }
      }
    });
  };
  const statements = (list: Statement[]) => send(async () => {
    for (const s of list) await client.query(s);
  });
  /** Waits for the staged writes; throws the first that failed. */
  const settled = async () => {
    await writes;
    if (failure !== null) throw failure;
  };
  let nextUom = 0;
  let salesAdded = false;
  const staged = mode.replaceSalesDays === true;
  if (staged) send(() => client.query(STAGE_SALES));
  const end = async (command: 'COMMIT' | 'ROLLBACK') => {
    if (!open) return;
    open = false;
    try {
      await client.query(command);
    } finally {
      client.release();
    }
  };

  return {
    countItems: async () => (await settled(), count(client, 'items')),
    countImports: async () => (await settled(), count(client, 'imports')),
    findImport: async (hash) => (await settled(), findImport(client, hash)),
    salesSpans: async () => (await settled(), salesSpans(client)),
    loadCatalog: async () => (await settled(), loadCatalog(client)),
    nextItemId: async () => {
      await settled();
      return (await client.query<{ next: number }>('SELECT coalesce(max(id), 0) + 1 AS next FROM items')).rows[0]!.next;
    },
    dataVersion: async () => (await settled(), dataVersion(client)),
    bumpDataVersion: async () => (await settled(), bumpDataVersion(client)),
    recordImport: async (r) => {
      await settled();
      // The same bytes imported again (replacing sales days) move to the top of the list.
      await client.query('DELETE FROM imports WHERE hash = $1', [r.hash]);
      await client.query('INSERT INTO imports (hash, name, kind, rows, imported_at, data_version) VALUES ($1, $2, $3, $4, $5, $6)', [
        r.hash,
        r.name,
        r.kind,
        r.rows,
        r.importedAt,
        r.dataVersion,
      ]);
    },
    internUom(catalog: Catalog, code: string): number {
      let id = catalog.uomIds.get(code);
      if (id === undefined) {
        // The write lock is held, so no one else numbers units meanwhile.
        nextUom = Math.max(nextUom, ...catalog.uomIds.values(), 0) + 1;
        id = nextUom;
        catalog.uomIds.set(code, id);
        const row = [id, code];
        send(() => client.query('INSERT INTO uom_codes (id, code) VALUES ($1, $2)', row));
      }
      return id;
    },
    insertSales: (c) => {
      salesAdded ||= c.count > 0;
      const slices = salesCopyData(c);
      send(() => copySales(client, slices, staged ? STAGED_SALES : 'sales'));
    },
    replaceSalesDays: async () => {
      if (!staged) throw new Error('replaceSalesDays: the import was not begun with replaceSalesDays');
      await settled();
      return replaceSalesDays(client);
    },
    upsertInventory: (c) => statements(inventoryStatements(c)),
    upsertUomFactors: (c) => statements(uomFactorStatements(c)),
    upsertItems: (c) => statements(itemStatements(c)),
    commit: async () => {
      try {
        await settled();
        // The rows become visible with their index and statistics ready, not when autovacuum
        // comes round: until then the BRIN index has no summary for the new pages (every range
        // matches, so each window of sales ids the pipeline reads scans the whole table) and the
        // planner does not know the row count. Measured at 40M rows: 4.4 s, one pass.
        if (salesAdded) await client.query(`SELECT brin_summarize_new_values('sales_id')`).then(() => client.query('ANALYZE sales'));
      } catch (err) {
        await end('ROLLBACK');
        throw err;
      }
      await end('COMMIT');
    },
    rollback: async () => {
      await writes;
      await end('ROLLBACK');
    },
  };
}

/**
 * An import that replaces sales days (ImportMode.replaceSalesDays) copies its rows into a table
 * of its own transaction first; on apply, the stored sales on every (item, day) they hold are
 * removed and the rows appended in the order they came. The write lock keeps event commits out
 * meanwhile, so nothing removed was written after the import began.
 */
const STAGED_SALES = 'import_sales';
const STAGE_SALES = `CREATE TEMP TABLE ${STAGED_SALES} (
  seq bigint GENERATED ALWAYS AS IDENTITY, item integer, day integer, quantity double precision, uom integer
) ON COMMIT DROP`;

async function replaceSalesDays(client: pg.PoolClient): Promise<ReplacedSales> {
  const days = `SELECT DISTINCT item, day FROM ${STAGED_SALES}`;
  const itemDays = (await client.query<{ n: number }>(`SELECT count(*)::integer AS n FROM (${days}) d`)).rows[0]!.n;
  const removed = await client.query(`DELETE FROM sales s USING (${days}) d WHERE s.item = d.item AND s.day = d.day`);
  await client.query(`INSERT INTO sales (item, day, quantity, uom) SELECT item, day, quantity, uom FROM ${STAGED_SALES} ORDER BY seq`);
  await client.query(`TRUNCATE ${STAGED_SALES}`);
  return { rows: removed.rowCount ?? 0, itemDays };
}
