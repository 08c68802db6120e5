import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { accessToken } from '../../runtime/config';
import { parseFlags } from '../args';
import { CliError, dataError, EXIT_DATAERR, EXIT_TEMPFAIL, usageError } from '../errors';

export const summary = 'stream an NDJSON file of sale and stock events to the server (POST /api/events)';

/** EX_NOPERM from sysexits.h: the server refused the bearer token. */
const EXIT_NOPERM = 77;
const MAX_RETRY_WAIT_S = 30;

const HELP = `usage: stockcast ingest FILE.ndjson [--url URL] [--key KEY] [--retries N] [--json]
  --url       server address (default http://127.0.0.1:3000); STOCKCAST_TOKEN is sent as bearer token
  --key       Idempotency-Key of the request (default: a new random key per run); every retry of
              this run sends the same key, so a retry never stores events twice
  --retries   tries after a 503 (waiting Retry-After) or a lost connection (default 5)
  --json      print the server's answer as JSON instead of name/value lines
exit codes: 0 all lines stored; 65 some lines rejected (the valid ones are stored) or the request
  was refused as bad; 64 bad flags or unreadable file; 75 server busy or unreachable after the
  retries (nothing stored); 77 unauthorized; 1 any other failure
`;

interface Answer {
  status: number;
  retryAfter: number | null;
  /** The server answered from an earlier attempt with the same key (a retry after a lost answer). */
  replayed: boolean;
  body: unknown;
}

interface IngestAnswer {
  accepted: number;
  rejected: { line: number; error: string; item?: string }[];
  rejected_total: number;
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(
    argv,
    {
      url: { type: 'string', default: 'http://127.0.0.1:3000' },
      key: { type: 'string' },
      retries: { type: 'string', default: '5' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    true,
  );
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (positionals.length !== 1) throw usageError(`expected one FILE.ndjson\n${HELP}`);
  const file = positionals[0]!;
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
    fs.accessSync(file, fs.constants.R_OK);
  } catch (err) {
    throw usageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const target = endpoint(values.url);
  const retries = Number(values.retries);
  if (!Number.isInteger(retries) || retries < 0) throw usageError(`--retries must be an integer >= 0, got "${values.retries}"`);
  const key = values.key ?? randomUUID();
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) throw usageError('--key must be 1 to 255 visible ASCII characters');

  const headers: Record<string, string> = {
    'Content-Type': 'application/x-ndjson',
    'Content-Length': String(size),
    'Idempotency-Key': key,
  };
  const token = accessToken();
  if (token) headers.Authorization = `Bearer ${token}`;

  for (let attempt = 0; ; attempt++) {
    let answer: Answer;
    try {
      answer = await send(file, target, headers);
    } catch (err) {
      if (attempt >= retries) {
        throw new CliError(`cannot reach ${target.href}: ${(err as Error).message} (nothing stored)`, EXIT_TEMPFAIL);
      }
      const wait = Math.min(MAX_RETRY_WAIT_S, 0.5 * 2 ** attempt);
      process.stderr.write(`stockcast ingest: ${(err as Error).message}; retrying in ${wait} s\n`);
      await sleep(wait);
      continue;
    }
    if (answer.status === 200) return report(answer.body as IngestAnswer, answer.replayed, values.json);
    const message = errorMessage(answer);
    if (answer.status === 503) {
      if (attempt >= retries) throw new CliError(`server busy after ${retries + 1} tries: ${message}`, EXIT_TEMPFAIL);
      const wait = Math.min(MAX_RETRY_WAIT_S, answer.retryAfter ?? 1);
      process.stderr.write(`stockcast ingest: server busy (${message}); retrying in ${wait} s\n`);
      await sleep(wait);
      continue;
    }
    if (answer.status === 401) throw new CliError(`unauthorized: ${message} (set STOCKCAST_TOKEN)`, EXIT_NOPERM);
    if (answer.status >= 400 && answer.status < 500) throw dataError(`refused (${answer.status}): ${message}`);
    throw new CliError(`server error (${answer.status}): ${message}`, 1);
  }
}

function endpoint(url: string): URL {
  let base: URL;
  try {
    base = new URL(url);
  } catch {
    throw usageError(`--url must be an http(s) URL, got "${url}"`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw usageError(`--url must be http or https, got "${url}"`);
  return new URL('/api/events', base);
}

/** Streams the file as the request body; an early answer (503) stops the upload. */
function send(file: string, target: URL, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const client = target.protocol === 'https:' ? https : http;
    const body = fs.createReadStream(file);
    const req = client.request(target, { method: 'POST', headers });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      body.unpipe(req);
      body.destroy();
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        req.destroy();
        const text = Buffer.concat(chunks).toString();
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // keep the text for the message
        }
        const retryAfter = Number(res.headers['retry-after']);
        resolve({
          status: res.statusCode ?? 0,
          retryAfter: Number.isFinite(retryAfter) ? retryAfter : null,
          replayed: res.headers['idempotent-replayed'] === 'true',
          body: parsed,
        });
      });
    });
    // After an early answer the unsent rest of the body may fail to write; the answer counts.
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    body.on('error', (err) => {
      req.destroy();
      reject(err);
    });
    body.pipe(req);
  });
}

/** Stdout: `accepted N`, `rejected M` (and `replayed true`); the rejected lines go to stderr. */
function report(answer: IngestAnswer, replayed: boolean, json: boolean): number {
  if (json) {
    process.stdout.write(`${JSON.stringify(answer)}\n`);
  } else {
    process.stdout.write(`accepted ${answer.accepted}\nrejected ${answer.rejected_total}\n${replayed ? 'replayed true\n' : ''}`);
    for (const r of answer.rejected) process.stderr.write(`line ${r.line}${r.item ? `, item ${r.item}` : ''}: ${r.error}\n`);
    const unlisted = answer.rejected_total - answer.rejected.length;
    if (unlisted > 0) process.stderr.write(`(${unlisted} more rejected lines not listed)\n`);
  }
  return answer.rejected_total > 0 ? EXIT_DATAERR : 0;
}

function errorMessage(answer: Answer): string {
  const body = answer.body as { error?: { message?: string } } | string;
  if (typeof body === 'object' && body?.error?.message) return body.error.message;
  return String(typeof body === 'string' ? body.slice(0, 200) : JSON.stringify(body));
}

function sleep(seconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, seconds * 1000));
}
