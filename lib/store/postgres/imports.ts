import type pg from 'pg';
import type { Catalog, ImportRecord, ImportTransaction } from '../types';
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
export async function beginImport(pool: pg.Pool): Promise<ImportTransaction> {
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
      send(() => copySales(client, slices));
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
