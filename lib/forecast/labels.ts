import { CANDIDATES } from './models';

/** Most models a combination may average. */
export const MAX_COMBO = 3;

/** Label index of `none`: the series had no observation to forecast from. */
export const NONE = CANDIDATES.length;

const comboIndex = new Map<number, number>();

/**
 * The fixed label table: every single model, then `none`, then every combination of 2..MAX_COMBO
 * models in a canonical order. Fixed (never built from the data) so that a series' label index is
 * the same whatever else is in its batch.
 */
export const MODEL_NAMES: readonly string[] = (() => {
  const names = CANDIDATES.map((c) => c.model.name);
  names.push('none');
  const members: number[] = [];
  const visit = (start: number, size: number) => {
    if (members.length === size) {
      let mask = 0;
      for (const m of members) mask |= 1 << m;
      comboIndex.set(mask, names.length);
      names.push(`combo(${members.map((m) => CANDIDATES[m].model.name).join('+')})`);
      return;
    }
    for (let i = start; i < CANDIDATES.length; i++) {
      members.push(i);
      visit(i + 1, size);
      members.pop();
    }
  };
  for (let size = 2; size <= MAX_COMBO; size++) visit(0, size);
  return names;
})();

/** Label index of the combination whose members are the set bits of `mask`. */
export function comboLabel(mask: number): number {
  const index = comboIndex.get(mask);
  if (index === undefined) throw new Error(`no label for combination mask ${mask}`);
  return index;
}
