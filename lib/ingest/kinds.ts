/**
 * The four file kinds, their columns and the header names analysts actually use for them.
 * A file's kind is read from its header (or given explicitly); columns are matched by name, in
 * any order, case- and punctuation-insensitively.
 */
export const KINDS = ['items', 'uom', 'sales', 'inventory'] as const;
export type Kind = (typeof KINDS)[number];

export function isKind(value: string): value is Kind {
  return (KINDS as readonly string[]).includes(value);
}

export interface ColumnSpec {
  /** canonical name, as in the documentation */
  name: string;
  /** the column must be present in the header */
  required: boolean;
  /** other header names accepted for it (normalized: lower case, `_` between words) */
  aliases: readonly string[];
}

const ITEM_ID: ColumnSpec = {
  name: 'item_id',
  required: true,
  aliases: ['item', 'sku', 'sku_id', 'product', 'product_id', 'item_code', 'item_no', 'item_number', 'article', 'material'],
};
/** Sales and stock may leave the unit out: quantities are then in the item's base unit. */
const UOM_OPTIONAL: ColumnSpec = { name: 'uom', required: false, aliases: ['unit', 'unit_of_measure', 'uom_code', 'units'] };

export const COLUMNS: Record<Kind, readonly ColumnSpec[]> = {
  items: [
    ITEM_ID,
    { name: 'name', required: true, aliases: ['item_name', 'product_name', 'description', 'desc'] },
    { name: 'category', required: true, aliases: ['product_category', 'item_category', 'group', 'family', 'cat'] },
    { name: 'base_uom', required: true, aliases: ['base_unit', 'base_unit_of_measure', 'stock_uom', 'uom', 'unit'] },
    { name: 'unit_cost', required: true, aliases: ['cost', 'standard_cost', 'unit_price_cost', 'cost_per_unit'] },
    { name: 'lead_time_days', required: true, aliases: ['lead_time', 'leadtime', 'leadtime_days', 'lt_days', 'lead_days'] },
    { name: 'service_level', required: false, aliases: ['target_service_level', 'csl', 'service'] },
    { name: 'moq', required: false, aliases: ['min_order_qty', 'minimum_order_quantity', 'min_order_quantity'] },
    { name: 'case_pack', required: false, aliases: ['pack_size', 'case_qty', 'case_quantity', 'units_per_case'] },
    { name: 'supplier', required: false, aliases: ['vendor', 'supplier_name', 'vendor_name', 'supplier_id', 'vendor_id'] },
    { name: 'unit_price', required: false, aliases: ['price', 'selling_price', 'sales_price', 'list_price'] },
    { name: 'holding_cost_rate', required: false, aliases: ['holding_rate', 'carrying_cost_rate', 'holding_cost'] },
    { name: 'lead_time_sd_days', required: false, aliases: ['lead_time_sd', 'lead_time_std_days', 'lead_time_stdev_days'] },
  ],
  uom: [
    { ...ITEM_ID, required: true },
    { name: 'uom', required: true, aliases: ['unit', 'unit_of_measure', 'uom_code', 'from_uom', 'alt_uom'] },
    {
      name: 'factor_to_base',
      required: true,
      aliases: ['factor', 'conversion', 'conversion_factor', 'to_base', 'multiplier', 'base_factor', 'factor_to_base_uom'],
    },
  ],
  sales: [
    ITEM_ID,
    { name: 'date', required: true, aliases: ['day', 'sale_date', 'sales_date', 'order_date', 'transaction_date', 'ship_date'] },
    {
      name: 'quantity',
      required: true,
      aliases: ['qty', 'units_sold', 'quantity_sold', 'qty_sold', 'sales_qty', 'sales_quantity', 'demand', 'sold'],
    },
    UOM_OPTIONAL,
  ],
  inventory: [
    ITEM_ID,
    { name: 'on_hand', required: true, aliases: ['onhand', 'on_hand_qty', 'qty_on_hand', 'stock', 'stock_on_hand', 'soh'] },
    { name: 'on_order', required: true, aliases: ['onorder', 'on_order_qty', 'qty_on_order', 'open_orders', 'open_po_qty'] },
    UOM_OPTIONAL,
    { name: 'as_of', required: true, aliases: ['as_of_date', 'snapshot_date', 'stock_date', 'date'] },
    { name: 'on_order_due', required: false, aliases: ['due_date', 'eta', 'expected_date', 'on_order_eta', 'po_due'] },
  ],
};

