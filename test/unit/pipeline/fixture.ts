import type { Db } from '@/lib/store';
import { bumpDataVersion } from '@/lib/store';

/**
 * A small synthetic store for pipeline tests: `items` items selling daily over `days` days in
 * mixed units (EA base, CASE = 12 for all items, PACK = 6 for every third item), one stock
 * record each. Deterministic (a fixed LCG), so two stores built alike hold the same rows.
 */
export function seedStore(db: Db, options: { items: number; days: number; firstDay?: number; seed?: number }): void {
  let s = options.seed ?? 42;
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const firstDay = options.firstDay ?? 19_000;
  db.transaction(() => {
    for (const code of ['EA', 'CASE', 'PACK']) db.prepare('INSERT INTO uom_codes (code) VALUES (?)').run(code);
    db.prepare('INSERT INTO uom_factors (item, uom, factor) VALUES (0, 2, 12)').run();
    const item = db.prepare(
      `INSERT INTO items (id, item_id, name, category, base_uom, unit_cost, lead_time_days, service_level, moq, case_pack)
       VALUES (?, ?, ?, ?, 'EA', ?, ?, ?, ?, ?)`,
    );
    const factor = db.prepare('INSERT INTO uom_factors (item, uom, factor) VALUES (?, 3, 6)');
    const sale = db.prepare('INSERT INTO sales (item, day, quantity, uom) VALUES (?, ?, ?, ?)');
    const stock = db.prepare(
      'INSERT INTO inventory (item, as_of, on_hand, on_order, uom, on_order_due) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (let i = 1; i <= options.items; i++) {
      const kind = i % 5; // 0 dead, 1 intermittent, 2-4 regular at different levels
      item.run(i, `SKU-${String(i).padStart(5, '0')}`, `Item ${i}`, `cat-${i % 4}`, 1 + (i % 17), 7 + (i % 5) * 7,
        i % 2 ? null : 0.9, i % 3 ? null : 24, i % 4 ? null : 6);
      if (i % 3 === 0) factor.run(i);
      const level = kind === 1 ? 0.2 : kind >= 2 ? 2 + kind * 3 + (i % 7) : 0;
      const lastDay = kind === 0 ? options.days - 200 : options.days;
      for (let d = 0; d < lastDay; d++) {
        const season = 1 + 0.3 * Math.sin((2 * Math.PI * d) / 7);
        const q = Math.round(level * season * (0.5 + rand()));
        if (q <= 0) continue;
        const unit = i % 3 === 0 && q % 6 === 0 ? 3 : q % 12 === 0 ? 2 : 1;
        sale.run(i, firstDay + d, unit === 3 ? q / 6 : unit === 2 ? q / 12 : q, unit);
      }
      const onHand = Math.round(level * 30 * (i % 4 === 0 ? 0 : i % 4 === 1 ? 0.3 : i % 4 === 2 ? 1 : 8));
      stock.run(i, firstDay + options.days - 1, onHand, i % 6 === 0 ? 24 : 0, 1, i % 12 === 0 ? firstDay + options.days + 10 : null);
    }
    bumpDataVersion(db);
  })();
}
