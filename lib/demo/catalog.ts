import { Rng } from './random';

/**
 * The demo's item master: ten categories with their own products, costs, lead times, packs,
 * weekly rhythm and season, and per item the demand behaviour the sales generator follows and the
 * inventory health the stock position is set up to show.
 */
export type DemoStatus = 'stockout' | 'at_risk' | 'healthy' | 'excess' | 'no_demand';
export const DEMO_STATUSES: readonly DemoStatus[] = ['stockout', 'at_risk', 'healthy', 'excess', 'no_demand'];

/** fast and medium movers sell most days, slow ones now and then, dead ones stopped long ago */
export type Movement = 'fast' | 'medium' | 'slow' | 'dead';

interface Category {
  name: string;
  weight: number;
  products: readonly string[];
  variants: readonly string[];
  base: 'EA' | 'KG';
  cost: readonly [number, number];
  leadTime: readonly [number, number];
  casePacks: readonly number[];
  /** day of the year demand peaks, and how strongly (0 = no season) */
  peakDay: number;
  season: number;
  /** demand by weekday, Monday first */
  week: readonly number[];
}

const SHOPPING_WEEK = [0.85, 0.85, 0.9, 0.95, 1.15, 1.4, 0.9];
const WORK_WEEK = [1.2, 1.15, 1.1, 1.1, 1.05, 0.25, 0.15];

const CATEGORIES: readonly Category[] = [
  {
    name: 'Beverages',
    weight: 14,
    products: ['Sparkling Water', 'Cola', 'Orange Juice', 'Iced Tea', 'Energy Drink', 'Lemonade', 'Mineral Water', 'Cold Brew'],
    variants: ['330ml Can', '500ml', '1L', '1.5L', '6-Pack', 'Zero Sugar 500ml'],
    base: 'EA',
    cost: [0.25, 2.8],
    leadTime: [4, 12],
    casePacks: [6, 12, 24],
    peakDay: 196,
    season: 0.35,
    week: SHOPPING_WEEK,
  },
  {
    name: 'Snacks',
    weight: 12,
    products: ['Potato Chips', 'Tortilla Chips', 'Pretzels', 'Trail Mix', 'Granola Bar', 'Popcorn', 'Rice Crackers'],
    variants: ['Sea Salt', 'BBQ', 'Sour Cream', 'Chili Lime', 'Honey', 'Family Size'],
    base: 'EA',
    cost: [0.4, 3.5],
    leadTime: [5, 14],
    casePacks: [12, 24],
    peakDay: 350,
    season: 0.15,
    week: SHOPPING_WEEK,
  },
  {
    name: 'Dairy',
    weight: 9,
    products: ['Whole Milk', 'Greek Yogurt', 'Cheddar, Mature', 'Butter', 'Cream Cheese', 'Skyr'],
    variants: ['250g', '500g', '1L', 'Organic', 'Lactose Free'],
    base: 'EA',
    cost: [0.6, 4.5],
    leadTime: [2, 5],
    casePacks: [6, 12],
    peakDay: 355,
    season: 0.08,
    week: SHOPPING_WEEK,
  },
  {
    name: 'Household',
    weight: 11,
    products: ['Dish Soap', 'Laundry Detergent', 'Paper Towels', 'Trash Bags', 'Sponges', 'Glass Cleaner', 'Toilet Paper'],
    variants: ['Regular', 'Refill', 'Lemon', 'Value Pack', 'Sensitive'],
    base: 'EA',
    cost: [0.8, 12],
    leadTime: [10, 28],
    casePacks: [6, 8, 12],
    peakDay: 90,
    season: 0.06,
    week: SHOPPING_WEEK,
  },
  {
    name: 'Personal Care',
    weight: 9,
    products: ['Shampoo', 'Toothpaste', 'Sunscreen SPF50', 'Hand Soap', 'Deodorant', 'Lip Balm'],
    variants: ['75ml', '200ml', '400ml', 'Travel Size', 'Sensitive'],
    base: 'EA',
    cost: [0.9, 9],
    leadTime: [10, 30],
    casePacks: [12, 24, 48],
    peakDay: 180,
    season: 0.3,
    week: SHOPPING_WEEK,
  },
  {
    name: 'Hardware',
    weight: 10,
    products: ['Wood Screws', 'Hex Bolts', 'Wall Plugs', 'Cable Ties', 'Duct Tape', 'Work Gloves', 'Hinges'],
    variants: ['4x40mm', 'M8', '6mm', '200mm', 'Heavy Duty', 'Zinc Plated'],
    base: 'EA',
    cost: [1.5, 28],
    leadTime: [20, 60],
    casePacks: [10, 20, 50],
    peakDay: 110,
    season: 0.2,
    week: WORK_WEEK,
  },
  {
    name: 'Office',
    weight: 8,
    products: ['Copy Paper A4', 'Ballpoint Pens', 'Sticky Notes', 'Stapler', 'File Folders', 'Printer Toner'],
    variants: ['Blue', 'Black', 'Assorted', 'Recycled', 'Premium'],
    base: 'EA',
    cost: [0.5, 45],
    leadTime: [7, 21],
    casePacks: [5, 10, 12],
    peakDay: 245,
    season: 0.25,
    week: WORK_WEEK,
  },
  {
    name: 'Garden',
    weight: 8,
    products: ['Potting Soil', 'Grass Seed', 'Garden Hose', 'Plant Food', 'Pruning Shears', 'Seed Trays'],
    variants: ['Small', 'Large', '20L', '50m', 'Organic'],
    base: 'EA',
    cost: [2, 35],
    leadTime: [14, 45],
    casePacks: [4, 6, 10],
    peakDay: 125,
    season: 0.6,
    week: SHOPPING_WEEK,
  },
  {
    name: 'Winter',
    weight: 5,
    products: ['Ice Scraper', 'De-Icer Spray', 'Hand Warmers', 'Snow Shovel', 'Thermal Socks'],
    variants: ['Standard', 'XL', '2-Pack', 'Pro'],
    base: 'EA',
    cost: [1.2, 25],
    leadTime: [21, 60],
    casePacks: [6, 12, 24],
    peakDay: 15,
    season: 0.8,
    week: SHOPPING_WEEK,
  },
  {
    name: 'Coffee',
    weight: 4,
    products: ['Arabica Beans', 'Robusta Beans', 'Espresso Blend', 'Decaf Beans', 'House Blend'],
    variants: ['Colombia', 'Ethiopia', 'Brazil', 'Dark Roast', 'Medium Roast'],
    base: 'KG',
    cost: [9, 28],
    leadTime: [14, 42],
    casePacks: [10],
    peakDay: 20,
    season: 0.12,
    week: WORK_WEEK,
  },
];

