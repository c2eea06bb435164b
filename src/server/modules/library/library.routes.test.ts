import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { testDatabases } from '../../../../test/databases.js';
import { buildUser } from '../../../../test/factories.js';
import { queuedBehindRowLock } from '../../../../test/row-lock.js';

const DISTRESS = 'I feel hopeless and worthless and like such a burden';
const METHOD = 'I have saved up 40 pills and I am going to take them all tonight.';

async function ok<T = Record<string, unknown>>(res: { statusCode: number; body: string; json(): unknown }, status = 200): Promise<T> {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}

type Strategy = { id: string; title: string; state: string; helpedCount: number; helpedByMe: boolean; author: { handle: string } | null; byTeam: boolean; reviewed: boolean };

const strategy = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  steps: ['Sit down somewhere quiet.', 'Name three colours you can see.'],
  whenItHelps: 'When the evening feels long and restless.',
  conditions: ['anxiety'],
  situations: ['lonely_evening'],
  ...extra,
});

describe.each(testDatabases)('library on $name', (database) => {
  const t = useTestApp(database);

  it('lists the seeded strategies by the Kindred team, and a new one from a member', async () => {
    const member = await buildUser(t.app);
    const page = await ok<{ strategies: Strategy[] }>(await member.client.get('/api/library/strategies?limit=50'));
    const seeded = page.strategies.filter((s) => s.byTeam);
    expect(seeded.length).toBeGreaterThanOrEqual(12);
    expect(seeded.every((s) => s.author?.handle === 'Kindred team' && s.reviewed)).toBe(true);
    expect(seeded.map((s) => s.title)).toEqual(expect.arrayContaining(['Box breathing', 'Urge surfing', 'Worry time']));

    const made = await ok<{ strategy: Strategy; safety: { level: number } }>(await member.client.post('/api/library/strategies', strategy('Counting colours on the tram')), 201);
    expect(made.strategy).toMatchObject({ state: 'visible', helpedCount: 0, byTeam: false, author: { handle: member.handle } });
    const bad = await member.client.post('/api/library/strategies', { title: 'x', steps: [], whenItHelps: '', conditions: ['not_a_tag'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toEqual(expect.any(String));
  });

  it('counts "This helped me" once per member, even with 20 concurrent clicks', async () => {
    const author = await buildUser(t.app);
    const clicker = await buildUser(t.app);
    const { strategy: s } = await ok<{ strategy: Strategy }>(await author.client.post('/api/library/strategies', strategy('Cold water on the wrists')), 201);
    const results = await Promise.all(Array.from({ length: 20 }, () => clicker.client.post(`/api/library/strategies/${s.id}/helped`)));
    expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    const after = await ok<Strategy>(await clicker.client.get(`/api/library/strategies/${s.id}`));
    expect(after).toMatchObject({ helpedCount: 1, helpedByMe: true });
    const marks = await t.app.kindred.database.db.selectFrom('coping_strategy_helped').select('user_id').where('strategy_id', '=', s.id).execute();
    expect(marks).toEqual([{ user_id: clicker.id }]);
    // Another member adds one; unmarking (twice) takes exactly one off.
    const other = await buildUser(t.app);
    expect((await ok<{ helpedCount: number }>(await other.client.post(`/api/library/strategies/${s.id}/helped`))).helpedCount).toBe(2);
    await Promise.all([clicker.client.delete(`/api/library/strategies/${s.id}/helped`), clicker.client.delete(`/api/library/strategies/${s.id}/helped`)]);
    expect((await ok<Strategy>(await author.client.get(`/api/library/strategies/${s.id}`))).helpedCount).toBe(1);
  });

  it('sorts by helped count then recency with keyset pages, filters by tag and searches with the full-text index', async () => {
    const member = await buildUser(t.app);
    const a = (await ok<{ strategy: Strategy }>(await member.client.post('/api/library/strategies', strategy('Quokka walk around the block', { situations: ['before_an_exam'] })), 201)).strategy;
    const b = (await ok<{ strategy: Strategy }>(await member.client.post('/api/library/strategies', strategy('Quokka playlist for the bus')), 201)).strategy;
    const fans = await Promise.all([buildUser(t.app), buildUser(t.app), buildUser(t.app)]);
    for (const f of fans) await ok(await f.client.post(`/api/library/strategies/${a.id}/helped`));
    const found = await ok<{ strategies: Strategy[] }>(await member.client.get('/api/library/strategies?q=quokka'));
    expect(found.strategies.map((s) => s.id)).toEqual([a.id, b.id]);
    expect((await ok<{ strategies: Strategy[] }>(await member.client.get('/api/library/strategies?q=quokka%20playlist'))).strategies.map((s) => s.id)).toEqual([b.id]);
    expect((await ok<{ strategies: Strategy[] }>(await member.client.get('/api/library/strategies?q=quokka&situation=before_an_exam'))).strategies.map((s) => s.id)).toEqual([a.id]);
    // Query syntax is not passed to the engine.
    expect((await member.client.get('/api/library/strategies?q=%22quokka%20OR%20*')).statusCode).toBe(200);

    // Walking every page in twos gives the whole list once, in order: helped desc, then newest first.
    const all: Strategy[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/library/strategies?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: { strategies: Strategy[]; nextCursor: string | null } = await ok(await member.client.get(url));
      all.push(...page.strategies);
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
    const sorted = [...all].sort((x, y) => y.helpedCount - x.helpedCount || (x.id < y.id ? 1 : -1));
    expect(all.map((s) => s.id)).toEqual(sorted.map((s) => s.id));
    expect(all[0]!.id).toBe(a.id);
    expect((await member.client.get('/api/library/strategies?cursor=not-a-cursor')).statusCode).toBe(400);
  });

  it('holds a strategy that screens at level 2 or carries method details until a supervisor releases it', async () => {
    const author = await buildUser(t.app);
    const reader = await buildUser(t.app);
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const distress = await ok<{ strategy: Strategy; safety: { held: boolean; level: number; resources: unknown[] } }>(
      await author.client.post('/api/library/strategies', strategy('Zebra evenings', { whenItHelps: DISTRESS })),
      201,
    );
    expect(distress.strategy.state).toBe('pending');
    expect(distress.safety).toMatchObject({ held: true, level: 2 });
    expect(distress.safety.resources.length).toBeGreaterThan(0);
    const method = await ok<{ strategy: Strategy }>(await author.client.post('/api/library/strategies', strategy('Zebra nights', { steps: [METHOD] })), 201);
    expect(method.strategy.state).toBe('pending');
    for (const id of [distress.strategy.id, method.strategy.id]) {
      expect((await reader.client.get(`/api/library/strategies/${id}`)).statusCode).toBe(404);
      expect((await reader.client.post(`/api/library/strategies/${id}/helped`)).statusCode).toBe(404);
      expect((await author.client.get(`/api/library/strategies/${id}`)).statusCode).toBe(200);
    }
    expect(JSON.stringify((await reader.client.get('/api/library/strategies?q=zebra')).json())).not.toMatch(/zebra/i);
    const held = await ok<{ items: { id: string; objectId: string; reason: string; text: string }[] }>(await supervisor.client.get('/api/safety/held'));
    const item = held.items.find((i) => i.objectId === distress.strategy.id)!;
    expect(item).toMatchObject({ reason: 'library_review' });
    expect(item.text).toContain('hopeless');
    expect(held.items.find((i) => i.objectId === method.strategy.id)?.reason).toBe('method_detail');
    await ok(await supervisor.client.post(`/api/safety/held/${item.id}/decision`, { action: 'release' }));
    const released = await ok<Strategy>(await reader.client.get(`/api/library/strategies/${distress.strategy.id}`));
    expect(released).toMatchObject({ state: 'visible', reviewed: true });
  });

  it.runIf(database.name === 'postgres')('PostgreSQL: a release queued behind its author deleting a held strategy is refused (409): the delete withdrew the item, nothing comes back', async () => {
    const author = await buildUser(t.app);
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const s = await ok<{ strategy: Strategy }>(await author.client.post('/api/library/strategies', strategy('Quiet harbour', { whenItHelps: DISTRESS })), 201);
    const held = await ok<{ items: { id: string; objectId: string }[] }>(await supervisor.client.get('/api/safety/held?limit=200'));
    const item = held.items.find((i) => i.objectId === s.strategy.id)!;
    // The decision takes the strategy's row before its item's, as the delete does: it waits, then meets the withdrawal.
    const [del, release] = await queuedBehindRowLock(
      t.app.kindred.database.db,
      'coping_strategies',
      s.strategy.id,
      () => author.client.delete(`/api/library/strategies/${s.strategy.id}`),
      () => supervisor.client.post(`/api/safety/held/${item.id}/decision`, { action: 'release' }),
    );
    await ok(del);
    expect(release.statusCode).toBe(409);
    expect(await t.app.kindred.database.db.selectFrom('held_content').select('status').where('id', '=', item.id).executeTakeFirstOrThrow()).toEqual({ status: 'withdrawn' });
    expect((await author.client.get(`/api/library/strategies/${s.strategy.id}`)).statusCode).toBe(404);
  });

  it('refuses a new strategy from a suspended member with 403 and the end date, and takes it again once the suspension ends', async () => {
    const author = await buildUser(t.app);
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const before = (await ok<{ strategies: Strategy[] }>(await author.client.get('/api/library/strategies/mine'))).strategies.length;
    const sus = await ok<{ until: string }>(await supervisor.client.post(`/api/moderation/users/${author.id}/suspend`, { days: 2, reason: 'Adverts in the library.' }));
    const blocked = await author.client.post('/api/library/strategies', strategy('Visit my shop for calm'));
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error).toMatchObject({ code: 'suspended', until: sus.until });
    // Nothing was stored: no strategy, no screening of the refused text.
    expect((await ok<{ strategies: Strategy[] }>(await author.client.get('/api/library/strategies/mine'))).strategies).toHaveLength(before);
    const screened = await t.app.kindred.database.db.selectFrom('screenings').select('id').where('user_id', '=', author.id).where('object_type', '=', 'coping_strategy').execute();
    expect(screened).toEqual([]);
    t.clock.advance(2 * 86_400_000 + 1000);
    expect((await ok<{ strategy: Strategy }>(await author.client.post('/api/library/strategies', strategy('Walking to the river')), 201)).strategy.state).toBe('visible');
  });

  it('lets supervisors (not members) list unreviewed strategies and mark them reviewed', async () => {
    const author = await buildUser(t.app);
    const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
    const s = (await ok<{ strategy: Strategy }>(await author.client.post('/api/library/strategies', strategy('Humming a tune')), 201)).strategy;
    expect((await author.client.get('/api/library/strategies/unreviewed')).statusCode).toBe(403);
    expect((await author.client.post(`/api/library/strategies/${s.id}/reviewed`)).statusCode).toBe(403);
    const list = await ok<{ strategies: Strategy[] }>(await supervisor.client.get('/api/library/strategies/unreviewed?limit=200'));
    expect(list.strategies.map((x) => x.id)).toContain(s.id);
    expect(list.strategies.every((x) => !x.byTeam)).toBe(true);
    expect(await ok<Strategy>(await supervisor.client.post(`/api/library/strategies/${s.id}/reviewed`))).toMatchObject({ reviewed: true });
    expect((await ok<{ strategies: Strategy[] }>(await supervisor.client.get('/api/library/strategies/unreviewed?limit=200'))).strategies.map((x) => x.id)).not.toContain(s.id);
    // Removal: another member cannot, a supervisor can.
    const other = await buildUser(t.app);
    expect((await other.client.delete(`/api/library/strategies/${s.id}`)).statusCode).toBe(403);
    await ok(await supervisor.client.delete(`/api/library/strategies/${s.id}`));
    expect((await other.client.get(`/api/library/strategies/${s.id}`)).statusCode).toBe(404);
  });

  describe('resource directory', () => {
    const entry = (name: string, o: { kind: string; region: string; languages: string[]; cost: string }) => ({
      ...o,
      name,
      url: 'https://example.org/help',
      openingHours: 'Mon–Fri 9:00–17:00',
      description: 'A friendly service that listens and helps you find support.',
    });

    it('filters by region, kind, language and cost, returning exactly the matching entries (crisis lines as free hotlines)', async () => {
      const supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      const member = await buildUser(t.app);
      const rows = [
        { name: 'Alder Therapy', kind: 'therapist', region: 'GB', languages: ['en'], cost: 'paid' },
        { name: 'Birch Clinic', kind: 'clinic', region: 'GB', languages: ['en', 'cy'], cost: 'sliding_scale' },
        { name: 'Cedar Peer Group', kind: 'peer_group', region: 'GB', languages: ['en'], cost: 'free' },
        { name: 'Damson Line', kind: 'hotline', region: 'GB', languages: ['en', 'pl'], cost: 'free' },
        { name: 'Elm App', kind: 'app', region: 'US', languages: ['en', 'es'], cost: 'free' },
        { name: 'Fir Reading', kind: 'reading', region: 'US', languages: ['es'], cost: 'paid' },
      ];
      const ids = new Map<string, string>();
      for (const r of rows) ids.set(r.name, (await ok<{ resource: { id: string } }>(await supervisor.client.post('/api/library/resources', entry(r.name, r)), 201)).resource.id);
      const crisisGB = await t.app.kindred.database.db.selectFrom('crisis_lines').select('id').where('region', '=', 'GB').execute();
      expect(crisisGB.length).toBeGreaterThan(0);
      const gbLines = crisisGB.map((c) => `crisis-line-${c.id}`);
      const table: [string, string[], string[]][] = [
        ['region=GB&kind=therapist', ['Alder Therapy'], []],
        ['region=GB&cost=free', ['Cedar Peer Group', 'Damson Line'], gbLines],
        ['region=GB&language=cy', ['Birch Clinic'], []],
        ['language=es', ['Elm App', 'Fir Reading'], []],
        ['language=es&cost=paid', ['Fir Reading'], []],
        ['region=GB&kind=hotline', ['Damson Line'], gbLines],
        ['region=GB&kind=hotline&language=pl', ['Damson Line'], []],
        ['region=US&kind=clinic', [], []],
        ['region=GB&cost=sliding_scale', ['Birch Clinic'], []],
      ];
      for (const [query, names, crisis] of table) {
        const page = await ok<{ resources: { id: string; name: string; source: string; kind: string }[] }>(await member.client.get(`/api/library/resources?${query}&limit=100`));
        const mine = page.resources.filter((r) => r.source === 'directory' && [...ids.values()].includes(r.id));
        expect(mine.map((r) => r.name).sort(), query).toEqual(names);
        expect(page.resources.filter((r) => r.source === 'directory').length, query).toBe(names.length);
        expect(page.resources.filter((r) => r.source === 'crisis_line').map((r) => r.id).sort(), query).toEqual([...crisis].sort());
        expect(page.resources.filter((r) => r.source === 'crisis_line').every((r) => r.kind === 'hotline'), query).toBe(true);
      }
      expect((await member.client.get('/api/library/resources?kind=spaceship')).statusCode).toBe(400);
      expect((await member.client.get('/api/library/resources?region=England')).statusCode).toBe(400);
    });

    it('keeps members’ suggestions pending until a supervisor verifies; flags entries not verified in 12 months', async () => {
      let member = await buildUser(t.app);
      let supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      const suggestion = await ok<{ resource: { id: string; status: string } }>(
        await member.client.post('/api/library/resources', entry('Gorse Walking Group', { kind: 'peer_group', region: 'IE', languages: ['en', 'ga'], cost: 'free' })),
        201,
      );
      expect(suggestion.resource.status).toBe('pending');
      const other = await buildUser(t.app);
      expect((await other.client.get(`/api/library/resources/${suggestion.resource.id}`)).statusCode).toBe(404);
      expect((await other.client.get('/api/library/resources?region=IE&kind=peer_group')).json().resources).toEqual([]);
      for (const [method, url] of [
        ['POST', `/api/library/resources/${suggestion.resource.id}/verify`],
        ['DELETE', `/api/library/resources/${suggestion.resource.id}`],
        ['GET', '/api/library/resources/pending'],
        ['GET', '/api/library/resources/stale'],
      ] as const) {
        expect((await member.client.request(method, url)).statusCode, `${method} ${url}`).toBe(403);
      }
      expect((await member.client.put(`/api/library/resources/${suggestion.resource.id}`, entry('Taken over', { kind: 'app', region: 'IE', languages: ['en'], cost: 'paid' }))).statusCode).toBe(403);
      const pending = await ok<{ resources: { id: string }[] }>(await supervisor.client.get('/api/library/resources/pending'));
      expect(pending.resources.map((r) => r.id)).toContain(suggestion.resource.id);
      const verified = await ok<{ status: string; verifiedAt: string }>(await supervisor.client.post(`/api/library/resources/${suggestion.resource.id}/verify`));
      expect(verified).toMatchObject({ status: 'verified', verifiedAt: t.clock.now().toISOString() });
      expect((await other.client.get('/api/library/resources?region=IE&kind=peer_group')).json().resources.map((r: { id: string }) => r.id)).toEqual([suggestion.resource.id]);

      expect((await ok<{ resources: { id: string }[] }>(await supervisor.client.get('/api/library/resources/stale'))).resources.map((r) => r.id)).not.toContain(suggestion.resource.id);
      t.clock.advance(366 * 86_400_000);
      // A year on, sessions have expired: the supervisor signs in again (a fresh account is the same).
      supervisor = await buildUser(t.app, { roles: ['supervisor'] });
      const stale = await ok<{ resources: { id: string; stale: boolean }[] }>(await supervisor.client.get('/api/library/resources/stale?limit=200'));
      expect(stale.resources.find((r) => r.id === suggestion.resource.id)).toMatchObject({ stale: true });
      // Editing is checking it again.
      await ok(await supervisor.client.put(`/api/library/resources/${suggestion.resource.id}`, entry('Gorse Walking Group', { kind: 'peer_group', region: 'IE', languages: ['en'], cost: 'free' })));
      expect((await ok<{ resources: { id: string }[] }>(await supervisor.client.get('/api/library/resources/stale?limit=200'))).resources.map((r) => r.id)).not.toContain(suggestion.resource.id);
      await ok(await supervisor.client.delete(`/api/library/resources/${suggestion.resource.id}`));
      expect((await supervisor.client.get(`/api/library/resources/${suggestion.resource.id}`)).statusCode).toBe(404);

      // A suggestion with method details is refused as written; no contact at all is a 400.
      member = await buildUser(t.app);
      expect((await member.client.post('/api/library/resources', entry('Bad', { kind: 'app', region: 'IE', languages: ['en'], cost: 'free' }))).statusCode).toBe(201);
      const held = await member.client.post('/api/library/resources', { ...entry('Held', { kind: 'app', region: 'IE', languages: ['en'], cost: 'free' }), description: METHOD });
      expect(held.statusCode).toBe(422);
      const { url: _u, ...noContact } = entry('No contact', { kind: 'app', region: 'IE', languages: ['en'], cost: 'free' });
      expect((await member.client.post('/api/library/resources', noContact)).statusCode).toBe(400);
    });
  });

  it('exports and erases a member’s strategies, marks and suggestions', async () => {
    const member = await buildUser(t.app);
    const s = (await ok<{ strategy: Strategy }>(await member.client.post('/api/library/strategies', strategy('Watering the plants')), 201)).strategy;
    const seeded = (await ok<{ strategies: Strategy[] }>(await member.client.get('/api/library/strategies?q=box%20breathing'))).strategies[0]!;
    const before = seeded.helpedCount;
    await ok(await member.client.post(`/api/library/strategies/${seeded.id}/helped`));
    const exported = await ok<{ library: { strategies: { id: string }[]; helpedMarks: { strategyId: string }[] } }>(await member.client.get('/api/me/export'));
    expect(exported.library.strategies.map((x) => x.id)).toEqual([s.id]);
    expect(exported.library.helpedMarks.map((m) => m.strategyId)).toEqual([seeded.id]);
    await ok(await member.client.post('/api/me/erase', { password: member.password, publicPosts: 'anonymize', confirm: 'DELETE' }));
    const reader = await buildUser(t.app);
    expect(await ok<Strategy>(await reader.client.get(`/api/library/strategies/${s.id}`))).toMatchObject({ author: null });
    expect((await ok<Strategy>(await reader.client.get(`/api/library/strategies/${seeded.id}`))).helpedCount).toBe(before);
  });
});
