import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { test } from '@playwright/test';
import type { WorksheetModel } from '@/lib/actions/worksheet-model';
import { startStack, type Stack } from './support/stack';
import { expect, openTab } from './support/pages';

let stack: Stack;

test.beforeAll(async () => {
  stack = await startStack({ items: 120, days: 400 });
});
test.afterAll(async () => {
  await stack?.cleanup();
});

const worksheet = async () => (await (await fetch(`${stack.url}/api/worksheet`)).json()) as WorksheetModel;

for (const theme of ['light', 'dark'] as const) {
  test(`the worksheet groups orders by supplier; an edited quantity is kept and both exports download (${theme})`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: theme, acceptDownloads: true });
    const page = await openTab(context, `${stack.url}/worksheet`, 'worksheet');
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    const model = await worksheet();
    expect(model.suppliers.length).toBeGreaterThan(1);
    for (const s of model.suppliers) await expect(page.locator(`tr[data-supplier="${s.supplier}"]`)).toBeVisible();

    const first = model.lines[0]!;
    const quantity = page.getByLabel(`Quantity of ${first.itemId}`);
    await quantity.fill(String(first.suggested + 7));
    await quantity.press('Enter');
    await expect(page.locator(`tr[data-item="${first.itemId}"]`)).toHaveAttribute('data-edited', 'true');
    await page.reload();
    await expect(page.locator('[data-ready="worksheet"]')).toBeVisible();
    await expect(page.getByLabel(`Quantity of ${first.itemId}`)).toHaveValue(String(first.suggested + 7));

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^purchase-orders-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = fs.readFileSync((await csv.path())!, 'utf8');
    expect(text.split('\n')[0]).toBe('supplier,item_id,name,quantity,uom,unit_cost,value,due_date');
    expect(text).toContain(`,${first.itemId},`);
    expect(text.split('\n').find((l) => l.includes(`,${first.itemId},`))).toContain(`,${first.suggested + 7},`);
    // Exported: the draft is cleared.
    await expect(page.locator(`tr[data-item="${first.itemId}"]`)).not.toHaveAttribute('data-edited', 'true');

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export XLSX' }).click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync((await xlsx.path())!) as unknown as ArrayBuffer);
    const withLines = new Set(model.lines.filter((l) => l.suggested > 0).map((l) => l.supplier));
    expect(wb.worksheets.length).toBe(withLines.size);
    await context.close();
  });
}
