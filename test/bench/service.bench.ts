import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error plain ESM script without types
import { ensureBuild } from '../../bin/build.mjs';
import { startServer } from '../helpers/server';
import { demoStore } from '../unit/pipeline/demo-store';
import type { BenchContext } from './types';

/**
 * The singleton backend through a real server: the wall time of 200 concurrent refreshes against
 * one alone (single-flight makes the ratio close to 1; without it, it would be near 200 on a
 * machine that can run only a couple of pipelines at a time), beside 200 concurrent cached
 * refreshes (what answering 200 requests costs by itself on this machine, client included), then
 * the cached path: latency of one refresh at a time (p50/p99) and requests per second with many
 * clients at once. 10,000 items make a run of seconds, as the dashboard's refresh is; with a
 * sub-second run the 200 answers' own cost dominated the ratio (1,000 items: 0.86 s vs 1.73 s;
 * 3,000 items: 1.41 s vs 2.10 s, of which 0.73 s answering).
 */
/** CPU time (user + system) of process `pid` so far, ms (Linux /proc; clock ticks of 10 ms). */
function serverCpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export async function run({ quick, log }: BenchContext): Promise<void> {
  ensureBuild({ quiet: true });
  const items = quick ? 300 : 10_000;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stockcast-bench-service-'));
  try {
    const store = await demoStore(tmp, { items, days: 730 });
    store.close();
    const server = await startServer({ STOCKCAST_DATA_DIR: tmp, STOCKCAST_LOG_LEVEL: 'error' });
    try {
      const refresh = async (body: object) => {
        const res = await fetch(`${server.url}/api/refresh`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
        return (await res.json()) as { runId: string; status: string };
      };
      const waitFinished = async (runId: string) => {
        for (;;) {
          const run = (await (await fetch(`${server.url}/api/runs/${runId}`)).json()) as { status: string };
          if (run.status !== 'running' && run.status !== 'queued') return run.status;
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      // New data, as an analyst's refresh sees it: a small sales file through the import API.
      let change = 0;
      const newData = async () => {
        change++;
        const form = new FormData();
        const csv = `item_id,date,quantity,uom\nSKU-000001,2026-10-30,${change},EA\n`;
        form.append('file', new Blob([csv], { type: 'text/csv' }), `late-${change}.csv`);
        const res = await fetch(`${server.url}/api/import`, { method: 'POST', body: form });
        if (res.status !== 200) throw new Error(`import failed: ${res.status} ${await res.text()}`);
      };
      // Warm the worker pool and the route code once, so both timings below are steady-state.
      await waitFinished((await refresh({})).runId);

      await newData();
      const t1 = performance.now();
      const alone = await refresh({});
      await waitFinished(alone.runId);
      const oneMs = performance.now() - t1;

      await newData();
      const t2 = performance.now();
      const answers = await Promise.all(Array.from({ length: 200 }, () => refresh({})));
      await Promise.all([...new Set(answers.map((a) => a.runId))].map(waitFinished));
      const manyMs = performance.now() - t2;
      const runIds = new Set(answers.map((a) => a.runId)).size;

      const t4 = performance.now();
      const cachedAnswers = await Promise.all(Array.from({ length: 200 }, () => refresh({})));
      const cachedManyMs = performance.now() - t4;
      if (cachedAnswers.some((a) => a.status !== 'cached')) throw new Error('expected 200 cached answers');
      log(`pipeline on ${items} demo items × 2 years, through POST /api/refresh`);
      log(`  one refresh alone           ${(oneMs / 1000).toFixed(2)} s`);
      const outcomes = answers.reduce<Record<string, number>>((m, a) => ((m[a.status] = (m[a.status] ?? 0) + 1), m), {});
      log(
        `  200 concurrent refreshes    ${(manyMs / 1000).toFixed(2)} s  (${runIds} run${runIds === 1 ? '' : 's'}: ${JSON.stringify(outcomes)}; ratio ${(manyMs / oneMs).toFixed(2)}×)`,
      );
      log(`  200 concurrent, all cached  ${(cachedManyMs / 1000).toFixed(2)} s  (answering 200 requests by itself)`);

      const latencies: number[] = [];
      const n = quick ? 300 : 2000;
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        const a = await refresh({});
        latencies.push(performance.now() - t);
        if (a.status !== 'cached') throw new Error(`expected cached, got ${a.status}`);
      }
      latencies.sort((a, b) => a - b);
      const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
      log(`cached refresh, one at a time (${n}): p50 ${q(0.5).toFixed(2)} ms, p99 ${q(0.99).toFixed(2)} ms`);

      const clients = 32;
      const total = quick ? 2000 : 10_000;
      let sent = 0;
      const t3 = performance.now();
      await Promise.all(
        Array.from({ length: clients }, async () => {
          while (sent < total) {
            sent++;
            await refresh({});
          }
        }),
      );
      const rps = total / ((performance.now() - t3) / 1000);
      log(`cached refresh, ${clients} clients: ${Math.round(rps).toLocaleString('en-US')} requests/s (${total} requests)`);

      // Where a cached answer's time goes on this machine: server and client CPU per request,
      // beside the framework's floor (GET /api/health does next to nothing of ours).
      const perRequest = async (send: () => Promise<unknown>) => {
        const count = quick ? 500 : 2000;
        const server0 = serverCpuMs(server.child.pid!);
        const client0 = process.cpuUsage();
        let left = count;
        await Promise.all(Array.from({ length: clients }, async () => {
          while (left-- > 0) await send();
        }));
        const client = process.cpuUsage(client0);
        return { server: ((serverCpuMs(server.child.pid!) - server0) * 1000) / count, client: (client.user + client.system) / count };
      };
      const cached = await perRequest(() => refresh({}));
      const health = await perRequest(async () => (await fetch(`${server.url}/api/health`)).text());
      log(
        `CPU per request: cached refresh server ${Math.round(cached.server)} µs, client ${Math.round(cached.client)} µs; ` +
          `GET /api/health server ${Math.round(health.server)} µs, client ${Math.round(health.client)} µs (the framework's floor; client and server share the cores)`,
      );
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
