import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { HttpError, type ErrorBody } from './errors.js';
import { BODY_LIMIT_BYTES } from './json-body.js';
import { errorKind, errorSummary } from './errors.js';
import { isDatabaseUnavailable } from './db.js';
import { foreignKeyOf, isForeignKeyViolation } from './account-gone.js';
import type { Actor } from './actor.js';

/** What a 503 for the database's own trouble asks the client to wait before trying again. */
const DATABASE_RETRY_AFTER_SECONDS = 2;

const WHERE: Record<string, string> = { body: '', querystring: 'query ', params: 'path ', headers: 'header ' };

function fieldPath(context: string | undefined, instancePath: string): string {
  const p = instancePath.split('/').filter(Boolean).join('.');
  return `${WHERE[context ?? 'body'] ?? ''}${p || '(whole request)'}`.trim();
}

export interface ErrorHandlingOptions {
  /**
   * A signed-in person's write that a foreign key refused, asked only then, after the unit of work has
   * rolled back (ADR 061): a 401 `account_gone` when their account is gone (erased while the write was
   * under way); a 409 `gone_meanwhile` when it is still there (something else the write names was
   * deleted meanwhile: a post, a thread, another person's account). Either body may carry a safety
   * notice, from what the screen said of the words before the write failed (`err`'s unit of work).
   * It never throws: a failure of its own is answered by itself (a 409 without a notice, or the 503
   * when the database is unavailable).
   */
  foreignKeyRefused?(actor: Actor, err: unknown, req: FastifyRequest): Promise<{ status: 401 | 409 | 503; body: ErrorBody; headers?: Record<string, string> }>;
}

/**
 * One response shape for every error: `{ error: { code, message, fields? } }`. Bad input is a 4xx
 * naming the field; only our own faults are 5xx, and those never echo internals to the client.
 */
export function installErrorHandling(app: FastifyInstance, opts: ErrorHandlingOptions = {}): void {
  const internal = (err: unknown, req: FastifyRequest, reply: FastifyReply) => {
    req.log.error({ err: errorSummary(err) }, 'unhandled error');
    return reply.code(500).send({ error: { code: 'internal', message: 'Something went wrong on our side. Please try again.' } } satisfies ErrorBody);
  };
  app.setErrorHandler((err: FastifyError | HttpError | Error, req, reply) => {
    if (err instanceof HttpError) {
      if (err.headers) reply.headers(err.headers);
      const body: ErrorBody = { error: { code: err.code, message: err.message, ...(err.details ?? {}) } };
      return reply.code(err.statusCode).send(body);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const context = (err as { validationContext?: string }).validationContext;
      const fields = err.validation.map((v) => {
        const params = v.params as { keys?: string[] } | undefined;
        // Unknown keys: name them, so the person knows what to remove.
        if (v.keyword === 'unrecognized_keys' && params?.keys?.length) {
          return { path: fieldPath(context, `${v.instancePath}/${params.keys[0]}`), message: 'is not a known field' };
        }
        return { path: fieldPath(context, v.instancePath), message: v.message ?? 'is not valid' };
      });
      const first = fields[0]!;
      return reply.code(400).send({
        error: { code: 'validation_failed', message: `${first.path}: ${first.message}`, fields },
      } satisfies ErrorBody);
    }
    const fe = err as FastifyError;
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      const message =
        fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || /JSON/.test(fe.message)
          ? 'The request body is not valid JSON.'
          : fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
            ? `The request body is larger than the ${BODY_LIMIT_BYTES / 1024} KB limit. Shorten the text and try again.`
            : fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
              ? 'Send the request body as application/json.'
              : fe.code?.startsWith('FST_CSRF')
                ? 'Your session form token is missing or out of date. Reload the page and try again.'
                : fe.message;
      const code = fe.code?.startsWith('FST_CSRF') ? 'csrf_failed' : fe.statusCode === 413 ? 'too_large' : fe.statusCode === 429 ? 'too_many_requests' : 'bad_request';
      return reply.code(fe.statusCode).send({ error: { code, message } } satisfies ErrorBody);
    }
    if (isDatabaseUnavailable(err)) {
      // The server's own state (a statement over its timeout, the pool exhausted, the database
      // restarting), not the request's: 503, to try again; the unit of work was rolled back. Its
      // kind only in the log: a statement's text or values never (ADR 041).
      const cause = (err as { cause?: unknown }).cause;
      req.log.warn({ database: { ...errorKind(err), ...(cause ? { cause: errorKind(cause) } : {}) } }, 'database unavailable or too slow (answered 503)');
      reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
      return reply.code(503).send({ error: { code: 'unavailable', message: 'The server is too busy to finish this right now. Please try again in a moment.' } } satisfies ErrorBody);
    }
    if (opts.foreignKeyRefused && req.actor && isForeignKeyViolation(err)) {
      // Free for every write that succeeds: the one read happens only here, on a write already failed.
      return opts.foreignKeyRefused(req.actor, err, req).then(
        ({ status, body, headers }) => {
          if (headers) reply.headers(headers);
          if (status === 503) req.log.warn('database unavailable while answering a write a foreign key refused (answered 503, nothing stored)');
          else if (status === 401) req.log.info('a write from an account erased while it was under way (answered 401, nothing stored)');
          // Which key and route only (never the statement, its values or the words): a key that keeps
          // failing on one route with nobody deleting anything is a bug, not this race.
          else req.log.warn({ foreignKey: { ...foreignKeyOf(err), route: req.routeOptions.url ?? null } }, 'a write naming something deleted meanwhile (answered 409, nothing stored)');
          return reply.code(status).send(body);
        },
        () => internal(err, req, reply),
      );
    }
    return internal(err, req, reply);
  });

  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ error: { code: 'not_found', message: `No route ${req.method} ${req.url.split('?')[0]}.` } } satisfies ErrorBody);
  });
}
