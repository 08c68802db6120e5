import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { isoDay } from '../dashboard/format';
import type { Worksheet, WorksheetLine } from './worksheet';

/** The worksheet as files an ERP imports: order lines with quantities, costs and delivery dates. */
const HEADER = ['supplier', 'item_id', 'name', 'quantity', 'uom', 'unit_cost', 'value', 'due_date'];

const cells = (l: WorksheetLine) => [l.supplier, l.itemId, l.name, l.quantity, l.baseUom, l.unitCost, l.value, isoDay(l.dueDay)];

/** Lines ordered (quantity above 0), one CSV. */
export function worksheetCsv(sheet: Worksheet): string {
  return `${Papa.unparse([HEADER, ...sheet.lines.filter((l) => l.quantity > 0).map(cells)], { newline: '\n', escapeFormulae: true })}\n`;
}

/** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ], unique. */
function sheetName(supplier: string, taken: Set<string>): string {
  const base = supplier.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31).trim() || 'Supplier';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)}~${n}`;
  taken.add(name.toLowerCase());
  return name;
}

/** One sheet per supplier, its lines and a total row. */
export async function worksheetXlsx(sheet: Worksheet): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const taken = new Set<string>();
  for (const s of sheet.suppliers) {
    const lines = sheet.lines.filter((l) => l.supplier === s.supplier && l.quantity > 0);
    if (lines.length === 0) continue;
    const ws = wb.addWorksheet(sheetName(s.supplier, taken));
    ws.addRow(HEADER.slice(1));
    for (const l of lines) ws.addRow(cells(l).slice(1));
    ws.addRow(['Total', '', lines.reduce((a, l) => a + l.quantity, 0), '', '', lines.reduce((a, l) => a + l.value, 0), '']);
    ws.getRow(1).font = { bold: true };
    ws.getRow(lines.length + 2).font = { bold: true };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
