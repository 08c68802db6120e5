// A process that takes the pipeline lock `rounds` times, appending "enter PID" / "exit PID" to a
// shared journal while it holds it (O_APPEND: the journal's order is the real order of events).
// With `crash`, it exits once while holding the lock, leaving it for another to take over.
import fs from 'node:fs';
import { acquireRunLock, FileRunLock } from '../../../lib/pipeline/lock';

const [dir, journal, roundsText, crash] = process.argv.slice(2);
const lock = new FileRunLock(dir!);
// Start together: announce readiness, then wait for the go file.
process.stdout.write('ready\n');
while (!fs.existsSync(`${journal}.go`)) await new Promise((resolve) => setTimeout(resolve, 1));
for (let round = 0; round < Number(roundsText); round++) {
  const held = await acquireRunLock(lock, { runId: `${process.pid}-${round}`, command: 'contender' }, { wait: 'wait', pollMs: 5 });
  fs.appendFileSync(journal!, `enter ${process.pid}\n`);
  await new Promise((resolve) => setTimeout(resolve, 2));
  fs.appendFileSync(journal!, `exit ${process.pid}\n`);
  if (crash === 'crash' && round === 1) process.exit(3); // holding the lock
  await held.release();
}
