/** JSON errors of every route: `{"error":{"code","message","details"?}}` with a fitting status. */
import { Refusal, type ErrorDetail, type RefusalKind } from '../runtime/refusal';

export type { ErrorDetail } from '../runtime/refusal';

/** The status of each way domain code refuses (lib/runtime/refusal.ts). */
const STATUS: Record<RefusalKind, number> = {
  bad_input: 400,
  invalid_data: 422,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media: 415,
  unavailable: 503,
  no_space: 507,
};

/** A domain refusal as the HTTP error it answers with. */
export function httpErrorOf(refusal: Refusal): HttpError {
  const headers = refusal.retryAfterSeconds === undefined ? undefined : { 'Retry-After': String(refusal.retryAfterSeconds) };
  return new HttpError(STATUS[refusal.kind], refusal.code, refusal.message, refusal.details, headers);
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: readonly ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function errorResponse(thrown: unknown): Response {
  const err = thrown instanceof Refusal ? httpErrorOf(thrown) : thrown;
  if (err instanceof HttpError) {
    const body: { error: { code: string; message: string; details?: readonly ErrorDetail[] } } = {
      error: { code: err.code, message: err.message },
    };
    if (err.details) body.error.details = err.details;
    return Response.json(body, { status: err.status, headers: err.headers });
  }
  const message = err instanceof Error ? err.message : String(err);
  return Response.json({ error: { code: 'internal', message } }, { status: 500 });
}

/** Wraps a route handler so that thrown HttpErrors (and anything else) become JSON errors. */
export function handled<A extends unknown[]>(
  handler: (...args: A) => Promise<Response> | Response,
): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
