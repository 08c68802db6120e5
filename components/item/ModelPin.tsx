'use client';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useAnnounceDataChanged } from '@/components/providers';
import { errorMessage } from '@/lib/client/http';
import { pinModel, unpinModel, usePins } from '@/lib/client/pins';
import { useRefresh } from '@/lib/client/refresh';
import type { LeaderboardRow } from '@/lib/dashboard/types';
import { modelName } from '@/lib/dashboard/method-names';
import { AUTHOR_KEY } from './OverridePanel';

/** Why a pin is not in the shown forecast: no run has tried it yet, or the last one could not fit it. */
function notApplied(model: string, tried: boolean, candidates: readonly LeaderboardRow[]): string {
  if (!tried) return ' Not applied yet: the next refresh uses it.';
  const winner = candidates.find((c) => c.winner);
  return ` Not applied: the last run could not fit ${modelName(model)} to this item's demand (an intermittent-demand method on regular demand, or a history too short), so the tournament chose${winner ? ` ${modelName(winner.model)}` : ''} instead.`;
}

/**
 * Pin one of the tournament's candidates for this item, with a reason: the engine then forecasts
 * with it on every run until it is unpinned. A change refreshes, and every open tab refetches.
 */
export function ModelPin({
  itemId,
  candidates,
  applied,
  resultsStartedAt,
}: {
  itemId: string;
  candidates: readonly LeaderboardRow[];
  applied: boolean;
  /** When the shown results' run started (ISO): a run started after the pin has tried it. */
  resultsStartedAt: string;
}) {
  const query = usePins(itemId);
  const pin = query.data?.pins[0] ?? null;
  const history = query.data?.history ?? [];
  const announce = useAnnounceDataChanged();
  const refresh = useRefresh();
  const ids = useId();
  const [author, setAuthor] = useState('');
  const [model, setModel] = useState('');
  const [reason, setReason] = useState('');
  useEffect(() => setAuthor(window.localStorage.getItem(AUTHOR_KEY) ?? ''), []);
  useEffect(() => setModel((m) => m || pin?.model || candidates.find((c) => c.winner)?.model || candidates[0]?.model || ''), [pin, candidates]);

  const afterChange = () => {
    announce();
    refresh.mutate({});
  };
  const save = useMutation({
    mutationFn: () => pinModel({ item_id: itemId, model, reason, author: author.trim() }),
    onSuccess: () => {
      setReason('');
      afterChange();
    },
  });
  const remove = useMutation({ mutationFn: () => unpinModel(itemId, author.trim()), onSuccess: afterChange });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    window.localStorage.setItem(AUTHOR_KEY, author.trim());
    save.mutate();
  };
  const failure = save.error ?? remove.error;

  return (
    <div className="model-pin" data-testid="model-pin">
      <h3 id={`${ids}-title`}>Pinned model</h3>
      {pin ? (
        <p data-testid="model-pin-current">
          <strong>{modelName(pin.model)}</strong> <code className="model-code">{pin.model}</code>, pinned by {pin.author} on{' '}
          {pin.updated_at.slice(0, 10)}: “{pin.reason}”.
          {applied ? '' : notApplied(pin.model, pin.updated_at < resultsStartedAt, candidates)}{' '}
          <button type="button" className="button" disabled={remove.isPending} onClick={() => remove.mutate()}>
            Unpin
          </button>
        </p>
      ) : (
        <p className="muted">None: the tournament chooses the forecast.</p>
      )}
      <form className="override-form" onSubmit={submit} aria-labelledby={`${ids}-title`}>
        <label className="field">
          Pinned by
          <input className="input" required value={author} onChange={(e) => setAuthor(e.target.value)} autoComplete="name" maxLength={80} />
        </label>
        <div className="field">
          <label htmlFor={`${ids}-model`}>Model</label>
          <select id={`${ids}-model`} className="select" value={model} onChange={(e) => setModel(e.target.value)}>
            {candidates.map((c) => (
              <option key={c.model} value={c.model}>
                {modelName(c.model)}
              </option>
            ))}
          </select>
        </div>
        <label className="field override-reason">
          Why
          <input className="input" required maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="the trend is real, new supplier, …" />
        </label>
        <div className="override-buttons">
          <button type="submit" className="button button-primary" disabled={save.isPending || model === ''}>
            {pin ? 'Change pin' : 'Pin model'}
          </button>
        </div>
      </form>
      {history.length > 0 ? (
        <details className="pin-history">
          <summary>History of this item's pins ({history.length})</summary>
          <ul>
            {history.map((c) => (
              <li key={c.id}>
                {c.at.slice(0, 16).replace('T', ' ')} · {c.author} · {c.action === 'remove' ? 'unpinned' : 'pinned'} {modelName(c.model)}: “{c.reason}”
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {failure ? (
        <div className="notice notice-error" role="alert">
          {errorMessage(failure)}
        </div>
      ) : null}
    </div>
  );
}
