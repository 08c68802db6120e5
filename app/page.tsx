import { countItems, listItemsWithStock } from '@/lib/store/items';
import { dataVersion, getStore } from '@/lib/store';
import { dayToIso } from '@/lib/store/days';

export const dynamic = 'force-dynamic';

export default function HomePage() {
  const { db } = getStore();
  const rows = listItemsWithStock(db, { limit: 200, offset: 0 });
  const total = countItems(db);
  return (
    <main>
      <h1>Stockcast</h1>
      <p>
        {total.toLocaleString('en-US')} items · data version {dataVersion(db)}
      </p>
      <table>
        <thead>
          <tr>
            <th>Item</th>
            <th>Name</th>
            <th>Category</th>
            <th className="num">On hand</th>
            <th className="num">On order</th>
            <th>Unit</th>
            <th>As of</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.item_id}>
              <td>{r.item_id}</td>
              <td>{r.name}</td>
              <td>{r.category}</td>
              <td className="num">{r.on_hand ?? '—'}</td>
              <td className="num">{r.on_order ?? '—'}</td>
              <td>{r.stock_uom ?? r.base_uom}</td>
              <td>{r.as_of === null ? '—' : dayToIso(r.as_of)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
