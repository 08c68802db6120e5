/** JSON errors of every route: `{"error":{"code","message","details"?}}` with a fitting status. */
export interface ErrorDetail {
  file?: string;
  row?: number;
  column?: string;
  item?: string;
  line?: number;
  message: string;
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

export function errorResponse(err: unknown): Response {
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
