import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CommunitySettingsBody,
  CommunitySettingsView,
  EditPostBody,
  HelpedBody,
  ModerationDone,
  ModerationNoteBody,
  ModerationQueueView,
  ModeratorEditBody,
  MyReportPage,
  MyReportsQuery,
  NewPostBody,
  NewThreadBody,
  PostEditView,
  PostPage,
  PostPageQuery,
  PostView,
  PostWritten,
  ProgramBody,
  ProgramMemberBody,
  ProgramMemberView,
  ProgramView,
  ReactionParams,
  ReactionState,
  ReactorsView,
  ReportBody,
  ReportWritten,
  ReportsQuery,
  ReportResolved,
  ResolveReportBody,
  RevealAuthorBody,
  RevealedAuthorView,
  SearchQuery,
  SearchResults,
  SlowModeBody,
  SpaceBody,
  SpacePatchBody,
  SpaceView,
  SuspendBody,
  SuspensionView,
  ThreadCreated,
  ThreadDetail,
  ThreadListQuery,
  ThreadPage,
  ThreadView,
  WarningPrefsBody,
  WarningPrefsView,
} from '../../../contracts/communities.js';
import { ErrorResponse, IdParam, Ok } from '../../../contracts/common.js';
import { createdHeaders } from '../../platform/idempotency.js';
import { requireActor } from '../../platform/actor.js';
import { isCollapsed, parseWarnings, presentEdit, presentHighlighted, presentProgram, presentReport, presentSpace, presentThread, writePostPage, writeSpaceList, writeThreadDetail, writeThreadPage } from './communities.presenter.js';
import type { CommunitiesService } from './communities.service.js';

/** A suspended member's 403 carries the end date; slow mode's 429 the seconds to wait. */
const PostingError = z.object({
  error: ErrorResponse.shape.error.extend({ until: z.string().optional(), retryAfterSeconds: z.number().optional() }),
});
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: PostingError, 404: ErrorResponse, 409: ErrorResponse, 429: PostingError };
const tags = ['community'];
const modTags = ['moderation'];

