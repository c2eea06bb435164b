import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, IdParam, Ok, PageQuery } from '../../../contracts/common.js';
import { StrategyView } from '../../../contracts/library.js';
import {
  GoalBody,
  GoalPatchBody,
  GoalShareParams,
  GoalSharesView,
  SharedGoalView,
  GoalStepParams,
  GoalView,
  GoalWritten,
  JournalBody,
  JournalCreateBody,
  JournalEntryView,
  JournalEntryWritten,
  JournalPage,
  JournalQuery,
  MoodCheckinCreateBody,
  MoodCheckinPage,
  MoodCheckinView,
  MoodCheckinWritten,
  ReminderBody,
  ReminderView,
  SafetyPlanBody,
  SafetyPlanView,
  SafetyPlanWritten,
  StepBody,
  StepPatchBody,
  SummaryBody,
  SummaryView,
  TrendQuery,
  TrendView,
} from '../../../contracts/recovery.js';
import { requireActor } from '../../platform/actor.js';
import { createdHeaders } from '../../platform/idempotency.js';
import type { RecoveryService } from './recovery.service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['recovery'];
const Strategies = z.object({ strategies: z.array(StrategyView) });

/** A member's own recovery space. Every route is about the signed-in member; nobody else's data is addressable. */
export function recoveryRoutes(recovery: RecoveryService): FastifyPluginAsyncZod {
  return async (app) => {
    // ── goals ─────────────────────────────────────────────────────────────────
    app.get('/api/me/recovery/goals', { schema: { tags, response: { 200: z.object({ goals: z.array(GoalView) }), ...errors } } }, async (req) => {
      return { goals: await recovery.goals(requireActor(req)) };
    });
    app.post('/api/me/recovery/goals', { config: { idempotentCreate: true }, schema: { tags, body: GoalBody, response: { 201: GoalWritten, ...errors } } }, async (req, reply) => {
      const written = await recovery.createGoal(requireActor(req), req.body);
      return reply.code(201).headers(createdHeaders(written)).send(written.result);
    });
    app.patch('/api/me/recovery/goals/:id', { schema: { tags, params: IdParam, body: GoalPatchBody, response: { 200: GoalWritten, ...errors } } }, async (req) => {
      return recovery.updateGoal(requireActor(req), req.params.id, req.body);
    });
    app.delete('/api/me/recovery/goals/:id', { schema: { tags, params: IdParam, response: { 200: Ok, ...errors } } }, async (req) => {
      await recovery.deleteGoal(requireActor(req), req.params.id);
      return { ok: true as const };
    });
    app.post('/api/me/recovery/goals/:id/steps', { config: { idempotentCreate: true }, schema: { tags, params: IdParam, body: StepBody, response: { 201: GoalWritten, ...errors } } }, async (req, reply) => {
      const written = await recovery.addStep(requireActor(req), req.params.id, req.body);
      return reply.code(201).headers(createdHeaders(written)).send(written.result);
    });
    app.patch('/api/me/recovery/goals/:id/steps/:stepId', { schema: { tags, params: GoalStepParams, body: StepPatchBody, response: { 200: GoalView, ...errors } } }, async (req) => {
      return recovery.setStepDone(requireActor(req), req.params.id, req.params.stepId, req.body.done);
    });
    app.delete('/api/me/recovery/goals/:id/steps/:stepId', { schema: { tags, params: GoalStepParams, response: { 200: GoalView, ...errors } } }, async (req) => {
      return recovery.deleteStep(requireActor(req), req.params.id, req.params.stepId);
    });

    // ── a goal shared into a support group (explicit, per goal and group) ─────
    app.get('/api/me/recovery/goal-shares', { schema: { tags, response: { 200: GoalSharesView, ...errors } } }, async (req) => {
      return recovery.goalShares(requireActor(req));
    });
    app.put('/api/me/recovery/goals/:id/shares/:groupId', { schema: { tags, params: GoalShareParams, response: { 200: GoalSharesView, ...errors } } }, async (req) => {
      return recovery.shareGoal(requireActor(req), req.params.id, req.params.groupId);
    });
    app.delete('/api/me/recovery/goals/:id/shares/:groupId', { schema: { tags, params: GoalShareParams, response: { 200: GoalSharesView, ...errors } } }, async (req) => {
      return recovery.unshareGoal(requireActor(req), req.params.id, req.params.groupId);
    });
    // Served here because the words are recovery's; who may read is the groups module's check.
    app.get('/api/groups/:id/shared-goals', { schema: { tags: ['groups'], params: IdParam, response: { 200: z.object({ goals: z.array(SharedGoalView) }), ...errors } } }, async (req) => {
      return { goals: await recovery.sharedGoalsOf(requireActor(req), req.params.id) };
    });

    // ── strategies saved from the library ─────────────────────────────────────
    app.get('/api/me/recovery/strategies', { schema: { tags, response: { 200: Strategies, ...errors } } }, async (req) => {
      return { strategies: await recovery.savedStrategies(requireActor(req)) };
    });
    app.put('/api/me/recovery/strategies/:id', { schema: { tags, params: IdParam, response: { 200: Strategies, ...errors } } }, async (req) => {
      return { strategies: await recovery.saveStrategy(requireActor(req), req.params.id) };
    });
    app.delete('/api/me/recovery/strategies/:id', { schema: { tags, params: IdParam, response: { 200: Strategies, ...errors } } }, async (req) => {
      return { strategies: await recovery.unsaveStrategy(requireActor(req), req.params.id) };
    });

    // ── safety plan ───────────────────────────────────────────────────────────
    app.get('/api/me/recovery/safety-plan', { schema: { tags, response: { 200: SafetyPlanView, ...errors } } }, async (req) => {
      return recovery.safetyPlan(requireActor(req));
    });
    app.put('/api/me/recovery/safety-plan', { schema: { tags, body: SafetyPlanBody, response: { 200: SafetyPlanWritten, ...errors } } }, async (req) => {
      return recovery.putSafetyPlan(requireActor(req), req.body);
    });

    // ── check-ins ─────────────────────────────────────────────────────────────
    app.post('/api/me/checkins', { config: { idempotentCreate: true }, schema: { tags, body: MoodCheckinCreateBody, response: { 201: MoodCheckinWritten, ...errors } } }, async (req, reply) => {
      const written = await recovery.checkIn(requireActor(req), req.body);
      return reply.code(201).headers(createdHeaders(written)).send(written.result);
    });
    app.get('/api/me/checkins', { schema: { tags, querystring: PageQuery, response: { 200: MoodCheckinPage, ...errors } } }, async (req) => {
      return recovery.checkins(requireActor(req), req.query);
    });
    app.get('/api/me/checkins/trend', { schema: { tags, querystring: TrendQuery, response: { 200: TrendView, ...errors } } }, async (req) => {
      return recovery.trend(requireActor(req), req.query.range);
    });
    app.get('/api/me/checkins/reminder', { schema: { tags, response: { 200: ReminderView, ...errors } } }, async (req) => {
      return recovery.reminder(requireActor(req));
    });
    app.put('/api/me/checkins/reminder', { schema: { tags, body: ReminderBody, response: { 200: ReminderView, ...errors } } }, async (req) => {
      return recovery.setReminder(requireActor(req), req.body);
    });
    app.get('/api/me/checkins/:id', { schema: { tags, params: IdParam, response: { 200: MoodCheckinView, ...errors } } }, async (req) => {
      return recovery.checkin(requireActor(req), req.params.id);
    });
    app.delete('/api/me/checkins/:id', { schema: { tags, params: IdParam, response: { 200: Ok, ...errors } } }, async (req) => {
      await recovery.deleteCheckin(requireActor(req), req.params.id);
      return { ok: true as const };
    });

    // ── journal ───────────────────────────────────────────────────────────────
    app.get('/api/me/journal', { schema: { tags, querystring: JournalQuery, response: { 200: JournalPage, ...errors } } }, async (req) => {
      return recovery.journal(requireActor(req), req.query);
    });
    app.post('/api/me/journal', { config: { idempotentCreate: true }, schema: { tags, body: JournalCreateBody, response: { 201: JournalEntryWritten, ...errors } } }, async (req, reply) => {
      const written = await recovery.writeJournal(requireActor(req), req.body);
      return reply.code(201).headers(createdHeaders(written)).send(written.result);
    });
    app.get('/api/me/journal/:id', { schema: { tags, params: IdParam, response: { 200: JournalEntryView, ...errors } } }, async (req) => {
      return recovery.journalEntry(requireActor(req), req.params.id);
    });
    app.put('/api/me/journal/:id', { schema: { tags, params: IdParam, body: JournalBody, response: { 200: JournalEntryWritten, ...errors } } }, async (req) => {
      return recovery.editJournal(requireActor(req), req.params.id, req.body);
    });
    app.delete('/api/me/journal/:id', { schema: { tags, params: IdParam, response: { 200: Ok, ...errors } } }, async (req) => {
      await recovery.deleteJournal(requireActor(req), req.params.id);
      return { ok: true as const };
    });

    // ── therapist summary (made on request; nothing stored or sent) ───────────
    app.post('/api/me/recovery/summary', { schema: { tags, body: SummaryBody, response: { 200: SummaryView, ...errors } } }, async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return recovery.summary(requireActor(req), req.body);
    });
  };
}
