import type { FastifyRequest } from 'fastify';
import type { Role } from '../../contracts/accounts.js';
import { forbidden, unauthorized } from './errors.js';

/** The signed-in person making a request, as resolved from their server-side session. */
export interface Actor {
  userId: string;
  handle: string;
  roles: readonly Role[];
  sessionId: string;
  region: string | null;
}

export function hasRole(actor: Actor | null | undefined, ...roles: Role[]): boolean {
  return !!actor && roles.some((r) => actor.roles.includes(r));
}

/** The actor, or a 401 for anonymous requests. */
export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthorized();
  return req.actor;
}

/** The actor holding one of the roles, or 401/403. */
export function requireRole(req: FastifyRequest, ...roles: Role[]): Actor {
  const actor = requireActor(req);
  if (!hasRole(actor, ...roles)) throw forbidden(`This needs the ${roles.join(' or ')} role.`);
  return actor;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** One socket's question at the periodic recheck of live rooms: may this actor still follow room `<kind>:<id>`? */
export interface RoomAsk {
  actor: Actor;
  id: string;
}
