'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';

interface Imported {
  file: string;
  kind: string;
  rows: number;
  skipped: boolean;
}
interface Problem {
  file: string;
  row: number;
  column: string;
  message: string;
}
type Result =
  | { ok: true; imported: Imported[]; dataVersion: number }
  | { ok: false; message: string; details: Problem[] };

/** Posts the chosen files to /api/import as one import and shows what happened, row by row. */
export function UploadForm() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const token = String(form.get('token') ?? '');
    form.delete('token');
    setBusy(true);
    setResult(null);
    try {
      const res = await fetch('/api/import', {
        method: 'POST',
        body: form,
        headers: token ? { Authorization: `Bearer ${token}` } : undefined,
      });
      const body = await res.json().catch(() => ({}));
      if (res.ok) {
        setResult({ ok: true, ...body });
        router.refresh();
      } else {
        setResult({ ok: false, message: body?.error?.message ?? `HTTP ${res.status}`, details: body?.error?.details ?? [] });
      }
    } catch (err) {
      setResult({ ok: false, message: err instanceof Error ? err.message : String(err), details: [] });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section>
      <form onSubmit={submit}>
        <p>
          <label>
            Files (CSV or XLSX: items, uom, sales, inventory){' '}
            <input type="file" name="file" multiple required accept=".csv,.tsv,.txt,.xlsx" />
          </label>
        </p>
        <p>
          <label>
            Kind{' '}
            <select name="kind" defaultValue="">
              <option value="">from each file&apos;s header</option>
              <option value="items">items</option>
              <option value="uom">uom</option>
              <option value="sales">sales</option>
              <option value="inventory">inventory</option>
            </select>
          </label>{' '}
          <label>
            Access token (if the server needs one) <input type="password" name="token" autoComplete="off" />
          </label>
        </p>
        <button type="submit" disabled={busy}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </form>
      {result?.ok && (
        <div role="status">
          <p>Imported as data version {result.dataVersion}:</p>
          <ul>
            {result.imported.map((f) => (
              <li key={f.file}>
                {f.file}: {f.kind}, {f.rows.toLocaleString('en-US')} rows{f.skipped ? ' (skipped: imported before)' : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
      {result && !result.ok && (
        <div role="alert">
          <p>{result.message}</p>
          {result.details.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th>File</th>
                  <th className="num">Row</th>
                  <th>Column</th>
                  <th>Problem</th>
                </tr>
              </thead>
              <tbody>
                {result.details.map((d, i) => (
                  <tr key={i}>
                    <td>{d.file}</td>
                    <td className="num">{d.row || '—'}</td>
                    <td>{d.column || '—'}</td>
                    <td>{d.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
