import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, type BuiltUser } from '../../../../test/factories.js';
import type { KindredApp } from '../../app.js';

async function newThread(app: KindredApp, u: BuiltUser, title: string) {
  const space = (await app.kindred.database.db.selectFrom('spaces').select('id').where('slug', '=', 'anxiety').executeTakeFirstOrThrow()).id;
  const res = await u.client.post(`/api/spaces/${space}/threads`, { kind: 'story', title, body: 'Buy my calm tea, best prices every day.' });
  if (res.statusCode !== 201) throw new Error(`thread: ${res.statusCode} ${res.body}`);
  return res.json() as { thread: { id: string }; post: { id: string } };
}

describe.each(testDatabases)('resolving a report on $name', (database) => {
  it('resolves every open report of the post, and only those, however many other reports are open (past 1000)', async () => {
    const t = await buildTestApp(database);
    try {
      const { app } = t;
      const author = await buildUser(app);
      const reporters = [await buildUser(app), await buildUser(app), await buildUser(app)];
      const supervisor = await buildUser(app, { roles: ['supervisor'] });
      const busy = await newThread(app, author, 'A much reported thread');
      const target = await newThread(app, author, 'The thread a moderator acts on');
      // 1001 open reports older than the two on the target post: the open queue's first 1000
      // (oldest first) hold none of them. Made through the service, as a member's report is.
      const OTHERS = 1001;
      for (let done = 0; done < OTHERS; ) {
        const n = Math.min(50, OTHERS - done);
        await Promise.all(Array.from({ length: n }, (_, i) => app.kindred.communities.report(reporters[(done + i) % 2]!.actor, busy.post.id, { reason: 'spam' })));
        done += n;
      }
      const {
        result: { id: first },
      } = await app.kindred.communities.report(reporters[0]!.actor, target.post.id, { reason: 'spam' });
      const {
        result: { id: second },
      } = await app.kindred.communities.report(reporters[2]!.actor, target.post.id, { reason: 'harassment' });

      const res = await supervisor.client.post(`/api/moderation/reports/${second}/resolve`, { action: 'dismiss' });
      expect(res.statusCode, res.body).toBe(200);
      const rows = await app.kindred.database.db.selectFrom('post_reports').select(['id', 'post_id', 'status']).execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      expect(byId.get(first)?.status).toBe('resolved');
      expect(byId.get(second)?.status).toBe('resolved');
      expect(rows.filter((r) => r.post_id === busy.post.id && r.status === 'open')).toHaveLength(OTHERS);
      // Both reporters are told (the outcome notification), the others are not.
      await app.kindred.dispatcher.idle();
      for (const [u, told] of [[reporters[0]!, true], [reporters[2]!, true], [reporters[1]!, false]] as const) {
        const notices = (await u.client.get('/api/notifications')).json() as { notifications: { about?: string | null }[] };
        expect(notices.notifications.some((n) => n.about === 'my_reports'), u.handle).toBe(told);
      }
      // Resolved already: a second moderator's try is refused, nothing done twice.
      expect((await supervisor.client.post(`/api/moderation/reports/${first}/resolve`, { action: 'dismiss' })).statusCode).toBe(409);
    } finally {
      await t.close();
    }
  }, 120_000);

  it('two moderators resolving two open reports of one post at once: one succeeds, the other hears 409, and the author is suspended once', async () => {
    const t = await buildTestApp(database);
    try {
      const { app } = t;
      const reporters = [await buildUser(app), await buildUser(app)];
      const moderators = [await buildUser(app, { roles: ['supervisor'] }), await buildUser(app, { roles: ['supervisor'] })];
      // Several rounds: on PostgreSQL the two transactions interleave differently each time (the
      // older status check alone let both through, and both suspended: 20 suspensions in 10 rounds);
      // on SQLite the unit of work runs them one after the other.
      const ROUNDS = 8;
      for (let round = 0; round < ROUNDS; round++) {
        // An author per round: a suspended one could not post the next round's thread.
        const author = await buildUser(app);
        const { post } = await newThread(app, author, `A reported thread, round ${round}`);
        const reports = [
          (await app.kindred.communities.report(reporters[0]!.actor, post.id, { reason: 'spam' })).result.id,
          (await app.kindred.communities.report(reporters[1]!.actor, post.id, { reason: 'harassment' })).result.id,
        ];
        const results = await Promise.all(
          reports.map((id, i) => moderators[i]!.client.post(`/api/moderation/reports/${id}/resolve`, { action: 'suspend', days: 3, note: 'Selling things in a support space.' })),
        );
        const codes = results.map((r) => r.statusCode).sort();
        expect(codes, `round ${round}: ${results.map((r) => r.body).join(' | ')}`).toEqual([200, 409]);
        expect(results.find((r) => r.statusCode === 409)!.body).toContain('This report is already resolved.');
        const suspensions = await app.kindred.database.db.selectFrom('community_suspensions').select('id').where('user_id', '=', author.id).execute();
        expect(suspensions, `round ${round}`).toHaveLength(1);
        const statuses = await app.kindred.database.db.selectFrom('post_reports').select('status').where('post_id', '=', post.id).execute();
        expect(statuses.map((r) => r.status)).toEqual(['resolved', 'resolved']);
      }
    } finally {
      await t.close();
    }
  }, 120_000);
});
