import { MAX_AMOUNT, MAX_AMOUNT_TEXT } from '../inventory/amounts';
import { parseIsoDay } from '../store/days';
import type { OverrideInput } from '../store/types';

/** The fields of an override, as named in the CSV format and the JSON API. */
export const OVERRIDE_FIELDS = ['item_id', 'period_start', 'period_end', 'quantity', 'percent', 'reason', 'until'] as const;
export type OverrideField = (typeof OVERRIDE_FIELDS)[number];

export const MAX_REASON_LENGTH = 200;
/** A percentage below -100 would make demand negative; above +1000 is almost surely a typo. */
export const PERCENT_RANGE: readonly [number, number] = [-100, 1000];

export interface OverrideIssue {
  column: OverrideField;
  message: string;
}

const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v).trim());

function day(v: unknown, column: OverrideField, issues: OverrideIssue[]): number {
  const s = text(v);
  const d = parseIsoDay(s);
  if (s.length !== 10 || !Number.isFinite(d)) issues.push({ column, message: `"${s}" is not a date (YYYY-MM-DD)` });
  return d;
}

function number(v: unknown, column: OverrideField, issues: OverrideIssue[]): number {
  const s = text(v);
  const x = typeof v === 'number' ? v : s === '' ? Number.NaN : Number(s);
  if (!Number.isFinite(x)) issues.push({ column, message: `"${s}" is not a number` });
  return x;
}

/**
 * Checks one override given by field name (strings from a CSV row, or JSON values) and returns
 * it, or the issues found, each naming its field.
 */
export function parseOverride(fields: Partial<Record<OverrideField, unknown>>): { override: OverrideInput } | { issues: OverrideIssue[] } {
  const issues: OverrideIssue[] = [];
  const itemId = text(fields.item_id);
  if (itemId === '') issues.push({ column: 'item_id', message: 'is required' });
  const startDay = day(fields.period_start, 'period_start', issues);
  const endDay = day(fields.period_end, 'period_end', issues);
  if (startDay > endDay) issues.push({ column: 'period_end', message: 'is before period_start' });
  const hasQuantity = text(fields.quantity) !== '';
  const hasPercent = text(fields.percent) !== '';
  let kind: OverrideInput['kind'] = 'quantity';
  let value = Number.NaN;
  if (hasQuantity === hasPercent) {
    issues.push({ column: hasQuantity ? 'percent' : 'quantity', message: 'give either quantity or percent, not both or neither' });
  } else if (hasQuantity) {
    value = number(fields.quantity, 'quantity', issues);
    if (value < 0) issues.push({ column: 'quantity', message: `${value} is negative` });
    if (value > MAX_AMOUNT) issues.push({ column: 'quantity', message: `${value} is above ${MAX_AMOUNT_TEXT}` });
  } else {
    kind = 'percent';
    value = number(fields.percent, 'percent', issues);
    if (value < PERCENT_RANGE[0] || value > PERCENT_RANGE[1]) {
      issues.push({ column: 'percent', message: `${value} is outside ${PERCENT_RANGE[0]} … ${PERCENT_RANGE[1]}` });
    }
  }
  const reason = text(fields.reason);
  if (reason === '') issues.push({ column: 'reason', message: 'is required: say briefly why' });
  if (reason.length > MAX_REASON_LENGTH) issues.push({ column: 'reason', message: `is longer than ${MAX_REASON_LENGTH} characters` });
  const untilDay = text(fields.until) === '' ? null : day(fields.until, 'until', issues);
  if (untilDay !== null && untilDay < startDay) issues.push({ column: 'until', message: 'is before period_start' });
  if (issues.length > 0) return { issues };
  return { override: { itemId, startDay, endDay, kind, value, reason, untilDay } };
}