/** Spaces, threads, posts, reactions, search, related threads, moderation, programs and settings. */
export function communitiesRoutes(communities: CommunitiesService): FastifyPluginAsyncZod {
  return async (app) => {
    // ── spaces ────────────────────────────────────────────────────────────────
    app.get('/api/spaces', { schema: { tags, response: { 200: z.object({ spaces: z.array(SpaceView) }), ...errors } } }, async (req) => {
      return writeSpaceList(await communities.spaceList(requireActor(req)));
    });

    app.get('/api/spaces/:id', { schema: { tags, params: IdParam, response: { 200: SpaceView, ...errors } } }, async (req) => {
      return presentSpace(await communities.getSpace(requireActor(req), req.params.id));
    });

    app.post('/api/spaces/:id/threads', { config: { idempotentCreate: true }, schema: { tags, params: IdParam, body: NewThreadBody, response: { 201: ThreadCreated, ...errors } } }, async (req, reply) => {
      const actor = requireActor(req);
      const written = await communities.createThread(actor, req.params.id, req.body);
      return reply.code(201).headers(createdHeaders(written)).send(await communities.presentWritten(actor, written.result));
    });

    // ── threads and posts ─────────────────────────────────────────────────────
    app.get('/api/threads', { schema: { tags, querystring: ThreadListQuery, response: { 200: ThreadPage, ...errors } } }, async (req) => {
      return writeThreadPage(await communities.listThreads(requireActor(req), req.query));
    });

    app.get('/api/threads/:id', { schema: { tags, params: IdParam, querystring: PostPageQuery, response: { 200: ThreadDetail, ...errors } } }, async (req) => {
      return writeThreadDetail(await communities.getThread(requireActor(req), req.params.id, req.query));
    });

    app.get('/api/threads/:id/posts', { schema: { tags, params: IdParam, querystring: PostPageQuery, response: { 200: PostPage, ...errors } } }, async (req) => {
      return writePostPage(await communities.listPosts(requireActor(req), req.params.id, req.query));
    });

    app.post('/api/threads/:id/posts', { config: { idempotentCreate: true }, schema: { tags, params: IdParam, body: NewPostBody, response: { 201: PostWritten, ...errors } } }, async (req, reply) => {
      const actor = requireActor(req);
      const written = await communities.reply(actor, req.params.id, req.body);
      const { post, safety } = await communities.presentWritten(actor, written.result);
      return reply.code(201).headers(createdHeaders(written)).send({ post, safety });
    });

    app.get('/api/threads/:id/related', { schema: { tags, params: IdParam, response: { 200: z.object({ threads: z.array(ThreadView) }), ...errors } } }, async (req) => {
      return { threads: await communities.related(requireActor(req), req.params.id) };
    });

    app.put('/api/threads/:id/helped', { schema: { tags, params: IdParam, body: HelpedBody, response: { 200: ThreadView, ...errors } } }, async (req) => {
      const actor = requireActor(req);
      const thread = await communities.markHelped(actor, req.params.id, req.body.postId);
      return communities.presentThreadFor(actor, thread);
    });

    app.put('/api/threads/:id/follow', { schema: { tags, params: IdParam, response: { 200: Ok, ...errors } } }, async (req) => {
      await communities.setFollowing(requireActor(req), req.params.id, true);
      return { ok: true as const };
    });

    app.delete('/api/threads/:id/follow', { schema: { tags, params: IdParam, response: { 200: Ok, ...errors } } }, async (req) => {
      await communities.setFollowing(requireActor(req), req.params.id, false);
      return { ok: true as const };
    });

    app.patch('/api/posts/:id', { schema: { tags, params: IdParam, body: EditPostBody, response: { 200: PostWritten, ...errors } } }, async (req) => {
      const actor = requireActor(req);
      const { post, safety } = await communities.presentWritten(actor, await communities.editPost(actor, req.params.id, req.body));
      return { post, safety };
    });

    app.delete('/api/posts/:id', { schema: { tags, params: IdParam, response: { 200: PostView, ...errors } } }, async (req) => {
      const actor = requireActor(req);
      return communities.presentOne(actor, await communities.deletePost(actor, req.params.id));
    });

    // ── reactions ─────────────────────────────────────────────────────────────
    app.put('/api/posts/:id/reactions/:kind', { schema: { tags, params: ReactionParams, response: { 200: ReactionState, ...errors } } }, async (req) => {
      return communities.react(requireActor(req), req.params.id, req.params.kind, true);
    });

    app.delete('/api/posts/:id/reactions/:kind', { schema: { tags, params: ReactionParams, response: { 200: ReactionState, ...errors } } }, async (req) => {
      return communities.react(requireActor(req), req.params.id, req.params.kind, false);
    });

    app.get('/api/posts/:id/reactions', { schema: { tags, params: IdParam, response: { 200: ReactorsView, ...errors } } }, async (req) => {
      const rows = await communities.reactors(requireActor(req), req.params.id);
      return { reactors: rows.map((r) => ({ kind: r.kind, user: r.handle ? { id: r.user_id, handle: r.handle } : null, at: r.created_at })) };
    });

    // ── search and preferences ────────────────────────────────────────────────
    app.get('/api/search', { schema: { tags, querystring: SearchQuery, response: { 200: SearchResults, ...errors } } }, async (req) => {
      const { rows, truncated, threads, viewer } = await communities.search(requireActor(req), req.query);
      return {
        truncated,
        hits: rows
          .filter((r) => threads.has(r.thread_id))
          .map((r) => {
            const thread = threads.get(r.thread_id)!;
            const title = presentHighlighted(r.title_marked);
            const warnings = [...new Set([...parseWarnings(thread.warnings), ...parseWarnings(r.post_warnings)])];
            return {
              thread: presentThread(thread, viewer),
              postId: r.post_id,
              warnings,
              collapsed: isCollapsed(warnings, viewer.prefs),
              title: title.text ? title : { text: thread.title, ranges: [] },
              snippet: presentHighlighted(r.snippet_marked),
            };
          }),
      };
    });

    app.get('/api/me/content-warnings', { schema: { tags, response: { 200: WarningPrefsView, ...errors } } }, async (req) => {
      return { prefs: await communities.warningPrefs(requireActor(req)) };
    });

    app.put('/api/me/content-warnings', { schema: { tags, body: WarningPrefsBody, response: { 200: WarningPrefsView, ...errors } } }, async (req) => {
      return { prefs: await communities.setWarningPrefs(requireActor(req), req.body.prefs) };
    });

    // ── reports and moderation ────────────────────────────────────────────────
    app.post('/api/posts/:id/reports', { config: { idempotentCreate: true }, schema: { tags, params: IdParam, body: ReportBody, response: { 201: ReportWritten, ...errors } } }, async (req, reply) => {
      const written = await communities.report(requireActor(req), req.params.id, req.body);
      return reply.code(201).headers(createdHeaders(written)).send(written.result);
    });

    app.get('/api/me/reports', { schema: { tags, querystring: MyReportsQuery, response: { 200: MyReportPage, ...errors } } }, async (req) => {
      return communities.myReports(requireActor(req), req.query);
    });

    app.get('/api/moderation/queue', { schema: { tags: modTags, querystring: ReportsQuery, response: { 200: ModerationQueueView, ...errors } } }, async (req) => {
      const q = await communities.queue(requireActor(req), req.query.status, req.query.limit);
      return {
        reports: q.reports.map(({ report, post }) => presentReport(report, post)),
        pendingPosts: q.pendingPosts,
      };
    });

    app.post('/api/moderation/reports/:id/resolve', { schema: { tags: modTags, params: IdParam, body: ResolveReportBody, response: { 200: ReportResolved, ...errors } } }, async (req) => {
      return communities.resolveReport(requireActor(req), req.params.id, req.body);
    });

    app.post('/api/moderation/posts/:id/hide', { schema: { tags: modTags, params: IdParam, body: ModerationNoteBody, response: { 200: ModerationDone, ...errors } } }, async (req) => {
      return { ok: true as const, notice: await communities.hidePost(requireActor(req), req.params.id, req.body.note) };
    });

    app.post('/api/moderation/posts/:id/restore', { schema: { tags: modTags, params: IdParam, response: { 200: Ok, ...errors } } }, async (req) => {
      await communities.restorePost(requireActor(req), req.params.id);
      return { ok: true as const };
    });

    app.post('/api/moderation/posts/:id/approve', { schema: { tags: modTags, params: IdParam, response: { 200: Ok, ...errors } } }, async (req) => {
      await communities.approvePost(requireActor(req), req.params.id);
      return { ok: true as const };
    });

    app.post('/api/moderation/posts/:id/edit', { schema: { tags: modTags, params: IdParam, body: ModeratorEditBody, response: { 200: ModerationDone, ...errors } } }, async (req) => {
      return { ok: true as const, notice: await communities.moderatorEdit(requireActor(req), req.params.id, req.body.body, req.body.note) };
    });

    app.post('/api/moderation/posts/:id/warn', { schema: { tags: modTags, params: IdParam, body: ModerationNoteBody, response: { 200: ModerationDone, ...errors } } }, async (req) => {
      return { ok: true as const, notice: await communities.warnAuthor(requireActor(req), req.params.id, req.body.note) };
    });

    app.get('/api/moderation/posts/:id/history', { schema: { tags: modTags, params: IdParam, response: { 200: z.object({ edits: z.array(PostEditView) }), ...errors } } }, async (req) => {
      return { edits: (await communities.history(requireActor(req), req.params.id)).map(presentEdit) };
    });

    app.post('/api/moderation/posts/:id/reveal-author', { schema: { tags: modTags, params: IdParam, body: RevealAuthorBody, response: { 200: RevealedAuthorView, ...errors } } }, async (req) => {
      return communities.revealAuthor(requireActor(req), req.params.id, req.body.reason);
    });

    app.put('/api/moderation/threads/:id/slow-mode', { schema: { tags: modTags, params: IdParam, body: SlowModeBody, response: { 200: ThreadView, ...errors } } }, async (req) => {
      const actor = requireActor(req);
      const thread = await communities.setSlowMode(actor, req.params.id, req.body.seconds);
      return communities.presentThreadFor(actor, thread);
    });

    app.post('/api/moderation/users/:id/suspend', { schema: { tags: modTags, params: IdParam, body: SuspendBody, response: { 200: SuspensionView, ...errors } } }, async (req) => {
      return communities.suspendUser(requireActor(req), req.params.id, req.body.days, req.body.reason);
    });

    // ── admin: spaces, programs, settings ─────────────────────────────────────
    app.post('/api/admin/spaces', { schema: { tags: ['admin'], body: SpaceBody, response: { 201: SpaceView, ...errors } } }, async (req, reply) => {
      return reply.code(201).send(presentSpace(await communities.createSpace(requireActor(req), req.body)));
    });

    app.patch('/api/admin/spaces/:id', { schema: { tags: ['admin'], params: IdParam, body: SpacePatchBody, response: { 200: SpaceView, ...errors } } }, async (req) => {
      return presentSpace(await communities.updateSpace(requireActor(req), req.params.id, req.body));
    });

    app.post('/api/admin/programs', { schema: { tags: ['admin'], body: ProgramBody, response: { 201: ProgramView, ...errors } } }, async (req, reply) => {
      return reply.code(201).send(presentProgram(await communities.createProgram(requireActor(req), req.body.name)));
    });

    app.post('/api/admin/programs/:id/members', { schema: { tags: ['admin'], params: IdParam, body: ProgramMemberBody, response: { 201: ProgramMemberView, ...errors } } }, async (req, reply) => {
      const m = await communities.addProgramMember(requireActor(req), req.params.id, req.body);
      return reply.code(201).send({ programId: m.program_id, userId: m.user_id, role: m.role, joinedAt: m.joined_at });
    });

    app.get('/api/admin/community-settings', { schema: { tags: ['admin'], response: { 200: CommunitySettingsView, ...errors } } }, async (req) => {
      return communities.settings(requireActor(req));
    });

    app.put('/api/admin/community-settings', { schema: { tags: ['admin'], body: CommunitySettingsBody, response: { 200: CommunitySettingsView, ...errors } } }, async (req) => {
      return communities.saveSettings(requireActor(req), req.body);
    });
  };
}
