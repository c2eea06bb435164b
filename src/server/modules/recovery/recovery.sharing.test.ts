import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser, type BuiltUser } from '../../../../test/factories.js';
import { TestSocket } from '../../../../test/realtime.js';
import type { KindredApp } from '../../app.js';

const ACTIVE = 'I want to kill myself.';

async function ok<T = Record<string, unknown>>(res: { statusCode: number; body: string; json(): unknown }, status = 200): Promise<T> {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}

async function circleWith(owner: BuiltUser, others: BuiltUser[], name: string) {
  const circle = await ok<{ id: string }>(await owner.client.post('/api/circles', { name }), 201);
  for (const o of others) {
    const inv = await ok<{ token: string }>(await owner.client.post(`/api/circles/${circle.id}/invitations`, {}), 201);
    await ok(await o.client.post('/api/circle-invitations/accept', { token: inv.token }));
  }
  return circle.id;
}

type CircleCheckins = { checkins: { id: string; mood: number; note: string | null; isMe: boolean; author: { id: string } | null }[] };

async function seenIn(app: KindredApp, viewer: BuiltUser, circleId: string) {
  void app;
  return (await ok<CircleCheckins>(await viewer.client.get(`/api/circles/${circleId}/checkins`))).checkins;
}

describe.each(testDatabases)('sharing a recovery check-in into circles on $name', (database) => {
  const t = useTestApp(database);

  async function twoCircles() {
    const me = await buildUser(t.app);
    const mum = await buildUser(t.app);
    const mate = await buildUser(t.app);
    const family = await circleWith(me, [mum], 'Family');
    const friends = await circleWith(me, [mate], 'Friends');
    return { me, mum, mate, family, friends };
  }

  it('keeps a check-in private unless circles are named, and shows a shared one in that circle only, as a circle check-in', async () => {
    const { me, mum, mate, family, friends } = await twoCircles();
    const kept = await ok<{ sharedWith: string[] }>(await me.client.post('/api/me/checkins', { mood: 2, feelings: ['tired'], note: 'A quiet private evening.' }), 201);
    expect(kept.sharedWith).toEqual([]);
    expect(await seenIn(t.app, mum, family)).toEqual([]);
    expect(await seenIn(t.app, mate, friends)).toEqual([]);
    expect((await ok<{ checkins: unknown[] }>(await me.client.get('/api/me/circle-checkins'))).checkins).toEqual([]);

    await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
    const socket = await TestSocket.open(t.app, mum.client);
    let shared: { checkin: { id: string; feelings: string[] }; sharedWith: string[] };
    try {
      expect(await socket.subscribe(`circle:${family}`)).toMatchObject({ type: 'subscribed' });
      shared = await ok(await me.client.post('/api/me/checkins', { mood: 4, feelings: ['hopeful'], sleepHours: 7.5, note: 'Slept well, saw the sea.', shareToCircles: [family] }), 201);
      await t.app.kindred.dispatcher.idle();
      expect(await socket.next((m) => m.type === 'event' && m.event.type === 'circle.checkin_shared')).toMatchObject({ event: { data: { circleId: family, checkinId: shared.checkin.id } } });
    } finally {
      socket.close();
    }
    expect(shared.sharedWith).toEqual([family]);
    expect(shared.checkin.feelings).toEqual(['hopeful']);
    // Mum sees exactly what a circle check-in shows: mood and note, never feelings or sleep.
    const inFamily = await seenIn(t.app, mum, family);
    expect(inFamily).toEqual([expect.objectContaining({ id: shared.checkin.id, mood: 4, note: 'Slept well, saw the sea.', isMe: false, author: expect.objectContaining({ id: me.id }) })]);
    expect(JSON.stringify(inFamily)).not.toMatch(/hopeful|7\.5|sleep/i);
    expect(await seenIn(t.app, mate, friends)).toEqual([]);
    expect((await mate.client.get(`/api/circles/${family}/checkins`)).statusCode).toBe(404);
    // The private history still has both, with everything.
    expect((await ok<{ checkins: { note: string }[] }>(await me.client.get('/api/me/checkins'))).checkins.map((c) => c.note)).toEqual(['Slept well, saw the sea.', 'A quiet private evening.']);

    // Sealed in the circle table as there: no plaintext anywhere.
    const db = t.app.kindred.database.db;
    const dump = JSON.stringify([await db.selectFrom('circle_checkins').selectAll().execute(), await db.selectFrom('mood_checkins').selectAll().execute(), await db.selectFrom('outbox').selectAll().execute()]);
    expect(dump).not.toMatch(/the sea|quiet private|hopeful/);

    // Deleting the recovery check-in takes it out of every circle.
    await ok(await me.client.delete(`/api/me/checkins/${shared.checkin.id}`));
    expect(await seenIn(t.app, mum, family)).toEqual([]);
    expect((await ok<{ checkins: unknown[] }>(await me.client.get('/api/me/circle-checkins'))).checkins).toEqual([]);
  });

  it('refuses a circle I am not in exactly like one that does not exist, and writes nothing', async () => {
    const { me, mate, family } = await twoCircles();
    const mine = await circleWith(mate, [], 'Just mine');
    const notIn = await me.client.post('/api/me/checkins', { mood: 3, note: 'Should not land anywhere.', shareToCircles: [family, mine] });
    const missing = await me.client.post('/api/me/checkins', { mood: 3, note: 'Should not land anywhere.', shareToCircles: ['0190f0e0-0000-7000-8000-000000000000'] });
    expect(notIn.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(notIn.json().error.message).toBe(missing.json().error.message);
    expect((await ok<{ checkins: unknown[] }>(await me.client.get('/api/me/checkins'))).checkins).toEqual([]);
    expect(await seenIn(t.app, me, family)).toEqual([]);
    expect(await seenIn(t.app, mate, mine)).toEqual([]);
    const bad = await me.client.post('/api/me/checkins', { mood: 3, shareToCircles: ['family'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('each circle must be a valid id');
  });

  it('screens shared words on the circle path: one alert (on the circle check-in, so the escalation path reads it), crisis resources for the writer', async () => {
    const { me, mum, family } = await twoCircles();
    const res = await ok<{ safety: { level: number; held: boolean } | null; sharedWith: string[] }>(await me.client.post('/api/me/checkins', { mood: 1, note: ACTIVE, shareToCircles: [family] }), 201);
    expect(res.safety?.level).toBeGreaterThanOrEqual(3);
    const alerts = await t.app.kindred.database.db.selectFrom('safety_alerts').innerJoin('screenings', 'screenings.id', 'safety_alerts.screening_id').select('screenings.object_type').execute();
    expect(alerts.map((a) => a.object_type)).toEqual(['circle_checkin']);
    // Same rule as a circle check-in: a cry for help is not hidden from the circle (only method details are held).
    expect(res.safety?.held).toBe(false);
    const [seen] = await seenIn(t.app, mum, family);
    expect(seen).toMatchObject({ mood: 1, note: ACTIVE });
    // Its writer keeps every word in the private history.
    expect((await ok<{ checkins: { note: string }[] }>(await me.client.get('/api/me/checkins'))).checkins[0]?.note).toBe(ACTIVE);
  });
});
