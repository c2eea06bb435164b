import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, IdParam, Ok } from '../../../contracts/common.js';
import {
  AcceptAgreementBody,
  AttendanceBody,
  AttendanceView,
  MeetingNoteSaved,
  CalendarFeedView,
  DashboardView,
  FacilitatorBody,
  GoalBody,
  GoalLogBody,
  GoalView,
  GroupBody,
  GroupGoalParams,
  GroupMeetingParams,
  GroupMemberParams,
  GroupMessageBody,
  GroupMessagePage,
  GroupMessageParams,
  GroupMessagesQuery,
  GroupMessageView,
  GroupMessageWritten,
  GroupPatchBody,
  GroupReportBody,
  GroupReportWritten,
  GroupReportView,
  GroupView,
  InvitationCodeView,
  JoinCodeBody,
  JoinDecisionBody,
  JoinGroupBody,
  JoinRequestBody,
  JoinRequestParams,
  JoinRequestView,
  MeetingBody,
  MeetingCancelBody,
  MeetingNoteBody,
  MeetingView,
  MuteBody,
  OccurrencePage,
  OccurrenceQuery,
  OccurrencesQuery,
  OrganizationBody,
  OrganizationPatchBody,
  OrganizationView,
  PinBody,
  ProgramCreateBody,
  ProgramDetailView,
  ProgramPatchBody,
  ProgramsOverview,
  RsvpBody,
  StaffBody,
  StaffParams,
  SupervisorRequestBody,
  SupervisorRequestView,
} from '../../../contracts/groups.js';
import { SafetyNotice } from '../../../contracts/safety.js';
import { requireActor } from '../../platform/actor.js';
import { createdHeaders } from '../../platform/idempotency.js';
import { presentJoinRequest, presentMeeting, presentOrganization, presentSupervisorRequest } from './groups.presenter.js';
import type { GroupsService } from './groups.service.js';

/** Errors may carry what a person needs to act: the mute's end, the agreement version, the safety notice. */
const GroupError = z.object({
  error: ErrorResponse.shape.error.extend({
    until: z.string().nullable().optional(),
    agreementVersion: z.number().optional(),
    safety: SafetyNotice.optional(),
  }),
});
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: GroupError, 404: ErrorResponse, 409: GroupError, 422: GroupError };
const tags = ['groups'];
const adminTags = ['admin'];
const ReportParams = z.strictObject({ id: z.uuid({ message: 'id must be a valid id' }), reportId: z.uuid({ message: 'reportId must be a valid id' }) });
const FeedQuery = z.strictObject({ token: z.string().min(20, 'is not a feed token').max(100, 'is not a feed token') });
const StatusQuery = z.strictObject({ status: z.enum(['open', 'taken']).default('open') });

