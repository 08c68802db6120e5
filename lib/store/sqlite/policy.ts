import { samePolicy, type ServicePolicy } from '../../inventory/policy';
import { bumpDataVersion, dataVersion, type Db } from './db';

/** The stored ABC × XYZ service levels, or null when the analyst has set none. */
export function readServicePolicy(db: Db): ServicePolicy | null {
  const rows = db.prepare('SELECT abc, xyz, service_level FROM service_policy').raw().all() as [string, string, number][];
  if (rows.length === 0) return null;
  const policy = { A: {}, B: {}, C: {} } as ServicePolicy;
  for (const [abc, xyz, level] of rows) policy[abc as 'A'][xyz as 'X'] = level;
  return policy;
}

/**
 * Replaces the policy and raises the data version in one transaction: results computed under
 * the old policy are then no longer current, and the next refresh recomputes them. The policy
 * stored already changes nothing and keeps the version.
 */
export function writeServicePolicy(db: Db, policy: ServicePolicy): number {
  return db.transaction(() => {
    const stored = readServicePolicy(db);
    if (stored && samePolicy(stored, policy)) return dataVersion(db);
    db.prepare('DELETE FROM service_policy').run();
    const insert = db.prepare('INSERT INTO service_policy (abc, xyz, service_level) VALUES (?, ?, ?)');
    for (const [abc, row] of Object.entries(policy)) {
      for (const [xyz, level] of Object.entries(row)) insert.run(abc, xyz, level);
    }
    return bumpDataVersion(db);
  }).immediate();
}
