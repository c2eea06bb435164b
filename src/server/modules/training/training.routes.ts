import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse } from '../../../contracts/common.js';
import {
  ApproveBody,
  CertificateKind,
  CertificateView,
  DeclineBody,
  HeldCertificateView,
  ModuleDetailView,
  ModuleParam,
  ModuleProgressView,
  MySignOffRequestView,
  PracticeBody,
  PracticeParams,
  PracticeResultView,
  PriorTrainingBody,
  QuizBody,
  QuizResultView,
  RevokeBody,
  SignOffDecisionView,
  SignOffListQuery,
  SignOffRequestBody,
  SignOffRequestView,
  TrainingIdParam,
  TrainingOverview,
} from '../../../contracts/training.js';
import { requireActor } from '../../platform/actor.js';
import { createdHeaders } from '../../platform/idempotency.js';
import type { TrainingService } from './training.service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['training'];

/** Training (every signed-in person), sign-off (supervisors), certificates (supervisors and admins). */
export function trainingRoutes(training: TrainingService): FastifyPluginAsyncZod {
  return async (app) => {
    // ── the trainee ───────────────────────────────────────────────────────────
    app.get('/api/training', { schema: { tags, response: { 200: TrainingOverview, ...errors } } }, async (req) => {
      return training.overview(requireActor(req));
    });
    app.get('/api/training/modules/:id', { schema: { tags, params: ModuleParam, response: { 200: ModuleDetailView, ...errors } } }, async (req) => {
      return training.moduleDetail(requireActor(req), req.params.id);
    });
    app.post('/api/training/modules/:id/lesson-read', { schema: { tags, params: ModuleParam, response: { 200: z.object({ progress: ModuleProgressView }), ...errors } } }, async (req) => {
      return { progress: await training.markLessonRead(requireActor(req), req.params.id) };
    });
    app.post('/api/training/modules/:id/quiz', { schema: { tags, params: ModuleParam, body: QuizBody, response: { 201: QuizResultView, ...errors } } }, async (req, reply) => {
      return reply.code(201).send(await training.submitQuiz(requireActor(req), req.params.id, req.body.answers));
    });
    app.post('/api/training/modules/:id/practice/:scenarioId', { config: { idempotentCreate: true }, schema: { tags, params: PracticeParams, body: PracticeBody, response: { 201: PracticeResultView, ...errors } } }, async (req, reply) => {
      const written = await training.practise(requireActor(req), req.params.id, req.params.scenarioId, req.body);
      return reply.code(201).headers(createdHeaders(written)).send(written.result);
    });
    app.post('/api/training/sign-off-requests', { schema: { tags, body: SignOffRequestBody, response: { 201: MySignOffRequestView, ...errors } } }, async (req, reply) => {
      return reply.code(201).send(await training.requestSignOff(requireActor(req), req.body.kind));
    });

    // ── supervisors ───────────────────────────────────────────────────────────
    app.get('/api/supervision/sign-off-requests', { schema: { tags, querystring: SignOffListQuery, response: { 200: z.object({ requests: z.array(SignOffRequestView) }), ...errors } } }, async (req) => {
      return { requests: await training.listSignOffs(requireActor(req), req.query.status) };
    });
    app.post('/api/supervision/sign-off-requests/:id/approve', { schema: { tags, params: TrainingIdParam, body: ApproveBody, response: { 200: SignOffDecisionView, ...errors } } }, async (req) => {
      return training.approve(requireActor(req), req.params.id, req.body);
    });
    app.post('/api/supervision/sign-off-requests/:id/decline', { schema: { tags, params: TrainingIdParam, body: DeclineBody, response: { 200: SignOffDecisionView, ...errors } } }, async (req) => {
      return training.decline(requireActor(req), req.params.id, req.body);
    });

    // ── certificates ──────────────────────────────────────────────────────────
    app.get(
      '/api/supervision/certificates',
      { schema: { tags, querystring: z.strictObject({ kind: CertificateKind.optional() }), response: { 200: z.object({ certificates: z.array(HeldCertificateView) }), ...errors } } },
      async (req) => {
        return { certificates: await training.listCertificates(requireActor(req), req.query.kind) };
      },
    );
    app.post('/api/admin/certificates', { schema: { tags, body: PriorTrainingBody, response: { 201: CertificateView, ...errors } } }, async (req, reply) => {
      return reply.code(201).send(await training.recordPriorTraining(requireActor(req), req.body));
    });
    app.post('/api/certificates/:id/revoke', { schema: { tags, params: TrainingIdParam, body: RevokeBody, response: { 200: CertificateView, ...errors } } }, async (req) => {
      return training.revoke(requireActor(req), req.params.id, req.body.reason);
    });
  };
}
