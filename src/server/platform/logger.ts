import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';

/**
 * Pino options: request ids, and redaction of everything that could carry a secret or a person's
 * words. Bodies are never logged at all; these paths catch what might slip into a log object.
 */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        'headers.cookie',
        'password',
        'newPassword',
        'currentPassword',
        'token',
        'body',
        'text',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req(req: { method: string; url: string; id: string; ip?: string }) {
        // The query string can hold search text: log the path only.
        return { method: req.method, url: req.url.split('?')[0], id: req.id };
      },
    },
  };
}

type Bindings = Record<string, unknown>;
/** Fastify's logger as pino gives it (`isLevelEnabled` is pino's). */
type Logger = FastifyBaseLogger & { isLevelEnabled(level: string): boolean };
const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
const kParent = Symbol('kindred.log.parent');
const kBindings = Symbol('kindred.log.bindings');
const kChild = Symbol('kindred.log.child');
interface LazyChild {
  [kParent]: Logger;
  [kBindings]: Bindings;
  [kChild]: Logger | undefined;
}

/** The request's real child logger (pino's `child`), made the first time something is written. */
function realChild(lazy: LazyChild): Logger {
  return (lazy[kChild] ??= lazy[kParent].child(lazy[kBindings]) as Logger);
}

/** Per parent logger: the prototype of its requests' lazy children (its own properties show through). */
const lazyPrototypes = new WeakMap<Logger, object>();
/** The last parent asked about and its prototype: every request of an app has the same parent. */
let lastParent: Logger | undefined;
let lastPrototype: object | undefined;
function lazyPrototypeOf(parent: Logger): object {
  if (parent === lastParent) return lastPrototype!;
  let proto = lazyPrototypes.get(parent);
  if (proto) {
    [lastParent, lastPrototype] = [parent, proto];
    return proto;
  }
  const methods: Record<string, unknown> = {
    child(this: LazyChild, bindings: Bindings, options?: object) {
      return realChild(this).child(bindings, options);
    },
    bindings(this: LazyChild) {
      return (realChild(this) as unknown as { bindings(): Bindings }).bindings();
    },
    setBindings(this: LazyChild, bindings: Bindings) {
      (realChild(this) as unknown as { setBindings(b: Bindings): void }).setBindings(bindings);
    },
    isLevelEnabled(this: LazyChild, level: string) {
      return (this[kChild] ?? this[kParent]).isLevelEnabled(level);
    },
    silent() {},
  };
  for (const level of LEVELS) {
    methods[level] = function (this: LazyChild, ...args: unknown[]) {
      // A level this logger does not write (Fastify's per-request info lines at `warn`) makes no child.
      if (!(this[kChild] ?? this[kParent]).isLevelEnabled(level)) return;
      (realChild(this)[level] as (...a: unknown[]) => void)(...args);
    };
  }
  proto = Object.create(parent, {
    ...Object.getOwnPropertyDescriptors(methods),
    level: {
      get(this: LazyChild) {
        return (this[kChild] ?? this[kParent]).level;
      },
      set(this: LazyChild, value: string) {
        realChild(this).level = value;
      },
    },
  }) as object;
  lazyPrototypes.set(parent, proto);
  [lastParent, lastPrototype] = [parent, proto];
  return proto;
}

/**
 * Fastify's `childLoggerFactory`: each request's logger (`req.log`, `reply.log`) is pino's child
 * with the request id, made only when the request writes a line. Fastify makes one per request and
 * pino's `child` serializes its bindings as it is made (≈ 2 µs of every request over HTTP, ADR 060),
 * though at `warn` nearly every request writes nothing. Everything written goes through the same
 * child pino would have made then (same bindings, serializers, redaction); a level the logger does
 * not write returns before any is made. A request with child options (a route's `logLevel` or
 * `logSerializers`) gets pino's child at once, and so does every request while the logger writes
 * `info` (the default `LOG_LEVEL`): Fastify then writes its two lines for each request anyway.
 */
export const requestLoggerFactory: NonNullable<FastifyServerOptions['childLoggerFactory']> = function (logger, bindings, options) {
  for (const _ in options) return logger.child(bindings, options);
  // At `info` and below Fastify writes two lines for every request: its child is needed at once.
  if ((logger as Logger).isLevelEnabled('info')) return logger.child(bindings, options);
  const lazy = Object.create(lazyPrototypeOf(logger as Logger)) as LazyChild;
  lazy[kParent] = logger as Logger;
  lazy[kBindings] = bindings;
  lazy[kChild] = undefined;
  return lazy as unknown as FastifyBaseLogger;
};
