import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, IdParam, Ok } from '../../../contracts/common.js';
import {
  AssignBody,
  AssignmentsView,
  AssignmentView,
  CheckinBody,
  CheckinView,
  CheckinWritten,
  CoachingBody,
  CoachingNoteView,
  CoachingWritten,
  DashboardView,
  EmpathyTrendView,
  MessageBody,
  MySupervisionView,
  NoteBody,
  NoteWritten,
  RequestThreadView,
  RequestWritten,
  ReviewView,
  SupervisionNoteView,
  SupervisionRequestView,
  SupporterDetailView,
  SupporterIdParam,
  TrendQuery,
} from '../../../contracts/supervision.js';
import { requireActor } from '../../platform/actor.js';
import { createdHeaders } from '../../platform/idempotency.js';
import type { SupervisionService } from './supervision.service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['supervision'];

/**
 * Supervision: assignments (admin), the supervisor's dashboard and their supporters' pages (the
 * assigned supervisor only: anyone else gets 403, another supervisor 404), the supporter's own
 * check-ins, trend and coaching, and the request channel between the two.
 */
export function supervisionRoutes(supervision: SupervisionService): FastifyPluginAsyncZod {
  return async (app) => {
    // ── assignments (admin) ───────────────────────────────────────────────────
    app.get('/api/supervision/assignments', { schema: { tags, response: { 200: AssignmentsView, ...errors } } }, async (req) => {
      return supervision.assignments(requireActor(req));
    });
    app.put('/api/supervision/assignments/:supporterId', { schema: { tags, params: SupporterIdParam, body: AssignBody, response: { 200: AssignmentView, ...errors } } }, async (req) => {
      return supervision.assign(requireActor(req), req.params.supporterId, req.body.supervisorId);
    });
    app.delete('/api/supervision/assignments/:supporterId', { schema: { tags, params: SupporterIdParam, response: { 200: Ok, ...errors } } }, async (req) => {
      await supervision.unassign(requireActor(req), req.params.supporterId);
      return { ok: true as const };
    });

    // ── the supervisor's side ─────────────────────────────────────────────────
    app.get('/api/supervision/dashboard', { schema: { tags, response: { 200: DashboardView, ...errors } } }, async (req) => {
      return supervision.dashboard(requireActor(req));
    });
    app.get('/api/supervision/supporters/:supporterId', { schema: { tags, params: SupporterIdParam, response: { 200: SupporterDetailView, ...errors } } }, async (req) => {
      return supervision.supporter(requireActor(req), req.params.supporterId);
    });
    app.post('/api/supervision/checkins/:id/follow-up', { schema: { tags, params: IdParam, response: { 200: Ok, ...errors } } }, async (req) => {
      await supervision.followUp(requireActor(req), req.params.id);
      return { ok: true as const };
    });
    app.get('/api/supervision/supporters/:supporterId/notes', { schema: { tags, params: SupporterIdParam, response: { 200: z.object({ notes: z.array(SupervisionNoteView) }), ...errors } } }, async (req) => {
      return { notes: await supervision.notes(requireActor(req), req.params.supporterId) };
    });
    app.post('/api/supervision/supporters/:supporterId/notes', { config: { idempotentCreate: true }, schema: { tags, params: SupporterIdParam, body: NoteBody, response: { 201: NoteWritten, ...errors } } }, async (req, reply) => {
      const written = await supervision.addNote(requireActor(req), req.params.supporterId, req.body);
      return reply.code(201).headers(createdHeaders(written)).send(written.result);
    });
    app.delete('/api/supervision/notes/:id', { schema: { tags, params: IdParam, response: { 200: Ok, ...errors } } }, async (req) => {
      await supervision.deleteNote(requireActor(req), req.params.id);
      return { ok: true as const };
    });
    app.get('/api/supervision/supporters/:supporterId/review', { schema: { tags, params: SupporterIdParam, response: { 200: ReviewView, ...errors } } }, async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return supervision.review(requireActor(req), req.params.supporterId);
    });
    app.get('/api/supervision/supporters/:supporterId/coaching-notes', { schema: { tags, params: SupporterIdParam, response: { 200: z.object({ notes: z.array(CoachingNoteView) }), ...errors } } }, async (req) => {
      return { notes: await supervision.coaching(requireActor(req), req.params.supporterId) };
    });
    app.post('/api/supervision/supporters/:supporterId/coaching-notes', { config: { idempotentCreate: true }, schema: { tags, params: SupporterIdParam, body: CoachingBody, response: { 201: CoachingWritten, ...errors } } }, async (req, reply) => {
      const written = await supervision.addCoaching(requireActor(req), req.params.supporterId, req.body);
      return reply.code(201).headers(createdHeaders(written)).send(written.result);
    });
    app.get('/api/supervision/supporters/:supporterId/empathy', { schema: { tags, params: SupporterIdParam, querystring: TrendQuery, response: { 200: EmpathyTrendView, ...errors } } }, async (req) => {
      return supervision.empathyTrend(requireActor(req), req.params.supporterId, req.query.weeks);
    });

    // ── the supporter's own side ──────────────────────────────────────────────
    app.get('/api/me/supervision', { schema: { tags, response: { 200: MySupervisionView, ...errors } } }, async (req) => {
      return supervision.mine(requireActor(req));
    });
    app.get('/api/me/supervision/checkins', { schema: { tags, response: { 200: z.object({ checkins: z.array(CheckinView) }), ...errors } } }, async (req) => {
      return { checkins: await supervision.myCheckins(requireActor(req)) };
    });
    app.post('/api/me/supervision/checkins', { config: { idempotentCreate: true }, schema: { tags, body: CheckinBody, response: { 201: CheckinWritten, ...errors } } }, async (req, reply) => {
      const written = await supervision.checkIn(requireActor(req), req.body);
      return reply.code(201).headers(createdHeaders(written)).send(written.result);
    });
    app.get('/api/me/supervision/empathy', { schema: { tags, querystring: TrendQuery, response: { 200: EmpathyTrendView, ...errors } } }, async (req) => {
      return supervision.myEmpathyTrend(requireActor(req), req.query.weeks);
    });
    app.get('/api/me/supervision/coaching-notes', { schema: { tags, response: { 200: z.object({ notes: z.array(CoachingNoteView) }), ...errors } } }, async (req) => {
      return { notes: await supervision.myCoaching(requireActor(req)) };
    });
    app.post('/api/me/supervision/requests', { config: { idempotentCreate: true }, schema: { tags, body: MessageBody, response: { 201: RequestWritten, ...errors } } }, async (req, reply) => {
      const written = await supervision.requestSupervision(requireActor(req), req.body);
      return reply.code(201).headers(createdHeaders(written)).send(written.result);
    });

    // ── the request channel (its two people only) ─────────────────────────────
    app.get('/api/supervision/requests', { schema: { tags, response: { 200: z.object({ requests: z.array(SupervisionRequestView) }), ...errors } } }, async (req) => {
      return { requests: await supervision.requests(requireActor(req)) };
    });
    app.get('/api/supervision/requests/:id', { schema: { tags, params: IdParam, response: { 200: RequestThreadView, ...errors } } }, async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return supervision.request(requireActor(req), req.params.id);
    });
    app.post('/api/supervision/requests/:id/messages', { config: { idempotentCreate: true }, schema: { tags, params: IdParam, body: MessageBody, response: { 201: RequestWritten, ...errors } } }, async (req, reply) => {
      const written = await supervision.sendMessage(requireActor(req), req.params.id, req.body);
      return reply.code(201).headers(createdHeaders(written)).send(written.result);
    });
    app.post('/api/supervision/requests/:id/close', { schema: { tags, params: IdParam, response: { 200: SupervisionRequestView, ...errors } } }, async (req) => {
      return supervision.closeRequest(requireActor(req), req.params.id);
    });
  };
}
