import { requireContentType } from './content-type';
import { HttpError } from './errors';

/**
 * Reads a small JSON object body (415 unless sent as application/json); an empty body is `{}`.
 * Malformed JSON is a 400 naming it.
 */
export async function readJsonObject(request: Request, limitBytes = 64 * 1024): Promise<Record<string, unknown>> {
  requireContentType(request, 'application/json');
  const text = await request.text();
  if (text.length > limitBytes) throw new HttpError(413, 'too_large', `request body over ${limitBytes} bytes`);
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new HttpError(400, 'bad_json', `request body is not valid JSON: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new HttpError(400, 'bad_request', 'request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}
