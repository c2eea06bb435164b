import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AcceptInvitationBody,
  CheckinBody,
  CheckinPage,
  CheckinWritten,
  CircleBody,
  CircleEscalationView,
  CircleInvitationParams,
  CircleMemberParams,
  CircleMessageBody,
  CircleMessagePage,
  CircleMessagesQuery,
  CircleMessageView,
  CircleMessageWritten,
  CircleView,
  InvitationBody,
  InvitationCreated,
  InvitationView,
} from '../../../contracts/circles.js';
import { ErrorResponse, IdParam, Ok } from '../../../contracts/common.js';
import { SafetyNotice } from '../../../contracts/safety.js';
import { requireActor } from '../../platform/actor.js';
import { createdHeaders } from '../../platform/idempotency.js';
import type { Clock } from '../../platform/clock.js';
import { presentInvitation } from './circles.presenter.js';
import type { CirclesService } from './circles.service.js';

const HeldError = z.object({ error: ErrorResponse.shape.error.extend({ safety: SafetyNotice.optional() }) });
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 410: ErrorResponse, 422: HeldError };
const tags = ['circles'];
const MessageParams = z.strictObject({ id: z.uuid({ message: 'id must be a valid id' }), messageId: z.uuid({ message: 'messageId must be a valid id' }) });
const CheckinParams = z.strictObject({ id: z.uuid({ message: 'id must be a valid id' }), checkinId: z.uuid({ message: 'checkinId must be a valid id' }) });

/** Private circles, invitation links, circle chat, shared check-ins, and the supervisors' escalation path. */
export function circlesRoutes(circles: CirclesService, clock: Clock): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/circles', { schema: { tags, response: { 200: z.object({ circles: z.array(CircleView) }), ...errors } } }, async (req) => {
      return { circles: await circles.list(requireActor(req)) };
    });

    app.post('/api/circles', { schema: { tags, body: CircleBody, response: { 201: CircleView, ...errors } } }, async (req, reply) => {
      return reply.code(201).send(await circles.create(requireActor(req), req.body.name));
    });

    app.get('/api/circles/:id', { schema: { tags, params: IdParam, response: { 200: CircleView, ...errors } } }, async (req) => {
      return circles.get(requireActor(req), req.params.id);
    });

    app.patch('/api/circles/:id', { schema: { tags, params: IdParam, body: CircleBody, response: { 200: CircleView, ...errors } } }, async (req) => {
      return circles.rename(requireActor(req), req.params.id, req.body.name);
    });

    app.delete('/api/circles/:id', { schema: { tags, params: IdParam, response: { 200: Ok, ...errors } } }, async (req) => {
      await circles.close(requireActor(req), req.params.id);
      return { ok: true as const };
    });

    app.delete('/api/circles/:id/membership', { schema: { tags, params: IdParam, response: { 200: Ok, ...errors } } }, async (req) => {
      await circles.leave(requireActor(req), req.params.id);
      return { ok: true as const };
    });

    app.delete('/api/circles/:id/members/:userId', { schema: { tags, params: CircleMemberParams, response: { 200: Ok, ...errors } } }, async (req) => {
      await circles.removeMember(requireActor(req), req.params.id, req.params.userId);
      return { ok: true as const };
    });

    // ── invitations ───────────────────────────────────────────────────────────
    app.post('/api/circles/:id/invitations', { config: { idempotentCreate: true }, schema: { tags, params: IdParam, body: InvitationBody, response: { 201: InvitationCreated, ...errors } } }, async (req, reply) => {
      const written = await circles.invite(requireActor(req), req.params.id, req.body);
      const { row, token } = written.result;
      // A fragment, so the token never reaches a server log or a Referer header.
      return reply.code(201).headers(createdHeaders(written)).send({ ...presentInvitation(row, clock.now()), token, path: `/circles/join#${token}` });
    });

    app.get('/api/circles/:id/invitations', { schema: { tags, params: IdParam, response: { 200: z.object({ invitations: z.array(InvitationView) }), ...errors } } }, async (req) => {
      return { invitations: (await circles.invitations(requireActor(req), req.params.id)).map((i) => presentInvitation(i, clock.now())) };
    });

    app.delete('/api/circles/:id/invitations/:invitationId', { schema: { tags, params: CircleInvitationParams, response: { 200: Ok, ...errors } } }, async (req) => {
      await circles.revokeInvitation(requireActor(req), req.params.id, req.params.invitationId);
      return { ok: true as const };
    });

    app.post('/api/circle-invitations/accept', { schema: { tags, body: AcceptInvitationBody, response: { 200: CircleView, ...errors } } }, async (req) => {
      return circles.accept(requireActor(req), req.body.token);
    });

    // ── chat ──────────────────────────────────────────────────────────────────
    app.get('/api/circles/:id/messages', { schema: { tags, params: IdParam, querystring: CircleMessagesQuery, response: { 200: CircleMessagePage, ...errors } } }, async (req) => {
      return circles.messages(requireActor(req), req.params.id, req.query);
    });

    app.post('/api/circles/:id/messages', { config: { idempotentCreate: true }, schema: { tags, params: IdParam, body: CircleMessageBody, response: { 201: CircleMessageWritten, ...errors } } }, async (req, reply) => {
      const written = await circles.postMessage(requireActor(req), req.params.id, req.body);
      return reply.code(201).headers(createdHeaders(written)).send(written.result);
    });

    app.get('/api/circles/:id/messages/:messageId', { schema: { tags, params: MessageParams, response: { 200: CircleMessageView, ...errors } } }, async (req) => {
      return circles.message(requireActor(req), req.params.id, req.params.messageId);
    });

    app.delete('/api/circles/:id/messages/:messageId', { schema: { tags, params: MessageParams, response: { 200: Ok, ...errors } } }, async (req) => {
      await circles.removeMessage(requireActor(req), req.params.id, req.params.messageId);
      return { ok: true as const };
    });

    // ── check-ins ─────────────────────────────────────────────────────────────
    app.post('/api/me/circle-checkins', { config: { idempotentCreate: true }, schema: { tags, body: CheckinBody, response: { 201: CheckinWritten, ...errors } } }, async (req, reply) => {
      const written = await circles.checkIn(requireActor(req), req.body);
      return reply.code(201).headers(createdHeaders(written)).send(written.result);
    });

    app.get('/api/me/circle-checkins', { schema: { tags, querystring: CircleMessagesQuery, response: { 200: CheckinPage, ...errors } } }, async (req) => {
      return circles.myCheckins(requireActor(req), req.query);
    });

    app.get('/api/circles/:id/checkins', { schema: { tags, params: IdParam, querystring: CircleMessagesQuery, response: { 200: CheckinPage, ...errors } } }, async (req) => {
      return circles.circleCheckins(requireActor(req), req.params.id, req.query);
    });

    app.delete('/api/circles/:id/checkins/:checkinId', { schema: { tags, params: CheckinParams, response: { 200: Ok, ...errors } } }, async (req) => {
      await circles.unshare(requireActor(req), req.params.id, req.params.checkinId);
      return { ok: true as const };
    });

    // ── safety escalation (audited) ───────────────────────────────────────────
    app.get('/api/safety/alerts/:id/circle-context', { schema: { tags: ['safety'], params: IdParam, response: { 200: CircleEscalationView, ...errors } } }, async (req) => {
      return circles.escalationContext(requireActor(req), req.params.id);
    });
  };
}
