'use client';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '@/lib/client/http';
import { usePolicy, useSavePolicy } from '@/lib/client/policy';
import type { ServicePolicy } from '@/lib/inventory/policy';

const ABC = ['A', 'B', 'C'] as const;
const XYZ = ['X', 'Y', 'Z'] as const;

/** The service level per ABC × XYZ class, in percent; saved levels apply from the next refresh. */
export function PolicyEditor() {
  const policy = usePolicy();
  const save = useSavePolicy();
  const [open, setOpen] = useState(false);
  if (!policy.data) return null;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = {} as ServicePolicy;
    for (const a of ABC) {
      next[a] = {} as ServicePolicy['A'];
      for (const x of XYZ) next[a][x] = Number(form.get(`${a}${x}`)) / 100;
    }
    save.mutate(next);
  };
  return (
    <section className="panel" aria-labelledby="policy-title">
      <div className="panel-head">
        <h2 id="policy-title">Service levels by class</h2>
        <button type="button" className="button button-small button-ghost" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide' : 'Edit'}
        </button>
      </div>
      {open && (
        <form onSubmit={submit} key={JSON.stringify(policy.data.policy)}>
          <table className="data-table policy-table">
            <thead>
              <tr>
                <th scope="col">ABC \ XYZ</th>
                {XYZ.map((x) => (
                  <th key={x} scope="col">
                    {x}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ABC.map((a) => (
                <tr key={a}>
                  <th scope="row">{a}</th>
                  {XYZ.map((x) => (
                    <td key={x}>
                      <input
                        name={`${a}${x}`}
                        type="number"
                        step="0.1"
                        aria-label={`Service level of class ${a}${x}, percent`}
                        defaultValue={Math.round(policy.data.policy[a][x] * 1000) / 10}
                      />
                      %
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="small muted">Items with a service level of their own keep it. Saved levels apply from the next refresh.</p>
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            Save policy
          </button>
          {save.isError && (
            <p role="alert" className="error-text">
              {errorMessage(save.error)}
            </p>
          )}
          {save.isSuccess && <p role="status">Saved; press Refresh to recompute.</p>}
        </form>
      )}
    </section>
  );
}
