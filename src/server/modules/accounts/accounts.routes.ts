import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  AuditEntryView,
  ChangePasswordBody,
  EraseBody,
  Me,
  ProfileUpdateBody,
  PublicProfile,
  Role,
  RolesBody,
  SafetyNotice,
  SessionState,
  SessionView,
  SignInBody,
  SignUpBody,
  UserAdminView,
} from '../../../contracts/accounts.js';
import { ErrorResponse, IdParam, Ok } from '../../../contracts/common.js';
import { requireActor } from '../../platform/actor.js';
import { clearSessionCookie, setSessionCookie } from '../../platform/session-cookie.js';
import { preSerialized } from '../../platform/response-serializer.js';
import { presentAuditEntry, presentMe, presentSession, presentUserForAdmin } from './accounts.presenter.js';
import type { AccountsService } from './accounts.service.js';
import { deviceLabel } from './device-label.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse };
const MeWithSafety = Me.extend({ safety: SafetyNotice.nullable() });
const SessionIdParam = z.strictObject({ id: z.string().min(1).max(64) });
const AuditQuery = z.strictObject({
  before: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
const UsersQuery = z.strictObject({
  after: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  handle: z.string().trim().max(24).optional(),
});

/** Sign-up, sign-in, sessions, profile, roles and the privacy pages' API. */
export function accountsRoutes(accounts: AccountsService): FastifyPluginAsyncZod {
  return async (app) => {
    const authLimit = { rateLimit: { max: 20, timeWindow: '1 minute' } };

    app.post('/api/auth/sign-up', { config: authLimit, schema: { tags: ['accounts'], body: SignUpBody, response: { 201: Me, ...errors } } }, async (req, reply) => {
      const grant = await accounts.signUp(req.body, deviceLabel(req.headers['user-agent']), req.actor);
      setSessionCookie(reply, req, grant.token);
      return reply.code(201).send(presentMe(grant.user, grant.roles, accounts.decryptEmail(grant.user)));
    });

    app.post('/api/auth/sign-in', { config: authLimit, schema: { tags: ['accounts'], body: SignInBody, response: { 200: Me, ...errors } } }, async (req, reply) => {
      const grant = await accounts.signIn(req.body, req.ip, deviceLabel(req.headers['user-agent']), req.actor);
      setSessionCookie(reply, req, grant.token);
      return presentMe(grant.user, grant.roles, accounts.decryptEmail(grant.user));
    });

    app.post('/api/auth/sign-out', { schema: { tags: ['accounts'], response: { 200: Ok, ...errors } } }, async (req, reply) => {
      await accounts.signOut(requireActor(req));
      clearSessionCookie(reply, req);
      return { ok: true as const };
    });

    // Who is signed in, with their email and roles: never kept by a shared cache, and asked again
    // by the browser each time (the same URL answers for whoever's cookie comes with it).
    const personal = (reply: FastifyReply) => reply.header('cache-control', 'private, no-cache').header('vary', 'cookie');
    app.get('/api/auth/session', { schema: { tags: ['accounts'], response: { 200: SessionState, ...errors } } }, async (req, reply) => {
      personal(reply);
      if (!req.actor) return { signedIn: false, me: null };
      const { user, roles } = await accounts.me(req.actor);
      return { signedIn: true, me: presentMe(user, roles, accounts.decryptEmail(user)) };
    });

    app.get('/api/me', { schema: { tags: ['accounts'], response: { 200: Me, ...errors } } }, async (req, reply) => {
      personal(reply);
      const { user, roles } = await accounts.me(requireActor(req));
      return presentMe(user, roles, accounts.decryptEmail(user));
    });

    app.patch('/api/me/profile', { schema: { tags: ['accounts'], body: ProfileUpdateBody, response: { 200: MeWithSafety, ...errors } } }, async (req) => {
      const { user, roles, safety } = await accounts.updateProfile(requireActor(req), req.body);
      return { ...presentMe(user, roles, accounts.decryptEmail(user)), safety };
    });

    app.post('/api/me/password', { config: authLimit, schema: { tags: ['accounts'], body: ChangePasswordBody, response: { 200: Ok, ...errors } } }, async (req) => {
      await accounts.changePassword(requireActor(req), req.body);
      return { ok: true as const };
    });

    app.get('/api/me/sessions', { schema: { tags: ['accounts'], response: { 200: z.object({ sessions: z.array(SessionView) }), ...errors } } }, async (req) => {
      const actor = requireActor(req);
      const sessions = await accounts.listSessions(actor);
      return { sessions: sessions.map((s) => presentSession(s, actor.sessionId)) };
    });

    app.delete('/api/me/sessions/:id', { schema: { tags: ['accounts'], params: SessionIdParam, response: { 200: Ok, ...errors } } }, async (req, reply) => {
      const actor = requireActor(req);
      await accounts.revokeSession(actor, req.params.id);
      if (req.params.id === actor.sessionId) clearSessionCookie(reply, req);
      return { ok: true as const };
    });

    app.post('/api/me/sessions/revoke-others', { schema: { tags: ['accounts'], response: { 200: z.object({ revoked: z.number() }), ...errors } } }, async (req) => {
      return { revoked: await accounts.revokeOtherSessions(requireActor(req)) };
    });

    app.get('/api/me/audit', { schema: { tags: ['privacy'], querystring: AuditQuery, response: { 200: z.object({ entries: z.array(AuditEntryView), nextCursor: z.string().nullable() }), ...errors } } }, async (req) => {
      const rows = await accounts.listAudit(requireActor(req), req.query);
      return { entries: rows.map(presentAuditEntry), nextCursor: rows.length === req.query.limit ? rows[rows.length - 1]!.id : null };
    });

    app.get('/api/me/export', { schema: { tags: ['privacy'], response: { 200: z.record(z.string(), z.unknown()), ...errors } } }, async (req, reply) => {
      const data = await accounts.exportData(requireActor(req));
      const day = new Date().toISOString().slice(0, 10);
      reply.header('content-disposition', `attachment; filename="kindred-export-${day}.json"`);
      reply.header('cache-control', 'no-store');
      return data;
    });

    app.post('/api/me/erase', { config: authLimit, schema: { tags: ['privacy'], body: EraseBody, response: { 200: Ok, ...errors } } }, async (req, reply) => {
      await accounts.erase(requireActor(req), req.body);
      clearSessionCookie(reply, req);
      return { ok: true as const };
    });

    app.get('/api/users/:id', { schema: { tags: ['accounts'], params: IdParam, response: { 200: PublicProfile, ...errors } } }, async (req) => {
      // Kept bytes (ADR 053), without the row they were written from: the test suite's serializer
      // check compares them with zod's text of the object they hold.
      const { bytes } = await accounts.profileOf(requireActor(req), req.params.id);
      return preSerialized(bytes, () => JSON.parse(bytes.toString('utf8')) as z.infer<typeof PublicProfile>);
    });

    app.get('/api/admin/users', { schema: { tags: ['admin'], querystring: UsersQuery, response: { 200: z.object({ users: z.array(UserAdminView) }), ...errors } } }, async (req) => {
      const users = await accounts.listUsers(requireActor(req), { after: req.query.after, limit: req.query.limit, handlePrefix: req.query.handle });
      return { users: users.map(presentUserForAdmin) };
    });

    app.put('/api/admin/users/:id/roles', { schema: { tags: ['admin'], params: IdParam, body: RolesBody, response: { 200: z.object({ roles: z.array(Role) }), ...errors } } }, async (req) => {
      return { roles: await accounts.setRoles(requireActor(req), req.params.id, req.body.roles) };
    });
  };
}
