import { describe, expect, it } from 'vitest';
import {
  formatAgo,
  formatCount,
  formatDay,
  formatDays,
  formatDuration,
  formatEta,
  formatPercent,
  formatQuantity,
  formatTime,
  formatValue,
} from '@/lib/dashboard/format';

describe('dashboard number formats', () => {
  it('groups counts and keeps precision that matters for quantities', () => {
    expect(formatCount(12345)).toBe('12,345');
    expect(formatCount(null)).toBe('—');
    expect(formatQuantity(1234.4, 'EA')).toBe('1,234 EA');
    expect(formatQuantity(12.345)).toBe('12.3');
    expect(formatQuantity(0.456)).toBe('0.46');
    expect(formatQuantity(Number.NaN, 'EA')).toBe('—');
  });

  it('compacts money from ten thousand up', () => {
    expect(formatValue(9950)).toBe('9,950');
    expect(formatValue(48_234)).toBe('48.2K');
    expect(formatValue(1_260_000)).toBe('1.3M');
  });

  it('says days, dates and durations in words', () => {
    expect(formatDays(0.4)).toBe('<1 day');
    expect(formatDays(1)).toBe('1 day');
    expect(formatDays(3.46)).toBe('3.5 days');
    expect(formatDays(45.2)).toBe('45 days');
    expect(formatDays(null, 'never')).toBe('never');
    expect(formatDay(20758)).toBe('Nov 1, 2026');
    expect(formatDuration(4.2)).toBe('4.2 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3720)).toBe('1 h 02 min');
    expect(formatEta(null)).toBe('');
    expect(formatEta(42)).toBe('about 42 s left');
    expect(formatPercent(0.2412)).toBe('24%');
  });

  it('tells how long ago', () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    expect(formatAgo('2026-11-23T11:59:30Z', now)).toBe('just now');
    expect(formatAgo('2026-11-23T11:55:00Z', now)).toBe('5 min ago');
    expect(formatAgo('2026-11-21T12:00:00Z', now)).toBe('2 days ago');
  });

  it('writes the first hour after midnight as 00, as browsers do (the server renders the same text)', () => {
    const local = new Date(2026, 11, 5, 0, 11, 7).toISOString();
    expect(formatTime(local)).toBe('Dec 5, 00:11:07');
    expect(formatTime(local, false)).toBe('Dec 5, 00:11');
  });
});
