import type { ModelPinChange, ModelPinRecord, OverrideChange, OverrideInput, OverrideRecord } from './types';

/** Stored rows of the analyst's overrides and pinned models (and their histories) as both implementations return them, and their decoding. */

export interface OverrideRow {
  id: number;
  item_id: string;
  start_day: number;
  end_day: number;
  kind: 'quantity' | 'percent';
  value: number;
  reason: string;
  until_day: number | null;
  author: string;
  created_at: number;
  updated_at: number;
}

export const toOverrideRecord = (r: OverrideRow): OverrideRecord => ({
  id: r.id,
  itemId: r.item_id,
  startDay: r.start_day,
  endDay: r.end_day,
  kind: r.kind,
  value: r.value,
  reason: r.reason,
  untilDay: r.until_day,
  author: r.author,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** An override's own fields, as its history keeps them (JSON). */
export const overrideInput = (o: OverrideInput): OverrideInput => ({
  itemId: o.itemId,
  startDay: o.startDay,
  endDay: o.endDay,
  kind: o.kind,
  value: o.value,
  reason: o.reason,
  untilDay: o.untilDay,
});

export interface OverrideHistoryRow {
  id: number;
  override_id: number;
  item_id: string;
  action: OverrideChange['action'];
  override: string;
  author: string;
  at: number;
}

export const toOverrideChange = (r: OverrideHistoryRow): OverrideChange => ({
  id: r.id,
  overrideId: r.override_id,
  itemId: r.item_id,
  action: r.action,
  override: JSON.parse(r.override) as OverrideInput,
  author: r.author,
  at: r.at,
});

export interface PinRow {
  item_id: string;
  model: string;
  reason: string;
  author: string;
  created_at: number;
  updated_at: number;
}

export const toPinRecord = (r: PinRow): ModelPinRecord => ({
  itemId: r.item_id,
  model: r.model,
  reason: r.reason,
  author: r.author,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export interface PinHistoryRow {
  id: number;
  item_id: string;
  action: ModelPinChange['action'];
  model: string;
  reason: string;
  author: string;
  at: number;
}

export const toPinChange = (r: PinHistoryRow): ModelPinChange => ({
  id: r.id,
  itemId: r.item_id,
  action: r.action,
  pin: { itemId: r.item_id, model: r.model, reason: r.reason },
  author: r.author,
  at: r.at,
});
