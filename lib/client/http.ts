/**
 * Fetch helpers for the dashboard's requests: JSON in and out, and the API's error shape
 * (`{"error":{"code","message","details"?}}`) turned into an ApiError the page can show.
 */
export interface ApiErrorDetail {
  file?: string;
  row?: number;
  column?: string;
  item?: string;
  line?: number;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly ApiErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Where a browser whose session ended (or never began) signs in again, coming back here after. */
function signInAgain(): void {
  if (typeof window === 'undefined') return;
  const here = window.location.pathname + window.location.search;
  window.location.assign(`/sign-in?next=${encodeURIComponent(here)}`);
}

async function failure(response: Response): Promise<ApiError> {
  if (response.status === 401) signInAgain();
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's page, a crash): the status line says enough.
  }
  const error = (body as { error?: { code?: string; message?: string; details?: ApiErrorDetail[] } } | null)?.error;
  return new ApiError(
    response.status,
    error?.code ?? 'http_error',
    error?.message ?? `${response.status} ${response.statusText || 'request failed'}`,
    error?.details ?? [],
  );
}

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

/**
 * Sends a JSON body (`{}` when none is given: every JSON route requires the Content-Type). The
 * session cookie, when the server asks for one, goes along as on every same-origin request.
 */
export async function sendJson<T>(method: 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

/** Sends a multipart form (file uploads); the browser sets the boundary. */
export async function sendForm<T>(url: string, form: FormData): Promise<T> {
  const response = await fetch(url, { method: 'POST', body: form, headers: { Accept: 'application/json' } });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
