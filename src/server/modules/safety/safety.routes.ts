import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, IdParam, Ok } from '../../../contracts/common.js';
import {
  AlertDetailView,
  AlertNoteBody,
  AlertResolveBody,
  AlertsQuery,
  AlertSummaryView,
  CrisisResources,
  CrisisResourcesQuery,
  DutyBody,
  HeldDecisionBody,
  HeldItemView,
  StillHeldError,
} from '../../../contracts/safety.js';
import { requireActor } from '../../platform/actor.js';
import { createdHeaders } from '../../platform/idempotency.js';
import type { Clock } from '../../platform/clock.js';
import { presentAlertDetail, presentAlertSummary, presentCrisisLine, presentHeldItem } from './safety.presenter.js';
import type { SafetyService } from './safety.service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

/** Crisis resources (public), the supervisors' alert queue, and held-content review. */
export function safetyRoutes(safety: SafetyService, clock: Clock): FastifyPluginAsyncZod {
  return async (app) => {
    const now = () => clock.now();

    // Never rate-limited: a person in crisis behind a busy shared address (a school, a ward) must
    // always reach the crisis lines, whatever else that address has been doing.
    app.get('/api/crisis-resources', { config: { rateLimit: false }, schema: { tags: ['safety'], querystring: CrisisResourcesQuery, response: { 200: CrisisResources, ...errors } } }, async (req) => {
      // Signed out, or no region chosen yet: the region on the profile, else the international list.
      const region = req.query.region ?? req.actor?.region ?? null;
      const res = await safety.crisisResources(region);
      return { ...res, lines: res.lines.map(presentCrisisLine), directory: res.directory.map(presentCrisisLine) };
    });

    app.get('/api/safety/duty', { schema: { tags: ['safety'], response: { 200: DutyBody, ...errors } } }, async (req) => {
      const actor = requireActor(req);
      await safety.listAlerts(actor, 'open', 1); // authorizes
      return { onDuty: await safety.isOnDuty(actor) };
    });

    app.put('/api/safety/duty', { schema: { tags: ['safety'], body: DutyBody, response: { 200: DutyBody, ...errors } } }, async (req) => {
      await safety.setDuty(requireActor(req), req.body.onDuty);
      return { onDuty: req.body.onDuty };
    });

    app.get('/api/safety/alerts', { schema: { tags: ['safety'], querystring: AlertsQuery, response: { 200: z.object({ alerts: z.array(AlertSummaryView) }), ...errors } } }, async (req) => {
      const rows = await safety.listAlerts(requireActor(req), req.query.status, req.query.limit);
      return { alerts: rows.map((r) => presentAlertSummary(r, now())) };
    });

    app.get('/api/safety/alerts/:id', { schema: { tags: ['safety'], params: IdParam, response: { 200: AlertDetailView, ...errors } } }, async (req) => {
      const { alert, notes, source } = await safety.openAlert(requireActor(req), req.params.id);
      return presentAlertDetail(alert, notes, source, now());
    });

    app.post('/api/safety/alerts/:id/acknowledge', { schema: { tags: ['safety'], params: IdParam, response: { 200: Ok, ...errors } } }, async (req) => {
      await safety.acknowledge(requireActor(req), req.params.id);
      return { ok: true as const };
    });

    app.post('/api/safety/alerts/:id/notes', { config: { idempotentCreate: true }, schema: { tags: ['safety'], params: IdParam, body: AlertNoteBody, response: { 201: Ok, ...errors } } }, async (req, reply) => {
      const written = await safety.addNote(requireActor(req), req.params.id, req.body);
      return reply.code(201).headers(createdHeaders(written)).send({ ok: true as const });
    });

    app.post('/api/safety/alerts/:id/resolve', { schema: { tags: ['safety'], params: IdParam, body: AlertResolveBody, response: { 200: Ok, ...errors } } }, async (req) => {
      await safety.resolve(requireActor(req), req.params.id, req.body.outcome, req.body.note);
      return { ok: true as const };
    });

    app.get('/api/safety/held', { schema: { tags: ['safety'], response: { 200: z.object({ items: z.array(HeldItemView) }), ...errors } } }, async (req) => {
      const rows = await safety.listHeld(requireActor(req), 100);
      return { items: rows.map(presentHeldItem) };
    });

    // 422: a reviewer's edit the screen would still hold, with what to take out (ADR 055).
    app.post('/api/safety/held/:id/decision', { schema: { tags: ['safety'], params: IdParam, body: HeldDecisionBody, response: { 200: Ok, ...errors, 422: StillHeldError } } }, async (req) => {
      await safety.decideHeld(requireActor(req), req.params.id, req.body);
      return { ok: true as const };
    });

  };
}