const TOTAL_WEIGHT = CATEGORIES.reduce((s, c) => s + c.weight, 0);

/** Coffee is counted in KG and sold in 250 g bags and 10 kg sacks. */
export const BAG_KG = 0.25;
export const SACK_KG = 10;
/** Dozens: a unit every item may be sold in (the demo's all-item factor). */
export const DOZEN = 12;

/** Two or three suppliers per category, so the purchase worksheet has something to group. */
const SUPPLIERS: Record<string, readonly string[]> = {
  Beverages: ['Clearwater Drinks', 'Fizz & Co'],
  Snacks: ['Crunch Foods', 'Golden Bakeries'],
  Dairy: ['Meadow Dairy', 'Alpine Creamery'],
  Household: ['HomeCare Supply', 'Brightline Goods'],
  'Personal Care': ['Pure Beauty Labs', 'HomeCare Supply'],
  Hardware: ['Ironworks Trading', 'Boltmaster', 'Fastfix'],
  Office: ['Paperpoint', 'Deskline Office'],
  Garden: ['Greenfield Outdoor', 'Ironworks Trading'],
  Winter: ['Northwind Seasonal'],
  Coffee: ['Highland Roasters', 'Crema Imports'],
};

/** Stream of the demo's supplier attributes: drawn apart, so the older attributes stay as they were. */
const SUPPLY_STREAM = 0x5eed_0000;

export interface DemoItem {
  index: number;
  code: string;
  name: string;
  category: string;
  baseUom: 'EA' | 'KG';
  unitCost: number;
  leadTimeDays: number;
  serviceLevel: number;
  /** NaN when the item has no minimum order */
  moq: number;
  /** units per case (EA items) */
  casePack: number;
  supplier: string;
  /** selling price: cost plus a margin */
  unitPrice: number;
  /** how much the lead time varies (standard deviation, days) */
  leadTimeSdDays: number;
  /** units per pallet (EA items) */
  palletUnits: number;
  movement: Movement;
  /** the inventory health the stock position is set up to produce */
  status: DemoStatus;
  /** mean demand per day at the end of the history, in base units (before weekday and season) */
  level: number;
  trendPerYear: number;
  season: number;
  peakDay: number;
  week: readonly number[];
  /** day-to-day noise (standard deviation of the log multiplier) */
  noise: number;
  /** share of demand sold in whole cases */
  caseShare: number;
  /** wholesale orders of a full pallet per year, on top of daily demand */
  palletOrdersPerYear: number;
  /** sold in dozens (the all-item unit) */
  dozens: boolean;
  /** coffee sold by the kilogram rather than in bags */
  looseKg: boolean;
  /** days before the end on which the item started selling (new items), Infinity if always */
  sellingFor: number;
  /** dead items: days before the end of their last sale */
  stoppedDaysAgo: number;
  /** promotions: start (days before the end), length in days, uplift */
  promotions: { start: number; days: number; uplift: number }[];
}

