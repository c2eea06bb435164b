import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { FastifyHelmetOptions } from '@fastify/helmet';

type HelmetMiddleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;
// helmet is @fastify/helmet's dependency: loaded from there, so that one version sets our headers.
const helmet = createRequire(createRequire(import.meta.url).resolve('@fastify/helmet'))('helmet') as (options: FastifyHelmetOptions) => HelmetMiddleware;

/**
 * Helmet's security headers (CSP, frame, referrer, HSTS…) are worked out once at start
 * (`helmetHeaders`) and set on every response by the request pipeline's one hook
 * (request-pipeline.ts). @fastify/helmet builds helmet's middleware anew on every request, parsing
 * each CSP directive again (measured: a few percent of a short API read); our headers are the same
 * for every response (no per-request CSP nonces), so they are computed once.
 */
/** What helmet's middleware sets on a response, as a header map. */
export function helmetHeaders(options: FastifyHelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, (err) => {
    if (err) throw err;
  });
  return headers;
}

/**
 * Kindred's own security headers, set on every response: the CSP allows the page's inlined
 * stylesheet by its hashes (scripts/vite-first-paint.ts), never 'unsafe-inline'. One place for the
 * app and the benches that model its responses (bench/header-set.ts).
 */
export function kindredSecurityHeaders(styleHashes: readonly string[]): Record<string, string> {
  return helmetHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // The page's own inlined stylesheet, by its hash (scripts/vite-first-paint.ts); never 'unsafe-inline'.
        styleSrc: ["'self'", ...styleHashes],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
}
