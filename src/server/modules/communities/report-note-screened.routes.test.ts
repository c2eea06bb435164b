import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, type BuiltUser } from '../../../../test/factories.js';
import { CRISIS_TEXT } from '../../../../test/outbox.js';
import type { BusEvent } from '../../platform/bus.js';
import type { KindredApp } from '../../app.js';

// Every text a person writes is screened before it is stored: a community report's note too (the
// writer gets the crisis response in the answer, supervisors an alert through the outbox).

const METHOD = 'I have saved up 40 pills and I am going to take them all tonight.';
const CALM = 'This reads like an advert for a shop, not a story.';

async function spaceId(app: KindredApp, slug: string): Promise<string> {
  return (await app.kindred.database.db.selectFrom('spaces').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

async function newPost(app: KindredApp): Promise<string> {
  const author = await buildUser(app);
  const res = await author.client.post(`/api/spaces/${await spaceId(app, 'anxiety')}/threads`, { kind: 'story', title: 'A small win this week', body: 'I went for a walk every morning and it helped.' });
  if (res.statusCode !== 201) throw new Error(`thread: ${res.statusCode} ${res.body}`);
  return (res.json() as { post: { id: string } }).post.id;
}

function report(u: BuiltUser, postId: string, body: Record<string, unknown>) {
  return u.client.post(`/api/posts/${postId}/reports`, body);
}

describe.each(testDatabases)('a community report’s note is screened on $name', (database) => {
  const t = useTestApp(database);
  const screeningsOf = (id: string) => t.app.kindred.database.db.selectFrom('screenings').select(['id', 'level', 'user_id']).where('object_type', '=', 'community_report_note').where('object_id', '=', id).execute();
  const alertsOf = (userId: string) => t.app.kindred.database.db.selectFrom('safety_alerts').select(['id', 'screening_id']).where('user_id', '=', userId).execute();

  it('a note in crisis: screening stored with the report, an alert raised through the outbox, the crisis response in the answer', async () => {
    const seen: BusEvent[] = [];
    const stop = t.app.kindred.bus.subscribe((e) => void seen.push(e));
    try {
      const reporter = await buildUser(t.app);
      const res = await report(reporter, await newPost(t.app), { reason: 'other', note: CRISIS_TEXT });
      expect(res.statusCode, res.body).toBe(201);
      const { id, notice } = res.json() as { id: string; notice: { level: number; showCrisisResponse: boolean; held: boolean } | null };
      expect(notice).toMatchObject({ showCrisisResponse: true, held: false });
      expect(notice!.level).toBeGreaterThanOrEqual(3);
      const screenings = await screeningsOf(id);
      expect(screenings).toEqual([expect.objectContaining({ user_id: reporter.id })]);
      expect(screenings[0]!.level).toBeGreaterThanOrEqual(3);
      const alerts = await alertsOf(reporter.id);
      expect(alerts).toEqual([expect.objectContaining({ screening_id: screenings[0]!.id })]);
      await t.app.kindred.dispatcher.idle();
      expect(seen.filter((e) => e.type === 'safety.alert_raised' && (e.data as { alertId: string }).alertId === alerts[0]!.id)).toHaveLength(1);
      // The report itself is stored as before.
      expect(await t.app.kindred.database.db.selectFrom('post_reports').select('note').where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ note: CRISIS_TEXT });
    } finally {
      stop();
    }
  });

  it('a calm note is screened and alerts no one; a report without a note answers a null notice and records nothing', async () => {
    const reporter = await buildUser(t.app);
    const post = await newPost(t.app);
    const calm = await report(reporter, post, { reason: 'spam', note: CALM });
    expect(calm.statusCode, calm.body).toBe(201);
    expect(calm.json().notice).toMatchObject({ level: 0, showCrisisResponse: false, held: false });
    expect(await screeningsOf(calm.json().id)).toEqual([expect.objectContaining({ level: 0, user_id: reporter.id })]);

    const bare = await report(await buildUser(t.app), post, { reason: 'spam' });
    expect(bare.statusCode, bare.body).toBe(201);
    expect(bare.json()).toEqual({ id: expect.any(String), notice: null });
    expect(await screeningsOf(bare.json().id)).toEqual([]);
    await t.app.kindred.dispatcher.idle();
    expect(await alertsOf(reporter.id)).toEqual([]);
  });

  it('a note naming a method is held for review (the report is kept); a retry answers the same notice once; removing it drops the words', async () => {
    const reporter = await buildUser(t.app);
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const post = await newPost(t.app);
    const clientId = randomUUID();
    const first = await report(reporter, post, { reason: 'other', note: METHOD, clientId });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().notice).toMatchObject({ held: true, showCrisisResponse: true });
    const id = first.json().id as string;

    const again = await report(reporter, post, { reason: 'other', note: METHOD, clientId });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await screeningsOf(id)).toHaveLength(1);
    expect(await t.app.kindred.database.db.selectFrom('post_reports').select('id').where('reporter_id', '=', reporter.id).execute()).toHaveLength(1);

    const item = (await supervisor.client.get('/api/safety/held')).json().items.find((h: { objectId: string }) => h.objectId === id);
    expect(item).toMatchObject({ objectType: 'community_report_note' });
    const decided = await supervisor.client.post(`/api/safety/held/${item.id}/decision`, { action: 'remove' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(await t.app.kindred.database.db.selectFrom('post_reports').select(['note', 'status']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ note: null, status: 'open' });
  });
});
