import { promisify } from 'node:util';
import v8 from 'node:v8';
import zlib from 'node:zlib';
import type { ForecastSettings } from '../forecast/types';
import { sliceInputs, type RunInputs } from './chunk';

const deflate = promisify(zlib.deflate);
const inflate = promisify(zlib.inflate);

/** A chunk as a worker process gets it: its items' inputs alone, the items numbered 0 … n − 1. */
export interface ChunkInputs {
  settings: ForecastSettings;
  inputs: RunInputs;
  items: Int32Array;
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
