// The sign-in page (only when STOCKCAST_TOKEN is set): a plain form, no script, posted to itself.
// The gate has already checked that a POST comes from this server's own page.
import { issueSession, sameSecret, sessionCookie } from './session.mjs';

export const SIGN_IN_PATH = '/sign-in';
const FORM_LIMIT_BYTES = 8 * 1024;

const escape = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Where to go after signing in: a path of this server only (never another site). */
export function safeNext(value) {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}

function page(nonce, next, error) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · Stockcast</title><link rel="icon" href="/icon.svg">
<style nonce="${nonce}">
:root{color-scheme:light dark;font-family:system-ui,sans-serif;background:#f5f6f8;color:#1b1f24}
@media (prefers-color-scheme:dark){:root{background:#0e1116;color:#e6e8eb}}
main{max-width:22rem;margin:18vh auto;padding:1.5rem;border:1px solid #8884;border-radius:10px}
h1{font-size:1.25rem;margin:0 0 1rem}label{display:block;font-size:.9rem;margin-bottom:.35rem}
input{box-sizing:border-box;width:100%;padding:.5rem;font:inherit;border:1px solid #8888;border-radius:6px}
button{margin-top:1rem;padding:.5rem 1rem;font:inherit;border:0;border-radius:6px;background:#2f6fde;color:#fff;cursor:pointer}
.error{color:#c93030;font-size:.9rem}p{font-size:.9rem}
</style></head>
<body><main><h1>Sign in to Stockcast</h1>
<p>This server asks for its access token (STOCKCAST_TOKEN) once per browser.</p>
${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="${SIGN_IN_PATH}">
<input type="hidden" name="next" value="${escape(next)}">
<label for="token">Access token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button type="submit">Sign in</button>
</form></main></body></html>`;
}

function sendPage(res, status, nonce, next, error) {
  const body = page(nonce, next, error);
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function readForm(req) {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      text += chunk;
      if (text.length > FORM_LIMIT_BYTES) reject(new Error('form too large'));
    });
    req.on('end', () => resolve(new URLSearchParams(text)));
    req.on('error', reject);
  });
}

/** GET shows the form; POST checks the token and sets the session cookie, then goes to `next`. */
export async function signIn(req, res, token, nonce) {
  const url = new URL(req.url ?? '/', 'http://x');
  if (req.method === 'GET' || req.method === 'HEAD') return sendPage(res, 200, nonce, safeNext(url.searchParams.get('next')), '');
  if (req.method !== 'POST') {
    res.writeHead(405, { Allow: 'GET, POST' });
    return res.end();
  }
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    res.writeHead(415, { 'Content-Type': 'text/plain' });
    return res.end('send the sign-in form as application/x-www-form-urlencoded');
  }
  let form;
  try {
    form = await readForm(req);
  } catch {
    res.writeHead(413, { 'Content-Type': 'text/plain', Connection: 'close' });
    return res.end('sign-in form too large');
  }
  const next = safeNext(form.get('next'));
  if (!sameSecret(form.get('token') ?? '', token)) return sendPage(res, 401, nonce, next, 'That is not this server’s access token.');
  res.writeHead(303, { Location: next, 'Set-Cookie': sessionCookie(issueSession(token)), 'Cache-Control': 'no-store' });
  res.end();
}
