import { dataVersion, getStore } from '@/lib/store';
import { listImports } from '@/lib/store/imports';
import { countItems } from '@/lib/store/items';
import { UploadForm } from './upload-form';

export const dynamic = 'force-dynamic';

/** Upload data files, see their row-level problems, and the files imported so far. */
export default function DataPage() {
  const { db } = getStore();
  const imports = listImports(db, 200);
  return (
    <main>
      <h1>Data</h1>
      <p>
        Data version <strong data-testid="data-version">{dataVersion(db)}</strong> ·{' '}
        {countItems(db).toLocaleString('en-US')} items
      </p>
      <UploadForm />
      <h2>Imported files</h2>
      {imports.length === 0 ? (
        <p>No files imported yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>File</th>
              <th>Kind</th>
              <th className="num">Rows</th>
              <th>Imported</th>
              <th className="num">Data version</th>
            </tr>
          </thead>
          <tbody>
            {imports.map((f) => (
              <tr key={f.hash}>
                <td>{f.name}</td>
                <td>{f.kind}</td>
                <td className="num">{f.rows.toLocaleString('en-US')}</td>
                <td>{f.importedAt.replace('T', ' ').slice(0, 19)} UTC</td>
                <td className="num">{f.dataVersion}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
