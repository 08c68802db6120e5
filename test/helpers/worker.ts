import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './server';

export interface RunningWorker {
  pid: number;
  /** http://127.0.0.1:PORT/api/metrics */
  metricsUrl: string;
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** A real `stockcast worker` process on the database at `url`, its metrics on a free port. */
export async function startWorker(url: string, env: Record<string, string> = {}, args: string[] = []): Promise<RunningWorker> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/stockcast.mjs'), 'worker', '--metrics-port', '0', ...args], {
    cwd: ROOT,
    env: { ...process.env, STOCKCAST_DATABASE_URL: url, STOCKCAST_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const metricsUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start in 60 s:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /metrics on (http:\/\/\S+\/api\/metrics)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code} before it was ready:\n${out}`));
    });
  });
  return {
    pid: child.pid!,
    metricsUrl,
    child,
    output: () => out,
    exited,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** One unlabelled sample of a Prometheus text exposition (0 when absent). */
export async function metricValue(metricsUrl: string, name: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
}
