import { timingSafeEqual } from 'node:crypto';
import { accessToken } from '../runtime/config';
import { HttpError } from './errors';

/**
 * When `STOCKCAST_TOKEN` is set, mutating routes call this first: a missing or wrong bearer token
 * is 401. Compared in constant time so the token cannot be guessed byte by byte.
 */
export function requireWriteAccess(request: Request): void {
  const token = accessToken();
  if (!token) return;
  const header = request.headers.get('authorization') ?? '';
  const given = header.startsWith('Bearer ') ? header.slice(7) : '';
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new HttpError(401, 'unauthorized', 'this route requires Authorization: Bearer <STOCKCAST_TOKEN>', undefined, {
      'WWW-Authenticate': 'Bearer',
    });
  }
}
