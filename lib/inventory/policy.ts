import { ABC, XYZ } from './classes';

/**
 * The service-level policy: a target per ABC × XYZ class, replacing the single default for items
 * without a service level of their own. Rows are ABC (A, B, C), columns XYZ (X, Y, Z). Until an
 * analyst sets one, every class gets the single default of before (0.95), so figures stay as they
 * were.
 */
export type ServicePolicy = Record<(typeof ABC)[number], Record<(typeof XYZ)[number], number>>;

/** Whether two policies ask the same service level of every class. */
export function samePolicy(a: ServicePolicy, b: ServicePolicy): boolean {
  return ABC.every((abc) => XYZ.every((xyz) => a[abc][xyz] === b[abc][xyz]));
}

export function uniformServicePolicy(level: number): ServicePolicy {
  const row = () => ({ X: level, Y: level, Z: level });
  return { A: row(), B: row(), C: row() };
}

/** Checks an analyst's policy: every class present, each level strictly between 0 and 1. */
export function parseServicePolicy(value: unknown): { policy: ServicePolicy } | { error: string } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { error: 'policy must be an object of ABC classes' };
  const rows = value as Record<string, unknown>;
  const extra = Object.keys(rows).find((k) => !(ABC as readonly string[]).includes(k));
  if (extra !== undefined) return { error: `unknown ABC class "${extra}" (expected A, B, C)` };
  const policy = {} as ServicePolicy;
  for (const abc of ABC) {
    const row = rows[abc];
    if (row === null || typeof row !== 'object' || Array.isArray(row)) return { error: `class ${abc} is missing; expected {"X": .., "Y": .., "Z": ..}` };
    const cells = row as Record<string, unknown>;
    const extraCell = Object.keys(cells).find((k) => !(XYZ as readonly string[]).includes(k));
    if (extraCell !== undefined) return { error: `unknown XYZ class "${extraCell}" in class ${abc} (expected X, Y, Z)` };
    policy[abc] = {} as ServicePolicy['A'];
    for (const xyz of XYZ) {
      const v = cells[xyz];
      if (typeof v !== 'number' || !(v > 0 && v < 1)) {
        return { error: `service level of class ${abc}${xyz} must be a number between 0 and 1 (0.95), got ${JSON.stringify(v ?? null)}` };
      }
      policy[abc][xyz] = v;
    }
  }
  return { policy };
}

/**
 * Fills the service levels an item does not set (NaN) from its class, in place: `abc` and `xyz`
 * are class indexes into ABC and XYZ.
 */
export function applyServicePolicy(serviceLevel: Float64Array, abc: Uint8Array, xyz: Uint8Array, policy: ServicePolicy): void {
  for (let i = 0; i < serviceLevel.length; i++) {
    if (Number.isFinite(serviceLevel[i]!)) continue;
    serviceLevel[i] = policy[ABC[abc[i]!]!][XYZ[xyz[i]!]!];
  }
}
