import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, IdParam, Ok } from '../../../contracts/common.js';
import {
  AccessibleConversationList,
  AwayUpdateBody,
  BlockBody,
  BlockList,
  ConsentBody,
  ConsentResult,
  CurrentRequestResponse,
  EndBody,
  EndResult,
  EscalateBody,
  FeedbackBody,
  FeedbackList,
  FeedbackResult,
  HandoverBody,
  HandoverList,
  HandoverView,
  MentoringReportBody,
  MentoringReportList,
  MentoringReportsQuery,
  MentorshipList,
  MentorshipView,
  NewRequestBody,
  OfferList,
  RequestCreated,
  RequestIdParam,
  SupervisorConsentBody,
  SupporterProfileBody,
  SupporterProfileResponse,
  SupporterProfileSaved,
  SupporterView,
  SupportRequestView,
  SwitchResult,
  UserIdParam,
} from '../../../contracts/mentoring.js';
import { SafetyNotice } from '../../../contracts/safety.js';
import { requireActor } from '../../platform/actor.js';
import { createdHeaders } from '../../platform/idempotency.js';
import type { MentoringService } from './mentoring.service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['mentoring'];

/** One-to-one peer mentoring: supporter profiles, requests and offers, mentorships, handovers, feedback, blocks, reports, supervisor access. */
export function mentoringRoutes(mentoring: MentoringService): FastifyPluginAsyncZod {
  return async (app) => {
    // ── supporter profile ─────────────────────────────────────────────────────
    app.get('/api/mentoring/supporter-profile', { schema: { tags, response: { 200: SupporterProfileResponse, ...errors } } }, async (req) => {
      return { profile: await mentoring.getOwnProfile(requireActor(req)) };
    });

    app.put('/api/mentoring/supporter-profile', { schema: { tags, body: SupporterProfileBody, response: { 200: SupporterProfileSaved, ...errors } } }, async (req) => {
      return mentoring.saveProfile(requireActor(req), req.body);
    });

    app.put('/api/mentoring/supporter-profile/away', { schema: { tags, body: AwayUpdateBody, response: { 200: SupporterProfileSaved, ...errors } } }, async (req) => {
      return mentoring.setAway(requireActor(req), req.body.away);
    });

    app.get('/api/mentoring/supporters', { schema: { tags, response: { 200: z.object({ supporters: z.array(SupporterView) }), ...errors } } }, async (req) => {
      return { supporters: await mentoring.listSupporters(requireActor(req)) };
    });

    app.get('/api/mentoring/supporters/:id', { schema: { tags, params: IdParam, response: { 200: SupporterView, ...errors } } }, async (req) => {
      return mentoring.getSupporter(requireActor(req), req.params.id);
    });

    app.get('/api/mentoring/supporters/:id/feedback', { schema: { tags, params: IdParam, response: { 200: FeedbackList, ...errors } } }, async (req) => {
      return mentoring.feedbackAbout(requireActor(req), req.params.id);
    });

    // ── requests and offers ───────────────────────────────────────────────────
    app.post('/api/mentoring/requests', { config: { idempotentCreate: true }, schema: { tags, body: NewRequestBody, response: { 201: RequestCreated, ...errors } } }, async (req, reply) => {
      const written = await mentoring.createRequest(requireActor(req), req.body);
      return reply.code(201).headers(createdHeaders(written)).send(written.result);
    });

    app.get('/api/mentoring/requests/current', { schema: { tags, response: { 200: CurrentRequestResponse, ...errors } } }, async (req) => {
      return { request: await mentoring.currentRequest(requireActor(req)) };
    });

    app.post('/api/mentoring/requests/:requestId/cancel', { schema: { tags, params: RequestIdParam, response: { 200: SupportRequestView, ...errors } } }, async (req) => {
      return mentoring.cancelRequest(requireActor(req), req.params.requestId);
    });

    app.get('/api/mentoring/offers', { schema: { tags, response: { 200: OfferList, ...errors } } }, async (req) => {
      return { offers: await mentoring.listOffers(requireActor(req)) };
    });

    app.post('/api/mentoring/offers/:requestId/accept', { schema: { tags, params: RequestIdParam, response: { 200: MentorshipView, ...errors } } }, async (req) => {
      return mentoring.acceptOffer(requireActor(req), req.params.requestId);
    });

    app.post('/api/mentoring/offers/:requestId/decline', { schema: { tags, params: RequestIdParam, response: { 200: Ok, ...errors } } }, async (req) => {
      await mentoring.declineOffer(requireActor(req), req.params.requestId);
      return { ok: true as const };
    });

    // ── mentorships ───────────────────────────────────────────────────────────
    app.get('/api/mentoring/mentorships', { schema: { tags, response: { 200: MentorshipList, ...errors } } }, async (req) => {
      return { mentorships: await mentoring.listMentorships(requireActor(req)) };
    });

    app.get('/api/mentoring/mentorships/:id', { schema: { tags, params: IdParam, response: { 200: MentorshipView, ...errors } } }, async (req) => {
      return mentoring.getMentorship(requireActor(req), req.params.id);
    });

    app.post('/api/mentoring/mentorships/:id/end', { schema: { tags, params: IdParam, body: EndBody, response: { 200: EndResult, ...errors } } }, async (req) => {
      return mentoring.endMentorship(requireActor(req), req.params.id, req.body.closingMessage ?? null);
    });

    app.post('/api/mentoring/mentorships/:id/switch', { schema: { tags, params: IdParam, response: { 201: SwitchResult, ...errors } } }, async (req, reply) => {
      return reply.code(201).send(await mentoring.switchSupporter(requireActor(req), req.params.id));
    });

    app.post('/api/mentoring/mentorships/:id/handovers', { config: { idempotentCreate: true }, schema: { tags, params: IdParam, body: HandoverBody, response: { 201: z.object({ handover: HandoverView, notice: SafetyNotice }), ...errors } } }, async (req, reply) => {
      const written = await mentoring.proposeHandover(requireActor(req), req.params.id, req.body);
      return reply.code(201).headers(createdHeaders(written)).send(written.result);
    });

    app.post('/api/mentoring/mentorships/:id/feedback', { schema: { tags, params: IdParam, body: FeedbackBody, response: { 201: FeedbackResult, ...errors } } }, async (req, reply) => {
      const notice = await mentoring.giveFeedback(requireActor(req), req.params.id, req.body);
      return reply.code(201).send({ ok: true as const, notice });
    });

    app.post('/api/mentoring/mentorships/:id/reports', { config: { idempotentCreate: true }, schema: { tags, params: IdParam, body: MentoringReportBody, response: { 201: z.object({ id: z.string(), notice: SafetyNotice.nullable() }), ...errors } } }, async (req, reply) => {
      const written = await mentoring.report(requireActor(req), req.params.id, req.body);
      return reply.code(201).headers(createdHeaders(written)).send(written.result);
    });

    app.post('/api/mentoring/mentorships/:id/supervisor-consent', { schema: { tags, params: IdParam, body: SupervisorConsentBody, response: { 200: MentorshipView, ...errors } } }, async (req) => {
      return mentoring.setSupervisorConsent(requireActor(req), req.params.id, req.body.grant, req.body.days);
    });

    app.post('/api/mentoring/mentorships/:id/escalate', { config: { idempotentCreate: true }, schema: { tags, params: IdParam, body: EscalateBody, response: { 201: z.object({ mentorship: MentorshipView, notice: SafetyNotice }), ...errors } } }, async (req, reply) => {
      const written = await mentoring.escalate(requireActor(req), req.params.id, req.body);
      return reply.code(201).headers(createdHeaders(written)).send(written.result);
    });

    // ── handovers ─────────────────────────────────────────────────────────────
    app.get('/api/mentoring/handovers', { schema: { tags, response: { 200: HandoverList, ...errors } } }, async (req) => {
      return { handovers: await mentoring.listHandovers(requireActor(req)) };
    });

    app.post('/api/mentoring/handovers/:id/accept', { schema: { tags, params: IdParam, response: { 200: HandoverView, ...errors } } }, async (req) => {
      return mentoring.acceptHandover(requireActor(req), req.params.id);
    });

    app.post('/api/mentoring/handovers/:id/decline', { schema: { tags, params: IdParam, response: { 200: HandoverView, ...errors } } }, async (req) => {
      return mentoring.declineHandover(requireActor(req), req.params.id);
    });

    app.post('/api/mentoring/handovers/:id/cancel', { schema: { tags, params: IdParam, response: { 200: HandoverView, ...errors } } }, async (req) => {
      return mentoring.cancelHandover(requireActor(req), req.params.id);
    });

    app.post('/api/mentoring/handovers/:id/consent', { schema: { tags, params: IdParam, body: ConsentBody, response: { 200: ConsentResult, ...errors } } }, async (req) => {
      return mentoring.consentHandover(requireActor(req), req.params.id, req.body.consent);
    });

    // ── blocks ────────────────────────────────────────────────────────────────
    app.get('/api/mentoring/blocks', { schema: { tags, response: { 200: BlockList, ...errors } } }, async (req) => {
      return { blocks: await mentoring.listBlocks(requireActor(req)) };
    });

    app.post('/api/mentoring/blocks', { schema: { tags, body: BlockBody, response: { 201: Ok, ...errors } } }, async (req, reply) => {
      await mentoring.block(requireActor(req), req.body.userId);
      return reply.code(201).send({ ok: true as const });
    });

    app.delete('/api/mentoring/blocks/:userId', { schema: { tags, params: UserIdParam, response: { 200: Ok, ...errors } } }, async (req) => {
      await mentoring.unblock(requireActor(req), req.params.userId);
      return { ok: true as const };
    });

    // ── supervisors ───────────────────────────────────────────────────────────
    app.get('/api/mentoring/reports', { schema: { tags, querystring: MentoringReportsQuery, response: { 200: MentoringReportList, ...errors } } }, async (req) => {
      return { reports: await mentoring.listReports(requireActor(req), req.query.status, req.query.limit) };
    });

    app.post('/api/mentoring/reports/:id/resolve', { schema: { tags, params: IdParam, response: { 200: Ok, ...errors } } }, async (req) => {
      await mentoring.resolveReport(requireActor(req), req.params.id);
      return { ok: true as const };
    });

    app.get('/api/mentoring/supervision/conversations', { schema: { tags, response: { 200: AccessibleConversationList, ...errors } } }, async (req) => {
      return { conversations: await mentoring.accessibleConversations(requireActor(req)) };
    });
  };
}
