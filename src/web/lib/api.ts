/**
 * The one way the web app talks to the server: same-origin JSON with the CSRF token on every
 * state change, and one error shape (`ApiError`) carrying the server's message and field errors.
 */
export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    /** Anything else the server said about the error, e.g. `{ reason: 'at_capacity' }` on a 409. */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The server's message for one field, e.g. `fieldError('handle')`. */
  field(path: string): string | undefined {
    return this.fields.find((f) => f.path === path || f.path.startsWith(`${path}.`))?.message;
  }
}

/**
 * The code of the 401 a write gets when its writer's account was erased while it was under way
 * (ADR 061): nothing was saved, and `details.safety` may carry the crisis response for its words.
 */
export const ACCOUNT_GONE_CODE = 'account_gone';

/**
 * The code of the 409 a write gets when something it named (a post, a thread, another person's
 * account) was deleted by someone else while it was under way (ADR 061, amendment 2026-11-28):
 * nothing was saved, the person is still signed in and keeps their draft to send again, and
 * `details.safety` may carry the crisis response for its words.
 */
export const GONE_MEANWHILE_CODE = 'gone_meanwhile';

/**
 * The code of the 422 a text gets when it cannot be saved as written (method detail or harassment in
 * words shown to others: staff texts, ADR 064; a group's texts): nothing was saved, the writer keeps
 * the draft, and `details.safety` may carry the crisis response when the words read as their own crisis.
 */
export const HELD_BY_SAFETY_CODE = 'held_by_safety';

/** Given the server's 401 (null when the session check found the session gone without one). */
type UnauthorizedListener = (err: ApiError | null) => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

/**
 * Called whenever the server answers 401: the session has ended (signed out elsewhere, revoked,
 * expired), or the account was deleted under a write (`ACCOUNT_GONE_CODE`).
 */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/**
 * The session has ended without a 401: the session check (`/api/auth/session`) answers 200 with
 * `signedIn: false`, so that a signed-out visitor's page logs no failed request. Same listeners.
 */
export function sessionEnded(err: ApiError | null = null): void {
  for (const l of unauthorizedListeners) l(err);
}

let csrfToken: Promise<string> | null = null;

function fetchCsrfToken(): Promise<string> {
  csrfToken ??= fetch('/api/auth/csrf', { credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then(async (res) => {
      if (!res.ok) throw new ApiError(res.status, 'csrf_unavailable', 'We could not reach Kindred. Check your connection and try again.');
      return ((await res.json()) as { token: string }).token;
    })
    .catch((err: unknown) => {
      csrfToken = null;
      throw err;
    });
  return csrfToken;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

async function toApiError(res: Response): Promise<ApiError> {
  try {
    const data = (await res.json()) as { error?: { code?: string; message?: string; fields?: FieldError[] } & Record<string, unknown> };
    if (data.error?.message) {
      const { code, message, fields, ...details } = data.error;
      return new ApiError(res.status, code ?? 'error', message, fields ?? [], details);
    }
  } catch {
    // not JSON: fall through to a generic message
  }
  return new ApiError(res.status, 'error', res.status >= 500 ? 'Something went wrong on our side. Please try again.' : `Request failed (${res.status}).`);
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const send = async (): Promise<Response> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET') headers['x-csrf-token'] = await fetchCsrfToken();
    try {
      return await fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        body: opts.body === undefined ? null : JSON.stringify(opts.body),
        signal: opts.signal ?? null,
      });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      throw new ApiError(0, 'network', 'We could not reach Kindred. Check your connection and try again.');
    }
  };

  let res = await send();
  if (res.status === 403 && method !== 'GET') {
    const err = await toApiError(res.clone());
    if (err.code === 'csrf_failed') {
      // The token went stale (new cookie, server restart): fetch a fresh one and try once more.
      csrfToken = null;
      res = await send();
    }
  }
  if (!res.ok) {
    const err = await toApiError(res);
    if (res.status === 401) sessionEnded(err);
    throw err;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}
