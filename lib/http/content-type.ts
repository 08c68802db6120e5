import { HttpError } from './errors';

/**
 * 415 unless the request declares `type` (parameters such as charset allowed). Other sites' pages
 * can send only form and text bodies without asking first, so this also keeps them out.
 */
export function requireContentType(request: Request, type: string): void {
  const given = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (given !== type) {
    throw new HttpError(415, 'unsupported_media_type', `send the body as Content-Type: ${type} (got ${given ? `"${given}"` : 'none'})`);
  }
}