/** Organizations, programs, support groups, meetings, calendar feeds, group chat, goals and facilitator tools. */
export function groupsRoutes(groups: GroupsService): FastifyPluginAsyncZod {
  return async (app) => {
    // ── organizations (admin) ─────────────────────────────────────────────────
    app.post('/api/admin/organizations', { schema: { tags: adminTags, body: OrganizationBody, response: { 201: OrganizationView, ...errors } } }, async (req, reply) => {
      const { org, staff } = await groups.createOrganization(requireActor(req), req.body);
      return reply.code(201).send(presentOrganization(org, staff));
    });

    app.patch('/api/admin/organizations/:id', { schema: { tags: adminTags, params: IdParam, body: OrganizationPatchBody, response: { 200: OrganizationView, ...errors } } }, async (req) => {
      const { org, staff } = await groups.updateOrganization(requireActor(req), req.params.id, req.body);
      return presentOrganization(org, staff);
    });

    app.post('/api/admin/organizations/:id/staff', { schema: { tags: adminTags, params: IdParam, body: StaffBody, response: { 201: OrganizationView, ...errors } } }, async (req, reply) => {
      const { org, staff } = await groups.addStaff(requireActor(req), req.params.id, req.body.userId, req.body.role);
      return reply.code(201).send(presentOrganization(org, staff));
    });

    app.delete('/api/admin/organizations/:id/staff/:userId/:role', { schema: { tags: adminTags, params: StaffParams, response: { 200: OrganizationView, ...errors } } }, async (req) => {
      const { org, staff } = await groups.removeStaff(requireActor(req), req.params.id, req.params.userId, req.params.role);
      return presentOrganization(org, staff);
    });

    app.post('/api/admin/organizations/:id/programs', { schema: { tags: adminTags, params: IdParam, body: ProgramCreateBody, response: { 201: ProgramDetailView, ...errors } } }, async (req, reply) => {
      return reply.code(201).send(await groups.createProgram(requireActor(req), req.params.id, req.body));
    });

    app.get('/api/organizations', { schema: { tags, response: { 200: z.object({ organizations: z.array(OrganizationView) }), ...errors } } }, async (req) => {
      return { organizations: (await groups.listOrganizations(requireActor(req))).map(({ org, staff }) => presentOrganization(org, staff)) };
    });

    app.get('/api/organizations/:id', { schema: { tags, params: IdParam, response: { 200: OrganizationView, ...errors } } }, async (req) => {
      const { org, staff } = await groups.getOrganization(requireActor(req), req.params.id);
      return presentOrganization(org, staff);
    });

    app.get('/api/organizations/:id/programs', { schema: { tags, params: IdParam, response: { 200: z.object({ programs: z.array(ProgramDetailView) }), ...errors } } }, async (req) => {
      return { programs: await groups.organizationPrograms(requireActor(req), req.params.id) };
    });

    // ── programs ──────────────────────────────────────────────────────────────
    app.get('/api/programs', { schema: { tags, response: { 200: ProgramsOverview, ...errors } } }, async (req) => {
      return groups.programsOverview(requireActor(req));
    });

    app.post('/api/programs/join-by-code', { schema: { tags, body: JoinCodeBody, response: { 200: ProgramDetailView, ...errors } } }, async (req) => {
      const actor = requireActor(req);
      return groups.getProgram(actor, await groups.joinProgramByCode(actor, req.body.code));
    });

    app.get('/api/programs/:id', { schema: { tags, params: IdParam, response: { 200: ProgramDetailView, ...errors } } }, async (req) => {
      return groups.getProgram(requireActor(req), req.params.id);
    });

    app.patch('/api/programs/:id', { schema: { tags, params: IdParam, body: ProgramPatchBody, response: { 200: ProgramDetailView, ...errors } } }, async (req) => {
      return groups.updateProgram(requireActor(req), req.params.id, req.body);
    });

    app.post('/api/programs/:id/invitation-code', { schema: { tags, params: IdParam, response: { 201: InvitationCodeView, ...errors } } }, async (req, reply) => {
      return reply.code(201).send(await groups.rotateInvitationCode(requireActor(req), req.params.id));
    });

    app.delete('/api/programs/:id/invitation-code', { schema: { tags, params: IdParam, response: { 200: Ok, ...errors } } }, async (req) => {
      await groups.revokeInvitationCode(requireActor(req), req.params.id);
      return { ok: true as const };
    });

    app.post('/api/programs/:id/join', { config: { idempotentCreate: true }, schema: { tags, params: IdParam, body: JoinRequestBody, response: { 200: z.object({ membership: z.enum(['member', 'pending']) }), ...errors } } }, async (req, reply) => {
      const joined = await groups.joinProgram(requireActor(req), req.params.id, req.body);
      return reply.headers(createdHeaders(joined)).send({ membership: joined.result });
    });

    app.delete('/api/programs/:id/membership', { schema: { tags, params: IdParam, response: { 200: Ok, ...errors } } }, async (req) => {
      await groups.leaveProgram(requireActor(req), req.params.id);
      return { ok: true as const };
    });

    app.get('/api/programs/:id/join-requests', { schema: { tags, params: IdParam, response: { 200: z.object({ requests: z.array(JoinRequestView) }), ...errors } } }, async (req) => {
      return { requests: (await groups.listJoinRequests(requireActor(req), req.params.id)).map(({ row, note }) => presentJoinRequest(row, note)) };
    });

    app.post('/api/programs/:id/join-requests/:requestId', { schema: { tags, params: JoinRequestParams, body: JoinDecisionBody, response: { 200: Ok, ...errors } } }, async (req) => {
      await groups.decideJoinRequest(requireActor(req), req.params.id, req.params.requestId, req.body.decision);
      return { ok: true as const };
    });

    app.post('/api/programs/:id/groups', { schema: { tags, params: IdParam, body: GroupBody, response: { 201: GroupView, ...errors } } }, async (req, reply) => {
      return reply.code(201).send(await groups.createGroup(requireActor(req), req.params.id, req.body));
    });

    // ── groups and agreements ─────────────────────────────────────────────────
    app.get('/api/groups/:id', { schema: { tags, params: IdParam, response: { 200: GroupView, ...errors } } }, async (req) => {
      return groups.getGroup(requireActor(req), req.params.id);
    });

    app.patch('/api/groups/:id', { schema: { tags, params: IdParam, body: GroupPatchBody, response: { 200: GroupView, ...errors } } }, async (req) => {
      return groups.updateGroup(requireActor(req), req.params.id, req.body);
    });

    app.post('/api/groups/:id/facilitators', { schema: { tags, params: IdParam, body: FacilitatorBody, response: { 200: GroupView, ...errors } } }, async (req) => {
      return groups.addFacilitator(requireActor(req), req.params.id, req.body.userId);
    });

    app.delete('/api/groups/:id/facilitators/:userId', { schema: { tags, params: GroupMemberParams, response: { 200: GroupView, ...errors } } }, async (req) => {
      return groups.removeFacilitator(requireActor(req), req.params.id, req.params.userId);
    });

    app.post('/api/groups/:id/agreement/accept', { schema: { tags, params: IdParam, body: AcceptAgreementBody, response: { 200: GroupView, ...errors } } }, async (req) => {
      return groups.acceptAgreement(requireActor(req), req.params.id, req.body.version);
    });

    app.post('/api/groups/:id/join', { schema: { tags, params: IdParam, body: JoinGroupBody, response: { 200: GroupView, ...errors } } }, async (req) => {
      return groups.joinGroup(requireActor(req), req.params.id, req.body.agreementVersion);
    });

    app.delete('/api/groups/:id/membership', { schema: { tags, params: IdParam, response: { 200: Ok, ...errors } } }, async (req) => {
      await groups.leaveGroup(requireActor(req), req.params.id);
      return { ok: true as const };
    });

    app.delete('/api/groups/:id/members/:userId', { schema: { tags, params: GroupMemberParams, response: { 200: Ok, ...errors } } }, async (req) => {
      await groups.removeMember(requireActor(req), req.params.id, req.params.userId);
      return { ok: true as const };
    });

    // ── meetings ──────────────────────────────────────────────────────────────
    app.get('/api/groups/:id/meetings', { schema: { tags, params: IdParam, response: { 200: z.object({ meetings: z.array(MeetingView) }), ...errors } } }, async (req) => {
      const { meetings, insider } = await groups.listMeetings(requireActor(req), req.params.id);
      return { meetings: meetings.map((m) => presentMeeting(m, insider)) };
    });

    app.post('/api/groups/:id/meetings', { schema: { tags, params: IdParam, body: MeetingBody, response: { 201: MeetingView, ...errors } } }, async (req, reply) => {
      const { meeting, insider } = await groups.createMeeting(requireActor(req), req.params.id, req.body);
      return reply.code(201).send(presentMeeting(meeting, insider));
    });

    app.put('/api/groups/:id/meetings/:meetingId', { schema: { tags, params: GroupMeetingParams, body: MeetingBody, response: { 200: MeetingView, ...errors } } }, async (req) => {
      const { meeting, insider } = await groups.replaceMeeting(requireActor(req), req.params.id, req.params.meetingId, req.body);
      return presentMeeting(meeting, insider);
    });

    app.post('/api/groups/:id/meetings/:meetingId/cancel', { schema: { tags, params: GroupMeetingParams, body: MeetingCancelBody, response: { 200: MeetingView, ...errors } } }, async (req) => {
      const { meeting, insider } = await groups.cancelMeeting(requireActor(req), req.params.id, req.params.meetingId, req.body.cancelled);
      return presentMeeting(meeting, insider);
    });

    app.get('/api/groups/:id/occurrences', { schema: { tags, params: IdParam, querystring: OccurrencesQuery, response: { 200: OccurrencePage, ...errors } } }, async (req) => {
      return { occurrences: await groups.groupOccurrences(requireActor(req), req.params.id, req.query) };
    });

    app.get('/api/me/meetings', { schema: { tags, querystring: OccurrencesQuery, response: { 200: OccurrencePage, ...errors } } }, async (req) => {
      return { occurrences: await groups.myOccurrences(requireActor(req), req.query) };
    });

    app.put('/api/groups/:id/meetings/:meetingId/rsvp', { schema: { tags, params: GroupMeetingParams, body: RsvpBody, response: { 200: Ok, ...errors } } }, async (req) => {
      await groups.rsvp(requireActor(req), req.params.id, req.params.meetingId, req.body.occurrence, req.body.response);
      return { ok: true as const };
    });

    app.put('/api/groups/:id/meetings/:meetingId/attendance', { schema: { tags, params: GroupMeetingParams, body: AttendanceBody, response: { 200: AttendanceView, ...errors } } }, async (req) => {
      return groups.recordAttendance(requireActor(req), req.params.id, req.params.meetingId, req.body);
    });

    app.get('/api/groups/:id/meetings/:meetingId/attendance', { schema: { tags, params: GroupMeetingParams, querystring: OccurrenceQuery, response: { 200: AttendanceView, ...errors } } }, async (req) => {
      return groups.attendance(requireActor(req), req.params.id, req.params.meetingId, req.query.occurrence);
    });

    app.put('/api/groups/:id/meetings/:meetingId/note', { schema: { tags, params: GroupMeetingParams, body: MeetingNoteBody, response: { 200: MeetingNoteSaved, ...errors } } }, async (req) => {
      return groups.saveNote(requireActor(req), req.params.id, req.params.meetingId, req.body.occurrence, req.body.body);
    });

    // ── calendar feeds ────────────────────────────────────────────────────────
    const feedUrl = (req: { protocol: string; host: string }, token: string) => `${req.protocol}://${req.host}/api/calendar/feed.ics?token=${token}`;

    app.get('/api/me/calendar-feeds', { schema: { tags, response: { 200: z.object({ feeds: z.array(z.object({ id: z.string(), groupId: z.string().nullable(), createdAt: z.string() })) }), ...errors } } }, async (req) => {
      return { feeds: (await groups.listFeeds(requireActor(req))).map((f) => ({ id: f.id, groupId: f.group_id, createdAt: f.created_at })) };
    });

    app.post('/api/me/calendar-feed', { schema: { tags, response: { 201: CalendarFeedView, ...errors } } }, async (req, reply) => {
      const feed = await groups.rotateFeed(requireActor(req), null);
      return reply.code(201).send({ id: feed.id, groupId: null, url: feedUrl(req, feed.token), createdAt: feed.createdAt });
    });

    app.delete('/api/me/calendar-feed', { schema: { tags, response: { 200: Ok, ...errors } } }, async (req) => {
      await groups.revokeFeed(requireActor(req), null);
      return { ok: true as const };
    });

    app.post('/api/groups/:id/calendar-feed', { schema: { tags, params: IdParam, response: { 201: CalendarFeedView, ...errors } } }, async (req, reply) => {
      const feed = await groups.rotateFeed(requireActor(req), req.params.id);
      return reply.code(201).send({ id: feed.id, groupId: feed.groupId, url: feedUrl(req, feed.token), createdAt: feed.createdAt });
    });

    app.delete('/api/groups/:id/calendar-feed', { schema: { tags, params: IdParam, response: { 200: Ok, ...errors } } }, async (req) => {
      await groups.revokeFeed(requireActor(req), req.params.id);
      return { ok: true as const };
    });

    // A calendar app subscribes without a cookie: the secret token in the query (never logged) is the key.
    app.get('/api/calendar/feed.ics', { schema: { tags, querystring: FeedQuery } }, async (req, reply) => {
      const ics = await groups.renderFeed(req.query.token);
      if (ics === null) return reply.code(404).send({ error: { code: 'not_found', message: 'This calendar feed does not exist or was turned off.' } });
      return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(ics);
    });

    // ── chat ──────────────────────────────────────────────────────────────────
    app.get('/api/groups/:id/messages', { schema: { tags, params: IdParam, querystring: GroupMessagesQuery, response: { 200: GroupMessagePage, ...errors } } }, async (req) => {
      return groups.listMessages(requireActor(req), req.params.id, req.query);
    });

    app.post('/api/groups/:id/messages', { config: { idempotentCreate: true }, schema: { tags, params: IdParam, body: GroupMessageBody, response: { 201: GroupMessageWritten, ...errors } } }, async (req, reply) => {
      const written = await groups.postMessage(requireActor(req), req.params.id, req.body);
      return reply.code(201).headers(createdHeaders(written)).send(written.result);
    });

    app.get('/api/groups/:id/messages/:messageId', { schema: { tags, params: GroupMessageParams, response: { 200: GroupMessageView, ...errors } } }, async (req) => {
      return groups.getMessage(requireActor(req), req.params.id, req.params.messageId);
    });

    app.delete('/api/groups/:id/messages/:messageId', { schema: { tags, params: GroupMessageParams, response: { 200: Ok, ...errors } } }, async (req) => {
      await groups.removeMessage(requireActor(req), req.params.id, req.params.messageId);
      return { ok: true as const };
    });

    app.put('/api/groups/:id/messages/:messageId/pin', { schema: { tags, params: GroupMessageParams, body: PinBody, response: { 200: GroupMessageView, ...errors } } }, async (req) => {
      return groups.pinMessage(requireActor(req), req.params.id, req.params.messageId, req.body.pinned);
    });

    app.post('/api/groups/:id/messages/:messageId/reports', { config: { idempotentCreate: true }, schema: { tags, params: GroupMessageParams, body: GroupReportBody, response: { 201: GroupReportWritten, ...errors } } }, async (req, reply) => {
      const written = await groups.reportMessage(requireActor(req), req.params.id, req.params.messageId, req.body);
      return reply.code(201).headers(createdHeaders(written)).send(written.result);
    });

    app.get('/api/groups/:id/reports', { schema: { tags, params: IdParam, response: { 200: z.object({ reports: z.array(GroupReportView) }), ...errors } } }, async (req) => {
      return { reports: await groups.listReports(requireActor(req), req.params.id) };
    });

    app.post('/api/groups/:id/reports/:reportId/resolve', { schema: { tags, params: ReportParams, response: { 200: Ok, ...errors } } }, async (req) => {
      await groups.resolveReport(requireActor(req), req.params.id, req.params.reportId);
      return { ok: true as const };
    });

    app.put('/api/groups/:id/members/:userId/mute', { schema: { tags, params: GroupMemberParams, body: MuteBody, response: { 200: z.object({ userId: z.string(), until: z.string().nullable() }), ...errors } } }, async (req) => {
      return groups.mute(requireActor(req), req.params.id, req.params.userId, req.body.minutes);
    });

    app.delete('/api/groups/:id/members/:userId/mute', { schema: { tags, params: GroupMemberParams, response: { 200: z.object({ userId: z.string(), until: z.string().nullable() }), ...errors } } }, async (req) => {
      return groups.mute(requireActor(req), req.params.id, req.params.userId, null);
    });

    // ── goals ─────────────────────────────────────────────────────────────────
    app.get('/api/groups/:id/goals', { schema: { tags, params: IdParam, response: { 200: z.object({ goals: z.array(GoalView) }), ...errors } } }, async (req) => {
      return { goals: await groups.listGoals(requireActor(req), req.params.id) };
    });

    app.post('/api/groups/:id/goals', { config: { idempotentCreate: true }, schema: { tags, params: IdParam, body: GoalBody, response: { 201: GoalView, ...errors } } }, async (req, reply) => {
      const written = await groups.createGoal(requireActor(req), req.params.id, req.body);
      return reply.code(201).headers(createdHeaders(written)).send(written.result);
    });

    app.post('/api/groups/:id/goals/:goalId/progress', { config: { idempotentCreate: true }, schema: { tags, params: GroupGoalParams, body: GoalLogBody, response: { 201: GoalView, ...errors } } }, async (req, reply) => {
      const written = await groups.logProgress(requireActor(req), req.params.id, req.params.goalId, req.body);
      return reply.code(201).headers(createdHeaders(written)).send(written.result);
    });

    app.delete('/api/groups/:id/goals/:goalId', { schema: { tags, params: GroupGoalParams, response: { 200: Ok, ...errors } } }, async (req) => {
      await groups.deleteGoal(requireActor(req), req.params.id, req.params.goalId);
      return { ok: true as const };
    });

    // ── facilitator tools ─────────────────────────────────────────────────────
    app.get('/api/groups/:id/dashboard', { schema: { tags, params: IdParam, response: { 200: DashboardView, ...errors } } }, async (req) => {
      return groups.dashboard(requireActor(req), req.params.id);
    });

    app.post('/api/groups/:id/members/:userId/supervisor-request', { config: { idempotentCreate: true }, schema: { tags, params: GroupMemberParams, body: SupervisorRequestBody, response: { 201: z.object({ id: z.string(), alertId: z.string().nullable() }), ...errors } } }, async (req, reply) => {
      const written = await groups.requestSupervisor(requireActor(req), req.params.id, req.params.userId, req.body);
      return reply.code(201).headers(createdHeaders(written)).send(written.result);
    });

    app.get('/api/supervisor-requests', { schema: { tags, querystring: StatusQuery, response: { 200: z.object({ requests: z.array(SupervisorRequestView) }), ...errors } } }, async (req) => {
      return { requests: (await groups.listSupervisorRequests(requireActor(req), req.query.status)).map(({ row, note }) => presentSupervisorRequest(row, note)) };
    });

    app.post('/api/supervisor-requests/:id/take', { schema: { tags, params: IdParam, response: { 200: Ok, ...errors } } }, async (req) => {
      await groups.takeSupervisorRequest(requireActor(req), req.params.id);
      return { ok: true as const };
    });
  };
}
