import { z } from 'zod';

export const IdParam = z.strictObject({ id: z.uuid({ message: 'must be a valid id' }) });

/** Errors may carry details a client can act on (e.g. `reason` and `expiredOn` of `certificate_required`): kept, not stripped. */
export const ErrorResponse = z.object({
  error: z.looseObject({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

/**
 * A client's idempotency key for one create (ADR 042): made once per draft (the web client uses
 * `crypto.randomUUID()`), sent again with every retry of that draft, never with another one.
 */
const CLIENT_ID_RULE = 'must be 16 to 64 letters, digits, "-" or "_" (for example a UUID made once per draft)';
export const ClientId = z.string({ message: CLIENT_ID_RULE }).regex(/^[A-Za-z0-9_-]{16,64}$/, CLIENT_ID_RULE);

export const Ok = z.object({ ok: z.literal(true) });

/** Keyset pagination: an opaque cursor (the last item's id) and a page size. */
export const PageQuery = z.strictObject({
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
