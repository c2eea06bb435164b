/** Typed HTTP errors: services throw these; the error handler turns them into one response shape. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details?: Record<string, unknown>) =>
  new HttpError(400, 'bad_request', message, details);
export const unauthorized = (message = 'Please sign in to do this.') => new HttpError(401, 'unauthorized', message);
export const forbidden = (message = 'You do not have permission to do this.') =>
  new HttpError(403, 'forbidden', message);
export const notFound = (message = 'Not found.') => new HttpError(404, 'not_found', message);
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new HttpError(409, 'conflict', message, details);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new HttpError(429, 'too_many_requests', message, { retryAfterSeconds }, {
    'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))),
  });

/** The body of every error response. */
export interface ErrorBody {
  error: { code: string; message: string; fields?: { path: string; message: string }[] } & Record<string, unknown>;
}

/** What kind of error a consumer threw, without its message (which may quote the event): name and SQL state. */
export function errorKind(err: unknown): { name: string; code?: string } {
  const name = err instanceof Error ? err.name : 'Unknown';
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Za-z0-9_]{1,40}$/.test(code) ? { name, code } : { name };
}

/** Never log an error's payload (it may contain user text): name and message only. */
export function errorSummary(err: unknown): { name: string; message: string } {
  if (err instanceof Error) return { name: err.name, message: err.message.slice(0, 300) };
  return { name: 'Unknown', message: String(err).slice(0, 300) };
}
