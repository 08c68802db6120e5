/**
 * The ETS forms of Hyndman et al. (2008) that AutoETS considers: error A/M, trend N/A/Ad, season
 * N/A/M, restricted as R's `ets(restrict = TRUE)` without multiplicative trend.
 */

export const NONE = 0;
export const ADDITIVE = 1;
export const MULTIPLICATIVE = 2;
export type Component = typeof NONE | typeof ADDITIVE | typeof MULTIPLICATIVE;

export interface EtsForm {
  error: typeof ADDITIVE | typeof MULTIPLICATIVE;
  trend: typeof NONE | typeof ADDITIVE;
  damped: boolean;
  season: Component;
}

const LETTER = ['N', 'A', 'M'];

/** `ETS(M,Ad,N)`. */
export function formName(form: EtsForm): string {
  return `ETS(${LETTER[form.error]},${LETTER[form.trend]}${form.damped ? 'd' : ''},${LETTER[form.season]})`;
}

/**
 * The candidates in R's search order (error A then M, trend N then A, season N, A, M, damped
 * before undamped): ties in AICc go to the earlier form, as in R.
 */
export function candidateForms(seasonal: boolean, positive: boolean): EtsForm[] {
  const forms: EtsForm[] = [];
  for (const error of [ADDITIVE, MULTIPLICATIVE] as const) {
    if (error === MULTIPLICATIVE && !positive) continue;
    for (const trend of [NONE, ADDITIVE] as const) {
      for (const season of (seasonal ? [NONE, ADDITIVE, MULTIPLICATIVE] : [NONE]) as Component[]) {
        // Additive error with multiplicative season is numerically unstable (R's restrict).
        if (error === ADDITIVE && season === MULTIPLICATIVE) continue;
        for (const damped of trend === NONE ? [false] : [true, false]) forms.push({ error, trend, damped, season });
      }
    }
  }
  return forms;
}

/** Number of smoothing parameters (α, β, γ, φ) the form estimates. */
export function parameterCount(form: EtsForm): number {
  return 1 + (form.trend !== NONE ? 1 : 0) + (form.season !== NONE ? 1 : 0) + (form.damped ? 1 : 0);
}

/** Number of free initial states (l0, b0, s0..s(m-2)); the last seasonal state is implied by normalization. */
export function initialStateCount(form: EtsForm, m: number): number {
  return 1 + (form.trend !== NONE ? 1 : 0) + (form.season !== NONE ? m - 1 : 0);
}
