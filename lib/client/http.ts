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

const TOKEN_KEY = 'stockcast-token';

/**
 * The access token for mutating routes when the server requires one (STOCKCAST_TOKEN), kept for
 * this browser session only.
 */
export function accessToken(): string {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

export function setAccessToken(token: string): void {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage disabled: the token cannot be remembered.
  }
}

const authorization = (): Record<string, string> => {
  const token = accessToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
};

async function failure(response: Response): Promise<ApiError> {
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

export async function sendJson<T>(method: 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { Accept: 'application/json', ...authorization(), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

/** Sends a multipart form (file uploads); the browser sets the boundary. */
export async function sendForm<T>(url: string, form: FormData): Promise<T> {
  const response = await fetch(url, { method: 'POST', body: form, headers: { Accept: 'application/json', ...authorization() } });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as T;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
