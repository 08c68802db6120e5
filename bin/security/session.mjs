// With STOCKCAST_TOKEN set, a browser signs in once with the token and then carries a session
// cookie (HttpOnly: no script reads it; SameSite=Strict: no other site's request carries it). A
// session is signed with the token itself, so nothing is stored and a new token ends all sessions.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'stockcast_session';
const LIFETIME_S = 7 * 24 * 3600;

/** Constant-time comparison that does not reveal the token's length either. */
export function sameSecret(given, token) {
  const digest = (s) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(token));
}

const sign = (token, payload) => createHmac('sha256', token).update(payload).digest('base64url');

export function issueSession(token, now = Date.now()) {
  const payload = `${Math.floor(now / 1000) + LIFETIME_S}.${randomBytes(12).toString('base64url')}`;
  return `${payload}.${sign(token, payload)}`;
}

export function validSession(token, value, now = Date.now()) {
  const m = /^(\d+)\.([\w-]+)\.([\w-]+)$/.exec(value ?? '');
  if (!m) return false;
  if (Number(m[1]) * 1000 <= now) return false;
  return sameSecret(m[3], sign(token, `${m[1]}.${m[2]}`));
}

export function sessionCookie(value) {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${LIFETIME_S}`;
}

export function cookie(header, name) {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/**
 * 'ok' with the right bearer token or a valid session, 'wrong' with a wrong bearer token (which a
 * valid cookie does not mend), 'none' with neither.
 */
export function credentials(req, token) {
  const header = req.headers.authorization;
  if (header !== undefined) return header.startsWith('Bearer ') && sameSecret(header.slice(7), token) ? 'ok' : 'wrong';
  return validSession(token, cookie(req.headers.cookie, SESSION_COOKIE)) ? 'ok' : 'none';
}
