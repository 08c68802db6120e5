import { parentPort, workerData } from 'node:worker_threads';
import { readCsv } from './csv';
import { IssueList, type ImportIssue } from './issues';
import { resolveHeader, type Kind } from './kinds';
import type { RowSink } from './rows';
import { SalesRows, type SalesBatch } from './sales';
import { sourceFrom, type SourceOrigin } from './source';

/**
 * A parsing thread for one big sales CSV: reads it into typed columns and posts them in batches,
 * so the importing thread checks and inserts one batch while this one reads the next.
 */
export type FromSalesThread =
  | { type: 'batch'; batch: SalesBatch }
  | { type: 'end'; issues: ImportIssue[]; total: number };

const { origin, name, kind, bytes, batchRows } = workerData as {
  origin: SourceOrigin;
  name: string;
  kind?: Kind;
  bytes: number;
  batchRows: number;
};
const port = parentPort!;
const issues = new IssueList();

let posted = 0;
function post(rows: SalesRows): void {
  const batch = rows.takeBatch();
  posted += batch.count;
  const columns = [batch.item, batch.day, batch.quantity, batch.unit, batch.rowNo];
  port.postMessage({ type: 'batch', batch } satisfies FromSalesThread, columns.map((c) => c.buffer as ArrayBuffer));
}

let rows: SalesRows | null = null;
await readCsv(sourceFrom(origin, name, kind).chunks(), {
  file: name,
  issues,
  bytes,
  fits: (header) => !Array.isArray(resolveHeader(header, kind)),
  open: (header, decimalComma, headerRow) => {
    const resolved = resolveHeader(header, kind);
    if (Array.isArray(resolved) || resolved.kind !== 'sales') {
      issues.add(name, headerRow, '', 'not a sales file after all');
      return null;
    }
    const sales = new SalesRows(name, resolved, issues, decimalComma);
    rows = sales;
    const sink: RowSink = {
      row(text, bounds, fields, rowNo) {
        sales.row(text, bounds, fields, rowNo);
        if (sales.count >= batchRows) post(sales);
      },
      reserve: (n) => sales.reserve(Math.min(n, batchRows)),
    };
    return sink;
  },
});
const last = rows as SalesRows | null;
if (last && last.count > 0) post(last);
if (last && posted === 0 && issues.total === 0) issues.add(name, 0, '', 'no data rows below the header');
port.postMessage({ type: 'end', issues: issues.listed, total: issues.total } satisfies FromSalesThread);
