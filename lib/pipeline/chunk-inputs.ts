import { promisify } from 'node:util';
import v8 from 'node:v8';
import zlib from 'node:zlib';
import type { ForecastSettings } from '../forecast/types';
import { chunkOverrides, type RunInputs } from './chunk';

const deflate = promisify(zlib.deflate);
const inflate = promisify(zlib.inflate);

/** A chunk as a worker process gets it: its items' inputs alone, the items numbered 0 … n − 1. */
export interface ChunkInputs {
  settings: ForecastSettings;
  inputs: RunInputs;
  items: Int32Array;
}

/**
 * The run's inputs cut down to the chunk's items, in their order: every per-item column picked,
 * the overrides renumbered, the shared season profiles whole. The engine and inventory are per
 * item, so a chunk computed from its slice equals the same chunk computed from the whole.
 */
export function sliceInputs(inputs: RunInputs, items: Int32Array): RunInputs {
  const f64 = (column: Float64Array) => Float64Array.from(items, (i) => column[i]!);
  const i32 = (column: Int32Array) => Int32Array.from(items, (i) => column[i]!);
  const u8 = (column: Uint8Array) => Uint8Array.from(items, (i) => column[i]!);
  const { catalogue: c, history: h, classes, seasons } = inputs;
  const n = items.length;
  const offsets = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) offsets[j + 1] = offsets[j]! + h.offsets[items[j]! + 1]! - h.offsets[items[j]!]!;
  const values = new Float64Array(offsets[n]!);
  for (let j = 0; j < n; j++) values.set(h.values.subarray(h.offsets[items[j]!]!, h.offsets[items[j]! + 1]!), offsets[j]!);
  return {
    ...inputs,
    catalogue: {
      ...c,
      count: n,
      key: i32(c.key),
      unitCost: f64(c.unitCost),
      leadTimeDays: f64(c.leadTimeDays),
      serviceLevel: f64(c.serviceLevel),
      moq: f64(c.moq),
      casePack: f64(c.casePack),
      leadTimeSdDays: f64(c.leadTimeSdDays),
      onHand: f64(c.onHand),
      onOrder: f64(c.onOrder),
      onOrderDueDay: f64(c.onOrderDueDay),
      stockAsOf: f64(c.stockAsOf),
      // Unit conversion is done before chunks exist.
      uom: { itemSlots: 0, unitSlots: 0, factor: new Float64Array(0) },
      categoryGroup: i32(c.categoryGroup),
      overrides: chunkOverrides(c.overrides, items),
      overridesWithoutItem: [],
      pinned: i32(c.pinned),
    },
    history: { values, offsets, start: i32(h.start) },
    lastSaleDay: f64(inputs.lastSaleDay),
    classes: { abc: u8(classes.abc), xyz: u8(classes.xyz), annualValue: f64(classes.annualValue), cv: f64(classes.cv) },
    seasons: { profiles: Float64Array.from(seasons.profiles), group: i32(seasons.group), phase: i32(seasons.phase) },
  };
}

/** The chunk's slice, serialized (V8's structured clone: typed arrays as they are) and deflated. */
export async function encodeChunk(settings: ForecastSettings, inputs: RunInputs, items: Int32Array): Promise<Uint8Array> {
  const slice = sliceInputs(inputs, items);
  return deflate(v8.serialize({ settings, inputs: slice }), { level: 1 });
}

export async function decodeChunk(bytes: Uint8Array): Promise<ChunkInputs> {
  const { settings, inputs } = v8.deserialize(await inflate(bytes)) as Omit<ChunkInputs, 'items'>;
  return { settings, inputs, items: Int32Array.from({ length: inputs.catalogue.count }, (_, j) => j) };
}
