import type { FastifyServerOptions } from 'fastify';

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
