'use client';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useAnnounceDataChanged } from '@/components/providers';
import { errorMessage } from '@/lib/client/http';
import { removeOverride, saveOverride, useOverrides, type OverrideBody, type OverrideJson } from '@/lib/client/overrides';
import { useRefresh } from '@/lib/client/refresh';
import { formatQuantity } from '@/lib/dashboard/format';

/** The name the analyst gives once, kept in this browser (the pin control uses it too). */
export const AUTHOR_KEY = 'stockcast.author';
const isoOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

interface Draft {
  id: number | null;
  from: string;
  to: string;
  kind: 'quantity' | 'percent';
  value: string;
  reason: string;
  until: string;
}

const emptyDraft = (forecastDay: readonly number[]): Draft => ({
  id: null,
  from: forecastDay[0] === undefined ? '' : isoOf(forecastDay[0]),
  to: forecastDay[Math.min(3, forecastDay.length - 1)] === undefined ? '' : isoOf(forecastDay[Math.min(3, forecastDay.length - 1)]!),
  kind: 'percent',
  value: '',
  reason: '',
  until: '',
});

const draftOf = (o: OverrideJson): Draft => ({
  id: o.id,
  from: o.period_start,
  to: o.period_end,
  kind: o.quantity !== null ? 'quantity' : 'percent',
  value: String(o.quantity ?? o.percent),
  reason: o.reason,
  until: o.until ?? '',
});

const describe = (o: Pick<OverrideJson, 'quantity' | 'percent'>, unit: string) =>
  o.quantity !== null ? `${formatQuantity(o.quantity, unit)} per period` : `${o.percent! > 0 ? '+' : ''}${o.percent}%`;

/**
 * The analyst's overrides of this item's forecast: set, edit, remove, with a required reason and
 * the analyst's name (asked once, kept in this browser). A change starts a refresh, and every open
 * tab refetches (the shared progress stream's data-changed message).
 */
export function OverridePanel({ itemId, unit, forecastDay }: { itemId: string; unit: string; forecastDay: readonly number[] }) {
  const query = useOverrides(itemId);
  const announce = useAnnounceDataChanged();
  const [author, setAuthor] = useState('');
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(forecastDay));
  const ids = useId();
  useEffect(() => setAuthor(window.localStorage.getItem(AUTHOR_KEY) ?? ''), []);

  const refresh = useRefresh();
  // The change is data: every tab refetches now, and the refresh recomputes the forecast with it.
  const afterChange = () => {
    announce();
    refresh.mutate({});
  };
  const save = useMutation({
    mutationFn: (d: Draft) => {
      const body: OverrideBody = {
        item_id: itemId,
        period_start: d.from,
        period_end: d.to,
        quantity: d.kind === 'quantity' ? Number(d.value) : null,
        percent: d.kind === 'percent' ? Number(d.value) : null,
        reason: d.reason,
        until: d.until === '' ? null : d.until,
        author: author.trim(),
      };
      return saveOverride(body, d.id);
    },
    onSuccess: () => {
      setDraft(emptyDraft(forecastDay));
      afterChange();
    },
  });
  const remove = useMutation({ mutationFn: (id: number) => removeOverride(id, author.trim()), onSuccess: afterChange });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    window.localStorage.setItem(AUTHOR_KEY, author.trim());
    save.mutate(draft);
  };
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const overrides = query.data?.overrides ?? [];
  const failure = save.error ?? remove.error;

  return (
    <section className="panel" aria-labelledby={`${ids}-title`} data-testid="override-panel">
      <div className="panel-head">
        <h2 id={`${ids}-title`}>Overrides</h2>
        <span className="panel-note">your changes to the forecast; kept through every refresh, applied after the statistical forecast</span>
      </div>
      {overrides.length === 0 ? (
        <p className="muted">No override: the forecast is the statistical one.</p>
      ) : (
        <table className="data-table compact override-table">
          <thead>
            <tr>
              <th scope="col">Periods from</th>
              <th scope="col">to</th>
              <th scope="col">Change</th>
              <th scope="col">Reason</th>
              <th scope="col">By</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {overrides.map((o) => (
              <tr key={o.id}>
                <td>{o.period_start}</td>
                <td>
                  {o.period_end}
                  {o.until ? ` (until ${o.until})` : ''}
                </td>
                <td>{describe(o, unit)}</td>
                <td>{o.reason}</td>
                <td>{o.author}</td>
                <td className="override-actions">
                  <button type="button" className="button" onClick={() => setDraft(draftOf(o))} aria-label={`Edit override from ${o.period_start}`}>
                    Edit
                  </button>
                  <button
                    type="button"
                    className="button"
                    disabled={remove.isPending}
                    onClick={() => remove.mutate(o.id)}
                    aria-label={`Remove override from ${o.period_start}`}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="override-form" onSubmit={submit} aria-label={draft.id === null ? 'New override' : 'Edit override'}>
        <label className="field">
          Your name
          <input className="input" required value={author} onChange={(e) => setAuthor(e.target.value)} autoComplete="name" maxLength={80} />
        </label>
        <label className="field">
          Periods from
          <input className="input" type="date" required value={draft.from} onChange={(e) => set({ from: e.target.value })} />
        </label>
        <label className="field">
          to
          <input className="input" type="date" required value={draft.to} onChange={(e) => set({ to: e.target.value })} />
        </label>
        <div className="field">
          <label htmlFor={`${ids}-kind`}>Change</label>
          <select id={`${ids}-kind`} className="select" value={draft.kind} onChange={(e) => set({ kind: e.target.value as Draft['kind'] })}>
            <option value="percent">scale by %</option>
            <option value="quantity">set quantity ({unit} per period)</option>
          </select>
        </div>
        <label className="field">
          {draft.kind === 'percent' ? 'Percent' : 'Quantity'}
          <input className="input" type="number" step="any" required value={draft.value} onChange={(e) => set({ value: e.target.value })} />
        </label>
        <label className="field override-reason">
          Reason
          <input className="input" required maxLength={200} value={draft.reason} onChange={(e) => set({ reason: e.target.value })} placeholder="promotion, lost customer, …" />
        </label>
        <label className="field">
          Until (optional)
          <input className="input" type="date" value={draft.until} onChange={(e) => set({ until: e.target.value })} />
        </label>
        <div className="override-buttons">
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            {draft.id === null ? 'Add override' : 'Save override'}
          </button>
          {draft.id !== null ? (
            <button type="button" className="button" onClick={() => setDraft(emptyDraft(forecastDay))}>
              Cancel edit
            </button>
          ) : null}
        </div>
      </form>
      {failure ? (
        <div className="notice notice-error" role="alert">
          {errorMessage(failure)}
        </div>
      ) : null}
    </section>
  );
}
