/**
 * Typed arrays on SharedArrayBuffer memory. A run's big columns (the demand matrix, the history
 * series, the catalogue) live there so that they pass between the main thread and the workers as
 * handles: posting one to a worker costs the same for 10 items or 100,000, where a plain array
 * would be copied on the main thread every time.
 */
export function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));
}

export function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(length * Int32Array.BYTES_PER_ELEMENT));
}

export function sharedUint8(length: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(length));
}

/** A shared copy of `values`. */
export function shareFloat64(values: ArrayLike<number>): Float64Array {
  const out = sharedFloat64(values.length);
  out.set(values);
  return out;
}