function pickCategory(rng: Rng): Category {
  let r = rng.next() * TOTAL_WEIGHT;
  for (const c of CATEGORIES) {
    r -= c.weight;
    if (r < 0) return c;
  }
  return CATEGORIES[CATEGORIES.length - 1]!;
}

function pickStatus(rng: Rng, movement: Movement): DemoStatus {
  if (movement === 'dead') return 'no_demand';
  if (movement === 'slow') return rng.chance(0.6) ? 'healthy' : 'excess';
  const r = rng.next();
  return r < 0.1 ? 'stockout' : r < 0.25 ? 'at_risk' : r < 0.75 ? 'healthy' : 'excess';
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** Item number `index` (0-based) of the demo for `seed`: the same whatever the item count. */
export function demoItem(seed: number, index: number): DemoItem {
  const rng = new Rng(seed, index);
  const cat = pickCategory(rng);
  const m = rng.next();
  const movement: Movement = m < 0.06 ? 'dead' : m < 0.22 ? 'slow' : m < 0.6 ? 'medium' : 'fast';
  const status = pickStatus(rng, movement);
  const kg = cat.base === 'KG';
  const scale = kg ? 0.25 : 1;
  const level =
    scale *
    (movement === 'fast'
      ? Math.exp(rng.uniform(Math.log(20), Math.log(240)))
      : movement === 'medium'
        ? Math.exp(rng.uniform(Math.log(1.5), Math.log(20)))
        : movement === 'slow'
          ? rng.uniform(0.08, 0.35)
          : rng.uniform(0.5, 6));
  const casePack = rng.pick(cat.casePacks);
  // A gentle trend and no promotion near the end keep "healthy" clearly healthy; its season is
  // its category's, like every item's, and its stock is sized for the season ahead (stock.ts).
  const calm = status === 'healthy';
  const season = cat.season * rng.uniform(0.5, 1.3);
  const promotions: DemoItem['promotions'] = [];
  if (movement === 'fast' || movement === 'medium') {
    for (let start = rng.int(20, 90); start < 1200; start += rng.int(50, 140)) {
      if (calm && start < 75) continue;
      promotions.push({ start, days: rng.int(5, 14), uplift: rng.uniform(1.5, 3) });
    }
  }
  const leadTimeDays = rng.int(cat.leadTime[0], cat.leadTime[1]);
  // Drawn in the order they always were: the name, then the cost.
  const name = `${rng.pick(cat.products)} ${rng.pick(cat.variants)}`;
  const unitCost = round2(rng.uniform(cat.cost[0], cat.cost[1]));
  const supply = new Rng(seed, SUPPLY_STREAM + index);
  return {
    index,
    code: `SKU-${String(index + 1).padStart(6, '0')}`,
    name,
    category: cat.name,
    baseUom: cat.base,
    unitCost,
    leadTimeDays,
    supplier: supply.pick(SUPPLIERS[cat.name]!),
    unitPrice: round2(unitCost * supply.uniform(1.3, 2.2)),
    leadTimeSdDays: Math.round(leadTimeDays * supply.uniform(0.05, 0.2) * 10) / 10,
    serviceLevel: movement === 'fast' ? rng.pick([0.97, 0.98, 0.99]) : movement === 'medium' ? rng.pick([0.9, 0.95, 0.95]) : 0.9,
    moq: rng.chance(0.3) ? Number.NaN : kg ? SACK_KG : casePack * rng.int(1, 8),
    casePack,
    palletUnits: casePack * rng.int(30, 80),
    movement,
    status,
    level,
    trendPerYear: movement === 'fast' || movement === 'medium' ? (calm ? rng.uniform(-0.1, 0.1) : rng.uniform(-0.25, 0.35)) : 0,
    season,
    peakDay: cat.peakDay + rng.int(-15, 15),
    week: cat.week,
    noise: rng.uniform(0.12, 0.3),
    caseShare: kg ? 0 : movement === 'fast' ? rng.uniform(0.2, 0.6) : movement === 'medium' ? rng.uniform(0, 0.25) : 0,
    // Lumpy wholesale orders only where the stock status has room for them.
    palletOrdersPerYear: !kg && movement === 'fast' && (status === 'excess' || status === 'stockout') ? rng.int(4, 12) : 0,
    dozens: !kg && rng.chance(0.04),
    looseKg: kg && rng.chance(0.25),
    sellingFor: (movement === 'fast' || movement === 'medium') && !calm && rng.chance(0.06) ? rng.int(60, 240) : Infinity,
    stoppedDaysAgo: movement === 'dead' ? rng.int(150, 420) : 0,
    promotions,
  };
}
