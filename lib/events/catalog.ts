import type { Catalog, Store } from '../store';

/**
 * What event validation looks up per line, prepared once per catalog load: item code → id, each
 * item's base unit, and for every other unit the items it converts for. Unit codes that pass
 * validation get a small process-wide key (UnitKeys) that travels in the batch columns.
 */
export interface EventCatalog {
  itemIds: Map<string, number>;
  /** items.id → base unit (ids are dense, so an array) */
  baseUnit: (string | undefined)[];
  /** unit code → the items with a factor for it, or `true` when it converts for every item */
  unitItems: Map<string, Set<number> | true>;
}

export function eventCatalog(catalog: Catalog): EventCatalog {
  const codeOf = new Map<number, string>();
  for (const [code, id] of catalog.uomIds) codeOf.set(id, code);
  const unitItems = new Map<string, Set<number> | true>();
  for (const key of catalog.factors) {
    const colon = key.indexOf(':');
    const item = Number(key.slice(0, colon));
    const code = codeOf.get(Number(key.slice(colon + 1)));
    if (code === undefined) continue;
    if (item === 0) {
      unitItems.set(code, true);
      continue;
    }
    const known = unitItems.get(code);
    if (known === true) continue;
    if (known) known.add(item);
    else unitItems.set(code, new Set([item]));
  }
  const baseUnit: (string | undefined)[] = [];
  for (const [item, unit] of catalog.baseUom) baseUnit[item] = unit;
  return { itemIds: catalog.itemIds, baseUnit, unitItems };
}

/** True when a quantity in `unit` converts to `item`'s base unit (the base unit always does). */
export function converts(catalog: EventCatalog, item: number, unit: string): boolean {
  if (catalog.baseUnit[item] === unit) return true;
  const items = catalog.unitItems.get(unit);
  return items === true || (items !== undefined && items.has(item));
}

/** Unit codes seen in valid events, numbered in order of first sight; the writer maps them to ids. */
export class UnitKeys {
  readonly codes: string[] = [];
  private readonly keys = new Map<string, number>();

  key(code: string): number {
    let key = this.keys.get(code);
    if (key === undefined) {
      key = this.codes.length;
      this.codes.push(code);
      this.keys.set(code, key);
    }
    return key;
  }
}

/**
 * The catalog changes only through imports, and every import raises the data version. Event
 * commits raise it too but never change the catalog; the writer counts its own raises in
 * `meta.events_bumps` (same transaction). So the version minus that count rises only when
 * someone else committed, and the cached catalog stays valid as long as it has not risen. Both
 * numbers come from one statement, hence one snapshot.
 */
export class CatalogCache {
  private catalog: EventCatalog | null = null;
  private loadedAt = -1;

  constructor(private readonly store: Store) {}

  async current(): Promise<EventCatalog> {
    if (this.catalog && (await this.store.events.versionWithoutEvents()) === this.loadedAt) return this.catalog;
    const loaded = await this.store.events.catalogSnapshot();
    this.catalog = eventCatalog(loaded.catalog);
    this.loadedAt = loaded.version;
    return this.catalog;
  }
}
