import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorksheetModel } from '@/lib/actions/worksheet-model';
import { startServer, type RunningServer } from '../helpers/server';
import { tempDir } from '../helpers/tmp';

/** The purchase worksheet over HTTP: lines by supplier, a draft kept across runs, CSV and XLSX exports. */
const ITEMS =
  'item_id,name,category,base_uom,unit_cost,lead_time_days,moq,case_pack,supplier\n' +
  'A-1,Bolts,Tools,EA,2,7,200,50,Acme\n' +
  'A-2,Nuts,Tools,EA,1,7,,,Acme\n' +
  'B-1,Glue,Tools,EA,4,14,,12,Bolt & Co\n' +
  'C-1,Tape,Tools,EA,3,7,,,\n';
const INVENTORY = 'item_id,on_hand,on_order,as_of\nA-1,0,0,2026-10-31\nA-2,5,0,2026-10-31\nB-1,10,0,2026-10-31\nC-1,0,0,2026-10-31\n';
function sales(): string {
  const lines = ['item_id,date,quantity'];
  const last = Date.UTC(2026, 9, 31);
  for (let d = 119; d >= 0; d--) {
    const day = new Date(last - d * 86_400_000).toISOString().slice(0, 10);
    for (const item of ['A-1', 'A-2', 'B-1']) lines.push(`${item},${day},10`);
    // Tape sells more each week: its forecast rises through the horizon, so the half year's mean
    // rate is well above what the four weeks after its lead time hold.
    lines.push(`C-1,${day},${Math.round(2 + (118 - d) * 0.2)}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('purchase worksheet over HTTP', () => {
  const tmp = tempDir();
  let server: RunningServer;
  const send = (method: 'POST' | 'PUT', url: string, body: unknown) =>
    fetch(`${server.url}${url}`, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const worksheet = async (): Promise<WorksheetModel> => (await fetch(`${server.url}/api/worksheet`)).json() as Promise<WorksheetModel>;
  async function refreshed(previous: string | null): Promise<WorksheetModel> {
    expect([200, 202]).toContain((await send('POST', '/api/refresh', { force: true })).status);
    for (let i = 0; i < 600; i++) {
      const model = await worksheet();
      if (model.runId !== null && model.runId !== previous) return model;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the refresh did not complete in 120 s');
  }

  beforeAll(async () => {
    server = await startServer({ STOCKCAST_DATA_DIR: tmp.dir });
    for (const [name, text] of [['items.csv', ITEMS], ['sales.csv', sales()], ['inventory.csv', INVENTORY]] as const) {
      const form = new FormData();
      form.append('file', new Blob([text]), name);
      expect((await fetch(`${server.url}/api/import`, { method: 'POST', body: form })).status).toBe(200);
    }
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    tmp.cleanup();
  });

  it('groups suggested orders by supplier, each line with its arithmetic', { timeout: 180_000 }, async () => {
    const sheet = await refreshed(null);
    expect(sheet.suppliers.map((s) => [s.supplier, s.lines])).toEqual([
      ['Acme', 2],
      ['Bolt & Co', 1],
      ['(no supplier)', 1],
    ]);
    for (const l of sheet.lines) {
      expect(l.need).toBeCloseTo(l.reorderPoint + l.cycleDemand - l.position, 9);
      expect(l.afterMoq).toBe(Math.max(l.need, l.moq));
      expect(l.suggested).toBe(Math.ceil(l.afterMoq / l.casePack - 1e-9) * l.casePack);
      expect(l.quantity).toBe(l.suggested);
      // The item page's and the inbox's suggested order: one figure everywhere.
      const item = (await (await fetch(`${server.url}/api/items/${l.itemId}`)).json()) as { forecast: { orderQuantity: number } };
      expect(l.suggested, l.itemId).toBe(item.forecast.orderQuantity);
    }
    const tape = sheet.lines.find((l) => l.itemId === 'C-1')!;
    const tapeItem = (await (await fetch(`${server.url}/api/items/C-1`)).json()) as { forecast: { dailyDemand: number } };
    expect(tape.cycleDemand).toBeLessThan(0.9 * tapeItem.forecast.dailyDemand * 28);
    const bolts = sheet.lines.find((l) => l.itemId === 'A-1')!;
    expect(bolts.moq).toBe(200);
    expect(bolts.casePack).toBe(50);
    expect(bolts.suggested % 50).toBe(0);
    expect(bolts.suggested).toBeGreaterThanOrEqual(200);
  });

  it('keeps an edited line across a refresh, and exports XLSX with one sheet per supplier and the right totals', { timeout: 180_000 }, async () => {
    const edit = await send('PUT', '/api/worksheet/lines', { itemId: 'A-2', quantity: 500, dueDate: '2026-11-20' });
    expect(edit.status).toBe(200);
    const before = await worksheet();
    const after = await refreshed(before.runId);
    const nuts = after.lines.find((l) => l.itemId === 'A-2')!;
    expect(nuts).toMatchObject({ quantity: 500, edited: true, value: 500 });
    expect(new Date(nuts.dueDay * 86_400_000).toISOString().slice(0, 10)).toBe('2026-11-20');

    const res = await send('POST', '/api/worksheet/export', { format: 'xlsx' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="purchase-orders-2026-11-01\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Acme', 'Bolt & Co', '(no supplier)']);
    for (const s of after.suppliers) {
      const ws = wb.getWorksheet(s.supplier)!;
      const lines = after.lines.filter((l) => l.supplier === s.supplier);
      expect(ws.rowCount).toBe(lines.length + 2);
      expect(ws.getRow(2).getCell(1).value).toBe(lines[0]!.itemId);
      const total = ws.getRow(ws.rowCount);
      expect(total.getCell(1).value).toBe('Total');
      expect(total.getCell(3).value).toBeCloseTo(s.quantity, 9);
      expect(total.getCell(6).value).toBeCloseTo(s.value, 9);
    }
    expect((wb.getWorksheet('Acme')!.getRow(3).getCell(3).value as number)).toBe(500);
    // Exported: the draft is gone, every line back to its suggestion.
    expect((await worksheet()).lines.every((l) => !l.edited && l.quantity === l.suggested)).toBe(true);
  });

  it('exports CSV lines for the ERP', async () => {
    const sheet = await worksheet();
    const res = await send('POST', '/api/worksheet/export', { format: 'csv' });
    expect(res.status).toBe(200);
    const rows = (await res.text()).trim().split('\n');
    expect(rows[0]).toBe('supplier,item_id,name,quantity,uom,unit_cost,value,due_date');
    expect(rows).toHaveLength(sheet.lines.length + 1);
    expect(rows[1]).toMatch(/^Acme,A-1,Bolts,\d+,EA,2,\d+,2026-11-08$/);
  });

  it('refuses a malformed line with a clear error, keeping the draft as it was', async () => {
    const bad = await send('PUT', '/api/worksheet/lines', { itemId: 'A-2', quantity: -5, dueDate: '2026-11-20' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toBe('"quantity" must be a number from 0 to 1e12 (a trillion)');
    const huge = await send('PUT', '/api/worksheet/lines', { itemId: 'A-2', quantity: 2e12, dueDate: '2026-11-20' });
    expect(huge.status).toBe(400);
    const date = await send('PUT', '/api/worksheet/lines', { itemId: 'A-2', quantity: 5, dueDate: '2026-02-30' });
    expect(date.status).toBe(400);
    const unknown = await send('PUT', '/api/worksheet/lines', { itemId: 'ZZ', quantity: 5, dueDate: '2026-11-20' });
    expect(unknown.status).toBe(404);
    const json = await fetch(`${server.url}/api/worksheet/lines`, { method: 'PUT', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect(json.status).toBe(415);
    expect((await worksheet()).lines.some((l) => l.edited)).toBe(false);
  });
});