/** `"Item ID"`, `item-id`, `ITEM_ID ` → `item_id`. */
export function normalizeHeaderName(raw: string): string {
  return raw
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export interface ResolvedHeader {
  kind: Kind;
  /** for each entry of COLUMNS[kind]: its field index in the file, or -1 when absent */
  fieldOf: Int32Array;
  /** the header text of each file field, as the analyst wrote it (for error messages) */
  labels: string[];
}

export type HeaderProblem = { column: string; message: string };

function matchColumns(kind: Kind, names: string[]): { fieldOf: Int32Array; duplicates: HeaderProblem[] } {
  const specs = COLUMNS[kind];
  const fieldOf = new Int32Array(specs.length).fill(-1);
  const duplicates: HeaderProblem[] = [];
  names.forEach((name, field) => {
    const c = specs.findIndex((s) => s.name === name || s.aliases.includes(name));
    if (c < 0) return;
    if (fieldOf[c]! >= 0) {
      duplicates.push({ column: name, message: `more than one column means ${specs[c]!.name}` });
    } else fieldOf[c] = field;
  });
  return { fieldOf, duplicates };
}

function missingRequired(kind: Kind, fieldOf: Int32Array): string[] {
  return COLUMNS[kind].filter((s, i) => s.required && fieldOf[i]! < 0).map((s) => s.name);
}

/**
 * Decides the kind (unless given) and where each column is. A kind fits when all its required
 * columns are present; when several fit, the one matching most columns wins (a tie is reported).
 */
export function resolveHeader(rawNames: string[], given?: Kind): ResolvedHeader | HeaderProblem[] {
  const labels = rawNames.map((n) => n.replace(/^\uFEFF/, '').trim());
  const names = rawNames.map(normalizeHeaderName);
  const describe = `found columns: ${labels.filter(Boolean).join(', ') || '(none)'}`;
  if (given) {
    const { fieldOf, duplicates } = matchColumns(given, names);
    const missing = missingRequired(given, fieldOf);
    const problems = [
      ...duplicates,
      ...missing.map((m) => ({ column: m, message: `${given} files need a ${m} column; ${describe}` })),
    ];
    return problems.length ? problems : { kind: given, fieldOf, labels };
  }
  const fits: { kind: Kind; matched: number; fieldOf: Int32Array; duplicates: HeaderProblem[] }[] = [];
  for (const kind of KINDS) {
    const { fieldOf, duplicates } = matchColumns(kind, names);
    if (missingRequired(kind, fieldOf).length === 0) {
      fits.push({ kind, matched: fieldOf.filter((f) => f >= 0).length, fieldOf, duplicates });
    }
  }
  fits.sort((a, b) => b.matched - a.matched);
  const best = fits[0];
  if (!best) {
    const expected = KINDS.map((k) => `${k} (${COLUMNS[k].filter((s) => s.required).map((s) => s.name).join(', ')})`);
    return [{ column: '', message: `cannot tell what kind of file this is; expected the columns of ${expected.join(' or ')}; ${describe}` }];
  }
  if (fits[1] && fits[1].matched === best.matched) {
    return [{ column: '', message: `header fits both ${best.kind} and ${fits[1].kind} files; give the kind explicitly` }];
  }
  if (best.duplicates.length) return best.duplicates;
  return { kind: best.kind, fieldOf: best.fieldOf, labels };
}
