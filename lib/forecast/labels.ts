import { CANDIDATES, DAMPED, LOCAL_DRIFT, LOCAL_THETA } from './models';

/** Label index of `none`: the series had no observation to forecast from. */
export const NONE = CANDIDATES.length;

const CORE = [DAMPED, LOCAL_THETA, LOCAL_DRIFT];
const comboIndex = new Map<number, number>();

/**
 * The fixed label table: every single model, `none`, then the core combination and its partial
 * forms (a member drops out when the history is too short for it). Fixed, never built from the
 * data, so a series' label index does not depend on what else is in its batch.
 */
export const MODEL_NAMES: readonly string[] = (() => {
  const names = CANDIDATES.map((c) => c.model.name);
  names.push('none');
  for (let mask = (1 << CORE.length) - 1; mask > 0; mask--) {
    const members = CORE.filter((_, j) => mask & (1 << j));
    if (members.length < 2) continue;
    let bits = 0;
    for (const c of members) bits |= 1 << c;
    comboIndex.set(bits, names.length);
    names.push(`combo(${members.map((c) => CANDIDATES[c].model.name).join('+')})`);
  }
  return names;
})();

/** Label index of the core combination whose members are the set bits of `mask`. */
export function coreLabel(mask: number): number {
  const index = comboIndex.get(mask);
  if (index === undefined) throw new Error(`no label for combination mask ${mask}`);
  return index;
}
