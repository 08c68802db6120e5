'use client';
import { useRef, useState, type DragEvent, type FormEvent } from 'react';
import { useAnnounceDataChanged } from '@/components/providers';
import { ApiError } from '@/lib/client/http';
import { useImport } from '@/lib/client/import';
import { formatCount, formatDay } from '@/lib/dashboard/format';

const KINDS = ['items', 'uom', 'sales', 'inventory'] as const;

/**
 * Upload of data files as one all-or-nothing import. A refused import lists its problems by file,
 * row and column; an accepted one names what was written and makes every tab refetch.
 */
export function UploadPanel() {
  const upload = useImport();
  const announce = useAnnounceDataChanged();
  const [files, setFiles] = useState<File[]>([]);
  const [kind, setKind] = useState('');
  const [replaceDays, setReplaceDays] = useState(false);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (files.length === 0) return;
    upload.mutate({ files, kind, replaceDays }, { onSuccess: () => announce() });
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    setFiles([...event.dataTransfer.files]);
  };
  const error = upload.error;
  const details = error instanceof ApiError ? error.details : [];
  return (
    <section className="panel" aria-labelledby="upload-title">
      <div className="panel-head">
        <h2 id="upload-title">Upload data</h2>
        <span className="panel-note">CSV or XLSX · items, uom, sales, inventory · validated as a whole before anything is written</span>
      </div>
      <form onSubmit={submit} className="upload-form">
        <label
          className={`drop-zone${dragging ? ' dragging' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={drop}
        >
          <svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true">
            <path d="M12 16V4m0 0L7.5 8.5M12 4l4.5 4.5M5 15v3a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-3" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          <span>
            <strong>Choose files</strong> or drop them here
          </span>
          <span className="muted small">
            {files.length === 0 ? 'Each file’s kind is read from its header' : files.map((f) => f.name).join(', ')}
          </span>
          <input
            ref={input}
            type="file"
            name="file"
            multiple
            accept=".csv,.tsv,.txt,.xlsx"
            aria-label="Files"
            className="visually-hidden"
            onChange={(e) => setFiles([...(e.target.files ?? [])])}
          />
        </label>
        <div className="upload-options">
          <label className="field">
            <span>Kind</span>
            <select className="select" value={kind} onChange={(e) => setKind(e.target.value)}>
              <option value="">From each file’s header</option>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
          <label className="checkbox-field">
            <input type="checkbox" checked={replaceDays} onChange={(e) => setReplaceDays(e.target.checked)} />
            <span>Sales replace what is stored for their items on the days they hold (a corrected or re-exported extract)</span>
          </label>
          <button type="submit" className="button button-primary" disabled={upload.isPending || files.length === 0}>
            {upload.isPending ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
      {upload.isSuccess ? (
        <div className="notice notice-success" role="status">
          <p>
            <strong>Imported as data version {upload.data.dataVersion}.</strong> Press Refresh to update forecasts.
          </p>
          <ul>
            {upload.data.imported.map((f) => (
              <li key={f.file}>
                {f.file}: {f.kind}, {formatCount(f.rows)} rows{f.skipped ? ' (skipped: imported before)' : ''}
              </li>
            ))}
          </ul>
          {upload.data.replaced ? (
            <p>
              Replaced {formatCount(upload.data.replaced.rows)} stored sales {upload.data.replaced.rows === 1 ? 'row' : 'rows'} on{' '}
              {formatCount(upload.data.replaced.itemDays)} item-{upload.data.replaced.itemDays === 1 ? 'day' : 'days'}.
            </p>
          ) : null}
        </div>
      ) : null}
      {upload.isSuccess && upload.data.imported.some((f) => f.repeated) ? (
        <div className="notice notice-warning" role="alert">
          <p>
            <strong>Some sales fall on days already imported.</strong> Sales rows add up: if a file repeats an earlier
            extract, those days now count twice. To count them once, import it again with “Sales replace what is stored”
            ticked.
          </p>
          <ul>
            {upload.data.imported.map((f) =>
              f.repeated ? (
                <li key={f.file}>
                  {f.file}: {formatCount(f.repeated.rows)} {f.repeated.rows === 1 ? 'row' : 'rows'} on days their items
                  already had sales for ({formatCount(f.repeated.items)} {f.repeated.items === 1 ? 'item' : 'items'},{' '}
                  {formatDay(f.repeated.firstDay)} to {formatDay(f.repeated.lastDay)})
                </li>
              ) : null,
            )}
          </ul>
        </div>
      ) : null}
      {upload.isError ? (
        <div className="notice notice-error" role="alert">
          <p>
            <strong>Nothing was imported.</strong> {error?.message}
          </p>
          {details.length > 0 ? (
            <table className="data-table compact problems">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col" className="num">
                    Row
                  </th>
                  <th scope="col">Column</th>
                  <th scope="col">Item</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {details.map((d, i) => (
                  <tr key={i}>
                    <td>{d.file ?? '—'}</td>
                    <td className="num">{d.row || '—'}</td>
                    <td>{d.column || '—'}</td>
                    <td>{d.item || '—'}</td>
                    <td className="wrap">{d.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
