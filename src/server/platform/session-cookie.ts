import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'kindred_session';
const THIRTY_DAYS_S = 30 * 24 * 3600;

/** httpOnly, SameSite=Lax, Secure whenever the request came over HTTPS (directly or via a trusted proxy). */
export function setSessionCookie(reply: FastifyReply, req: FastifyRequest, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
    maxAge: THIRTY_DAYS_S,
  });
}

export function clearSessionCookie(reply: FastifyReply, req: FastifyRequest): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https' });
}
