import { CompiledQuery, sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KindredApp } from '../../src/server/app.js';
import type { ExecutedQuery } from '../../src/server/platform/db.js';
import type { Database } from '../../src/server/platform/schema.js';
import { notificationsRepository } from '../../src/server/modules/notifications/notifications.repository.js';
import { buildTestApp } from '../app.js';
import { testDatabases } from '../databases.js';
import { buildUser, type BuiltUser } from '../factories.js';

/**
 * The hot paths' statements are read off the real app while it serves them (the `onQuery` hook),
 * then each is EXPLAINed on the same database. A table that grows with use must be reached through
 * an index: on PostgreSQL with sequential scans priced out (`enable_seqscan = off`, so the planner
 * picks any usable index even on the small test tables and a Seq Scan means there is none), on
 * SQLite by `EXPLAIN QUERY PLAN` showing no full `SCAN` of such a table.
 */

/** Tables that grow with the number of people and what they write. Small config tables may be scanned. */
const LARGE_TABLES = new Set([
  'users', 'sessions', 'user_roles', 'threads', 'posts', 'post_edits', 'reactions', 'thread_follows', 'notifications', 'outbox',
  'screenings', 'held_content', 'support_requests', 'support_request_offers', 'mentorships', 'mentorship_messages', 'mood_checkins',
  'journal_entries', 'audit_log', 'group_messages', 'circle_messages', 'post_reports', 'safety_alerts',
]);

const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '00:00', end: '24:00' }));

interface Scan {
  table: string;
  sql: string;
}

/** Every node of a statement's PostgreSQL plan, with sequential scans priced out (see above). */
async function postgresPlanNodes(db: Kysely<Database>, q: { sql: string; parameters: readonly unknown[] }): Promise<Record<string, unknown>[]> {
  return db.transaction().execute(async (trx) => {
    await trx.executeQuery(CompiledQuery.raw('SET LOCAL enable_seqscan = off'));
    const res = await trx.executeQuery<{ 'QUERY PLAN': unknown }>(CompiledQuery.raw(`EXPLAIN (FORMAT JSON) ${q.sql}`, [...q.parameters]));
    const nodes: Record<string, unknown>[] = [];
    const walk = (node: Record<string, unknown>) => {
      nodes.push(node);
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    walk((res.rows[0]!['QUERY PLAN'] as { Plan: Record<string, unknown> }[])[0]!.Plan);
    return nodes;
  });
}

async function explainPostgres(db: Kysely<Database>, q: ExecutedQuery): Promise<Scan[]> {
  return (await postgresPlanNodes(db, q)).filter((n) => n['Node Type'] === 'Seq Scan').map((n) => ({ table: String(n['Relation Name']), sql: q.sql }));
}

async function explainSqlite(db: Kysely<Database>, q: ExecutedQuery): Promise<Scan[]> {
  const res = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${q.sql}`, [...q.parameters]));
  const scans: Scan[] = [];
  for (const { detail } of res.rows) {
    // "SCAN posts" or "SCAN p" (an alias) is a full scan, and so is "SCAN p USING [COVERING] INDEX …"
    // (every entry of the index, as `INDEXED BY` can force) or "… USING INTEGER PRIMARY KEY" unless
    // it carries a key constraint ("(…=?)", "(…<?)"). "SEARCH …" is a lookup or a range. An ordered
    // read of a table's head, unfiltered, `order by <key> limit ?` (the outbox's poll), stops after
    // LIMIT entries: that one shape may walk an index from its start.
    const m = /^SCAN (\w+)(?: USING ((?:COVERING )?INDEX \w+|INTEGER PRIMARY KEY))?( \(.*\))?$/.exec(detail.trim());
    if (!m || /[=<>]/.test(m[3] ?? '')) continue;
    if (m[2] && /^select [^;]* from "\w+" order by "\w+"(?: asc| desc)? limit \?$/i.test(q.sql.trim())) continue;
    // The outbox poll since ADR 024 also passes over failed rows waiting out their backoff: it walks
    // the partial index of live rows (set-aside ones are not in it) and stops after LIMIT entries
    // plus the few backing off (`kindred_outbox_failing_events`).
    if (m[2] === 'INDEX outbox_live' && /^select [^;]* from "outbox" where "dead_at" is null and \("retry_at" is null or "retry_at" <= \?\) order by "id" limit \?$/i.test(q.sql.trim())) continue;
    scans.push({ table: aliasTarget(q.sql, m[1]!), sql: q.sql });
  }
  return scans;
}

/**
 * The table an alias in a FROM or JOIN clause stands for: `"posts" as "p"` (Kysely) or `posts p`
 * (raw SQL, as search writes it) → posts.
 */
function aliasTarget(sqlText: string, name: string): string {
  const m = new RegExp(`"(\\w+)"\\s+as\\s+"${name}"`, 'i').exec(sqlText) ?? new RegExp(`\\b(?:from|join)\\s+"?(\\w+)"?\\s+(?:as\\s+)?"?${name}"?(?=\\s|$)`, 'i').exec(sqlText);
  return m ? m[1]! : name;
}

describe.each(testDatabases)('hot-path query plans on $name', (database) => {
  const captured: ExecutedQuery[] = [];
  let capturing = false;
  let app: KindredApp;
  let close: () => Promise<void>;
  let member: BuiltUser;
  let threadId: string;
  let spaceId: string;
  let mentorshipId: string;
  let supporter: BuiltUser;
  let supervisor: BuiltUser;

  beforeAll(async () => {
    const built = await buildTestApp(database, { onQuery: (q) => capturing && captured.push(q) });
    app = built.app;
    close = built.close;
    member = await buildUser(app);
    const writer = await buildUser(app);
    spaceId = (await member.client.get('/api/spaces')).json().spaces[0].id as string;
    const thread = await writer.client.post(`/api/spaces/${spaceId}/threads`, { kind: 'question', title: 'Sleeping before exams', body: 'How do you get to sleep the night before an exam?' });
    threadId = thread.json().thread.id;
    for (let i = 0; i < 5; i += 1) await member.client.post(`/api/threads/${threadId}/posts`, { body: `A warm cup of something and a short walk helped me, night ${i}.` });

    supporter = await buildUser(app, { roles: ['peer_supporter'] });
    await supporter.client.put('/api/mentoring/supporter-profile', {
      experienceTags: ['anxiety'], languages: ['en'], timeZone: 'Europe/London', availability: ALL_WEEK, capacity: 3,
    });
    const asked = await member.client.post('/api/mentoring/requests', { topic: 'I would like someone to talk to about exam worry.' });
    const accepted = await supporter.client.post(`/api/mentoring/offers/${asked.json().request.id}/accept`);
    if (accepted.statusCode !== 200) throw new Error(`accept: ${accepted.statusCode} ${accepted.body}`);
    mentorshipId = accepted.json().id;
    supervisor = await buildUser(app, { roles: ['supervisor'] });
  });
  afterAll(async () => close?.());

  /** Runs the hot paths with the capture on and returns the distinct statements they ran. */
  async function hotPathStatements(): Promise<ExecutedQuery[]> {
    captured.length = 0;
    // Resolved sessions are cached for a few seconds (ADR 015): start from none, so the session
    // lookup a request makes after the cache forgot it is among the statements checked.
    app.kindred.accounts.sessions.clear();
    capturing = true;
    const expectOk = (res: { statusCode: number; body: string }, label: string) => {
      if (res.statusCode >= 300) throw new Error(`${label}: ${res.statusCode} ${res.body}`);
    };
    const c = member.client;
    expectOk(await c.get('/api/spaces'), 'space list');
    expectOk(await c.get('/api/threads?list=latest'), 'latest list');
    expectOk(await c.get('/api/threads?list=top&period=week'), 'top list');
    expectOk(await c.get('/api/threads?list=unanswered'), 'unanswered list');
    expectOk(await c.get(`/api/threads/${threadId}`), 'thread page');
    expectOk(await c.get(`/api/threads/${threadId}/posts`), 'thread posts');
    expectOk(await c.get('/api/search?q=walk'), 'search');
    // Narrowed searches walk the same indexes with other filters (ADR 022), and a title hit.
    expectOk(await c.get(`/api/search?q=walk&space=${spaceId}&kind=question`), 'search in a space and kind');
    expectOk(await c.get('/api/search?q=sleeping%20exams&kind=question'), 'search, title hit');
    expectOk(await c.get(`/api/users/${supporter.id}`), 'profile');
    expectOk(await c.post(`/api/threads/${threadId}/posts`, { body: 'Writing a list of what I know calmed me down.' }), 'reply');
    expectOk(await c.get('/api/notifications'), 'notifications');
    expectOk(await c.get('/api/me/reports'), 'my reports');
    expectOk(await c.post(`/api/mentoring/mentorships/${mentorshipId}/messages`, { body: 'Thank you for listening today.', clientId: crypto.randomUUID() }), 'message');
    expectOk(await supporter.client.get(`/api/mentoring/mentorships/${mentorshipId}/messages`), 'message history');
    expectOk(await c.post('/api/me/checkins', { mood: 3 }), 'check-in');
    expectOk(await c.get('/api/me/checkins'), 'check-in list');
    // The signed-in home is read on every visit and every notice (ADR 045), and the alert queue
    // by every supervisor's board each minute: each role's counts, and the open alerts.
    for (const u of [member, supporter, supervisor]) expectOk(await u.client.get('/api/me/today'), 'home');
    expectOk(await supervisor.client.get('/api/safety/alerts?status=open&limit=200'), 'open alerts');
    capturing = false;
    const seen = new Map<string, ExecutedQuery>();
    for (const q of captured) if (/^\s*(select|update|delete|with)\b/i.test(q.sql) && !seen.has(q.sql)) seen.set(q.sql, q);
    return [...seen.values()];
  }

  it('reaches every large table through an index on the hot paths', async () => {
    const statements = await hotPathStatements();
    // The capture must have seen the paths it claims to check (it would otherwise pass on nothing).
    expect(statements.length).toBeGreaterThan(20);
    for (const table of ['posts', 'threads', 'notifications', 'sessions', 'mentorship_messages', 'post_reports', 'safety_alerts']) {
      expect(statements.some((q) => q.sql.includes(`"${table}"`)), `a hot path reads ${table}`).toBe(true);
    }
    const db = app.kindred.database.db;
    const scans: Scan[] = [];
    for (const q of statements) scans.push(...(database.name === 'postgres' ? await explainPostgres(db, q) : await explainSqlite(db, q)));
    const onLarge = scans.filter((s) => LARGE_TABLES.has(s.table));
    expect(onLarge.map((s) => `${s.table}: ${s.sql.slice(0, 300)}`)).toEqual([]);
    // A search narrowed to a space and a kind has the filter inside the full-text match (ADR 025),
    // as the one word of the pair (ADR 029): the index intersects it with the words, nothing
    // filters a whole walk afterwards.
    const scopeWords = [`x${spaceId.replace(/-/g, '')}question0`];
    const narrowed = statements.filter((q) => q.parameters.some((p) => typeof p === 'string' && scopeWords.every((w) => p.includes(w))) || (
      database.name === 'postgres' && q.sql.includes(`to_tsquery('simple'`) && scopeWords.every((w) => q.parameters.includes(w))));
    if (database.name === 'sqlite') {
      // Both tiers' walks and their marks: one FTS5 MATCH each, the scope a column filter in it.
      const matches = narrowed.map((q) => q.parameters.find((p) => typeof p === 'string' && p.includes('search_scope')) as string);
      expect(matches.filter((m) => m === `search_title : ("walk") AND search_scope : ("${scopeWords[0]}")`).length).toBeGreaterThan(0);
      expect(matches.filter((m) => m === `{search_title body_text} : ("walk") AND search_scope : ("${scopeWords[0]}")`).length).toBeGreaterThan(0);
      const walks = narrowed.filter((n) => /from "?posts(_title)?_fts"?( "?f"? left join .*)? where "?posts(_title)?_fts"? match/s.test(n.sql));
      expect(walks.length).toBeGreaterThanOrEqual(2);
      // The post tier's walk picks in its statement (ADR 063): there, FTS5 gives the rows newest
      // first to the outer loop, with no sorter, so search_pick sees them in order and none past the LIMIT.
      expect(walks.filter((q) => q.sql.includes('search_pick(')).length).toBeGreaterThan(0);
      for (const q of walks) {
        const plan = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${q.sql}`, [...q.parameters]));
        expect(plan.rows.map((r) => r.detail).some((d) => /^SCAN (posts(_title)?_fts|f) VIRTUAL TABLE INDEX \d+:M/.test(d)), q.sql).toBe(true);
        if (q.sql.includes('search_pick(')) expect(plan.rows.map((r) => r.detail).filter((d) => /TEMP B-TREE|CO-ROUTINE|MATERIALIZE/.test(d)), q.sql).toEqual([]);
      }
    } else {
      // The GIN index of search_vector (which holds the scope words, migrations 0024 and 0028) answers the
      // words and the scope in one condition. On this file's few posts the planner rather reads
      // every visible post from a btree; so, in a transaction that is rolled back, 3,000 more posts
      // that do not say the word and fresh statistics (ANALYZE is transactional): then, as at
      // scale (100k replies: ADR 025), the match is the narrow condition and its index is read.
      // One statement (ADR 032, amended): a search narrowed to one space skips the walk's batches.
      expect(narrowed.filter((q) => q.sql.includes('search_vector @@')).map((q) => q.sql.includes('ts_headline'))).toEqual([true]);
      const plans = await db.transaction().execute(async (trx) => {
        await trx.executeQuery(CompiledQuery.raw('SET LOCAL enable_seqscan = off'));
        await trx.executeQuery(CompiledQuery.raw(`insert into posts (id, thread_id, space_id, author_id, anonymous, is_opening, body_source, body_html, body_text, search_title, warnings, state, created_at, updated_at)
          select 'filler-' || i, p.thread_id, p.space_id, p.author_id, p.anonymous, 0, '', '', 'An unrelated note, number ' || i, '', p.warnings, p.state, p.created_at, p.updated_at
          from (select * from posts limit 1) p, generate_series(1, 3000) i`));
        // GIN takes new entries into a pending list, which a scan reads whole: merged, as at scale.
        await trx.executeQuery(CompiledQuery.raw(`select gin_clean_pending_list('posts_search_idx'::regclass), gin_clean_pending_list('posts_opening_search_idx'::regclass)`));
        await trx.executeQuery(CompiledQuery.raw('ANALYZE posts, threads'));
        const out: { rows: { 'QUERY PLAN': unknown }[] }[] = [];
        for (const q of narrowed) out.push(await trx.executeQuery<{ 'QUERY PLAN': unknown }>(CompiledQuery.raw(`EXPLAIN (VERBOSE, FORMAT JSON) ${q.sql}`, [...q.parameters])));
        throw Object.assign(new Error('rollback'), { plans: out });
      }).catch((e: { plans?: { rows: { 'QUERY PLAN': unknown }[] }[] }) => {
        if (!e.plans) throw e;
        return e.plans;
      });
      for (const res of plans) {
        const nodes: Record<string, unknown>[] = [];
        const walk = (node: Record<string, unknown>) => {
          nodes.push(node);
          for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
        };
        walk((res.rows[0]!['QUERY PLAN'] as { Plan: Record<string, unknown> }[])[0]!.Plan);
        // The GIN index of every post, or of opening posts (migration 0030: the title tier's).
        const conds = nodes.filter((n) => n['Index Name'] === 'posts_search_idx' || n['Index Name'] === 'posts_opening_search_idx').map((n) => String(n['Index Cond']));
        expect(conds.some((c) => c.includes('search_vector @@') && scopeWords.every((w) => c.includes(w))), JSON.stringify(nodes.map((n) => [n['Node Type'], n['Index Name'], n['Index Cond']]))).toBe(true);
        // It reads every match, so what reads and picks them carries keys and flags only: the texts
        // and headlines are read above the pick, for the page's hits.
        const matching = nodes.filter((n) => ['Filter', 'Index Cond', 'Recheck Cond'].some((k) => String(n[k] ?? '').includes('search_vector @@')) || n['Node Type'] === 'WindowAgg');
        expect(matching.filter((n) => n['Node Type'] === 'WindowAgg')).toHaveLength(1);
        for (const n of matching) expect(((n.Output as string[] | undefined) ?? []).filter((o) => /body_text|search_title|ts_headline/.test(o)), String(n['Node Type'])).toEqual([]);
        expect(nodes.some((n) => (n.Output as string[] | undefined)?.some((o) => o.includes('ts_headline')))).toBe(true);
      }
    }
    if (database.name === 'sqlite') {
      // Search's walks (ADR 022) look each candidate up by its key in the walk index, never read it whole.
      const walks = statements.filter((q) => q.sql.includes('posts_search_walk_idx'));
      expect(walks.length).toBeGreaterThan(0);
      for (const q of walks) {
        const plan = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${q.sql}`, [...q.parameters]));
        // The picking walk (ADR 063) reads a pick's text too: from the table, for the picks only (a deferred seek).
        expect(plan.rows.map((r) => r.detail), q.sql).toContain(q.sql.includes('search_pick(') ? 'SEARCH p USING INDEX posts_search_walk_idx (search_key=?) LEFT-JOIN' : 'SEARCH p USING COVERING INDEX posts_search_walk_idx (search_key=?) LEFT-JOIN');
      }
    }
  });

  // Several words (ADR 051): the walk reads the newest posts by key and tests each, and the texts are
  // read by key, where the planner, underestimating the words' matches together, read them all through GIN.
  it.skipIf(database.name !== 'postgres').each(['walk', 'short%20walk'])('walks the matches of %s newest first and stops at a LIMIT, by keys only; reads the texts of the returned hits only (ADR 032)', async (words) => {
    captured.length = 0;
    capturing = true;
    const res = await member.client.get(`/api/search?q=${words}`);
    capturing = false;
    expect(res.statusCode).toBe(200);
    expect(res.json().hits.length).toBeGreaterThan(0);
    const db = app.kindred.database.db;
    type Node = Record<string, unknown> & { parents: Node[] };
    const plans: { sql: string; nodes: Node[] }[] = [];
    for (const q of captured.filter((c) => c.sql.includes('search_vector') || c.sql.includes('ts_headline'))) {
      const plan = await db.executeQuery<{ 'QUERY PLAN': unknown }>(CompiledQuery.raw(`EXPLAIN (VERBOSE, FORMAT JSON) ${q.sql}`, [...q.parameters]));
      const nodes: Node[] = [];
      const walk = (node: Record<string, unknown>, parents: Node[]) => {
        const n = Object.assign(node, { parents });
        nodes.push(n);
        for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child, [n, ...parents]);
      };
      walk((plan.rows[0]!['QUERY PLAN'] as { Plan: Record<string, unknown> }[])[0]!.Plan, []);
      plans.push({ sql: q.sql, nodes });
    }
    // The walks' nodes that test the words read each match: they, and whatever picks among them,
    // carry no text. (The texts' statement tests them again, on its hits only: below.)
    const testing = (p: { nodes: Node[] }) => p.nodes.filter((n) => ['Filter', 'Index Cond', 'Recheck Cond'].some((k) => String(n[k] ?? '').includes('search_vector @@')));
    const walks = plans.filter((p) => !p.sql.includes('ts_headline'));
    const matching = walks.flatMap(testing);
    expect(matching.length).toBeGreaterThanOrEqual(2);
    for (const n of matching) {
      for (const m of [n, ...n.parents]) expect(((m.Output as string[] | undefined) ?? []).filter((o) => /body_text|search_title|ts_headline/.test(o)), String(m['Node Type'])).toEqual([]);
    }
    // Stops early: the matches are cut by a LIMIT, newest first, before anything groups them by
    // thread (the statement before this walk picked each thread's post from every match). The
    // walk's last step alone (`where g.visible`), when the batches leave the page short, reads the rest.
    for (const n of walks.filter((p) => !p.sql.includes('where g.visible')).flatMap(testing)) {
      const cut = n.parents.find((m) => ['Limit', 'WindowAgg', 'Aggregate'].includes(String(m['Node Type'])));
      expect(cut?.['Node Type'], JSON.stringify(n.parents.map((m) => m['Node Type']))).toBe('Limit');
    }
    // Several words: the first batch walks the newest posts by key, in the title tier's statement.
    if (words.includes('%20')) {
      expect(walks[0]!.sql).toContain('with titled as materialized');
      expect(walks[0]!.nodes.some((n) => n['Index Name'] === 'posts_pkey' && n['Scan Direction'] === 'Backward' && n.parents.some((m) => m['Node Type'] === 'Limit')), JSON.stringify(walks[0]!.nodes.map((n) => [n['Node Type'], n['Index Name']]))).toBe(true);
    }
    // The headlines are computed where the texts are read: for the hits, by their key.
    const headlines = plans.filter((p) => p.sql.includes('ts_headline'));
    expect(headlines).toHaveLength(1);
    expect(headlines[0]!.nodes.some((n) => (n.Output as string[] | undefined)?.some((o) => o.includes('ts_headline')))).toBe(true);
    expect(headlines[0]!.nodes.some((n) => n['Index Name'] === 'posts_pkey')).toBe(true);
    // It checks the match again on the hits it reads (a post edited since the walk is left out).
    expect(headlines[0]!.nodes.some((n) => String(n.Filter ?? '').includes('search_vector @@'))).toBe(true);
  });

  // Migration 0040: the supervisors' held queue is read in its own order (longest waiting first) from
  // `held_content_queue_idx`, so a page stops after its limit instead of sorting every waiting item.
  it('reads the held queue in its order from its index, with no sort (migration 0040)', async () => {
    captured.length = 0;
    capturing = true;
    const res = await supervisor.client.get('/api/safety/held?limit=50');
    capturing = false;
    expect(res.statusCode).toBe(200);
    const list = captured.filter((q) => /from "held_content"/.test(q.sql) && /order by "held_content"\."created_at"/.test(q.sql));
    expect(list).toHaveLength(1);
    const db = app.kindred.database.db;
    if (database.name === 'postgres') {
      const nodes = await postgresPlanNodes(db, list[0]!);
      const shape = JSON.stringify(nodes.map((n) => [n['Node Type'], n['Index Name']]));
      expect(nodes.some((n) => n['Index Name'] === 'held_content_queue_idx'), shape).toBe(true);
      expect(nodes.filter((n) => /Sort/.test(String(n['Node Type']))), shape).toEqual([]);
    } else {
      const plan = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${list[0]!.sql}`, [...list[0]!.parameters]));
      const details = plan.rows.map((r) => r.detail);
      expect(details.some((d) => /^SEARCH held_content USING INDEX held_content_queue_idx \(status=\?\)/.test(d)), details.join(' | ')).toBe(true);
      expect(details.filter((d) => d.includes('TEMP B-TREE')), details.join(' | ')).toEqual([]);
    }
  });

  // Migration 0043: a batch of recipients' unread counts with the newest unread notice of each
  // (`count(*), max(id)`, sent with every live notification) is read from the index alone; with the
  // id missing from the index every unread notice was looked up in the table for `max(id)`.
  it('counts unread notices and finds the newest from the index alone (migration 0043)', async () => {
    const db = app.kindred.database.db;
    const q = db
      .selectFrom('notifications')
      .select(['user_id', sql<number>`count(*)`.as('n'), sql<string>`max(id)`.as('newest')])
      .where('user_id', 'in', [member.id, supporter.id])
      .where('read_at', 'is', null)
      .groupBy('user_id')
      .compile();
    // The statement the repository runs (it is precompiled, so it is read off the hook).
    captured.length = 0;
    capturing = true;
    await notificationsRepository.unreadCounts(db, [member.id, supporter.id]);
    capturing = false;
    expect(captured.map((c) => c.sql.replace(/\s+/g, ' '))).toContain(q.sql.replace(/\s+/g, ' '));
    if (database.name === 'postgres') {
      const nodes = await postgresPlanNodes(db, q);
      const shape = JSON.stringify(nodes.map((n) => [n['Node Type'], n['Index Name']]));
      const reads = nodes.filter((n) => n['Relation Name'] === 'notifications');
      expect(reads.map((n) => [n['Node Type'], n['Index Name']]), shape).toEqual([['Index Only Scan', 'notifications_unread_newest_idx']]);
    } else {
      const plan = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${q.sql}`, [...q.parameters]));
      const details = plan.rows.map((r) => r.detail);
      expect(details.some((d) => /^SEARCH notifications USING COVERING INDEX notifications_unread_newest_idx \(user_id=\? AND read_at=\?\)/.test(d)), details.join(' | ')).toBe(true);
    }
  });

  // Migration 0045: the unanswered list and the home's count of it read partial indexes that hold
  // questions with no reply alone (a reply no longer rewrites an entry of either). Among bench-like
  // threads (5,000 more, most answered or not questions, in a transaction rolled back, with fresh
  // statistics), each still reads its own; on PostgreSQL in a generic plan too, as a prepared
  // statement is planned after a few runs, where `reply_count = $1` could not use them.
  it('reads the unanswered list and count from their partial indexes (migration 0045)', async () => {
    captured.length = 0;
    capturing = true;
    // A page size no earlier request used: the shared list is read, not the cached one.
    expect((await supporter.client.get('/api/threads?list=unanswered&limit=7')).statusCode).toBe(200);
    expect((await supporter.client.get('/api/me/today')).statusCode).toBe(200);
    capturing = false;
    const list = captured.filter((q) => /from "threads"/.test(q.sql) && /order by "threads"\."id" asc/.test(q.sql));
    const count = captured.filter((q) => /union all/.test(q.sql) && /"threads"\."reply_count"/.test(q.sql));
    expect([list.length, count.length]).toEqual([1, 1]);
    const db = app.kindred.database.db;
    const readsOf = (q: ExecutedQuery) =>
      db.transaction().execute(async (trx) => {
        await trx.executeQuery(CompiledQuery.raw(`with recursive n(i) as (select 1 union all select i + 1 from n where i < 5000)
          insert into threads (id, space_id, author_id, anonymous, kind, title, state, warnings, reply_count, score, last_activity_at, created_at, updated_at)
          select 'filler-' || n.i, t.space_id, t.author_id, t.anonymous, case when n.i % 3 = 0 then 'question' else 'story' end, t.title, t.state, t.warnings,
            case when n.i % 30 = 0 then 0 else 1 + n.i % 7 end, 1, t.last_activity_at, t.created_at, t.updated_at
          from n, (select * from threads limit 1) t`));
        await trx.executeQuery(CompiledQuery.raw('ANALYZE threads'));
        let reads: string[];
        if (database.name === 'postgres') {
          await trx.executeQuery(CompiledQuery.raw('SET LOCAL enable_seqscan = off'));
          await trx.executeQuery(CompiledQuery.raw('SET LOCAL plan_cache_mode = force_generic_plan'));
          await trx.executeQuery(CompiledQuery.raw(`PREPARE unanswered_plan AS ${q.sql}`));
          const args = q.parameters.map((p) => (typeof p === 'number' ? String(p) : `'${String(p).replace(/'/g, "''")}'`)).join(', ');
          const res = await trx.executeQuery<{ 'QUERY PLAN': unknown }>(CompiledQuery.raw(`EXPLAIN (FORMAT JSON) EXECUTE unanswered_plan${args ? `(${args})` : ''}`));
          await trx.executeQuery(CompiledQuery.raw('DEALLOCATE unanswered_plan'));
          const nodes: Record<string, unknown>[] = [];
          const walk = (node: Record<string, unknown>) => {
            nodes.push(node);
            for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
          };
          walk((res.rows[0]!['QUERY PLAN'] as { Plan: Record<string, unknown> }[])[0]!.Plan);
          reads = nodes.filter((n) => n['Relation Name'] === 'threads' || String(n['Index Name'] ?? '').startsWith('threads_')).map((n) => `${String(n['Node Type'])} ${String(n['Index Name'] ?? '')}`.trim());
        } else {
          const plan = await trx.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${q.sql}`, [...q.parameters]));
          reads = plan.rows.map((r) => r.detail).filter((d) => /^(SCAN|SEARCH) threads\b/.test(d));
        }
        throw Object.assign(new Error('rollback'), { reads });
      }).catch((e: { reads?: string[] }) => {
        if (!e.reads) throw e;
        return e.reads;
      });
    // The indexes are partial: the migration's predicate is in their definition.
    const definitions = database.name === 'postgres'
      ? (await sql<{ sql: string }>`select indexdef as sql from pg_indexes where schemaname = current_schema() and indexname in ('threads_unanswered_idx', 'threads_unanswered_count_idx')`.execute(db)).rows
      : (await sql<{ sql: string }>`select sql from sqlite_master where name in ('threads_unanswered_idx', 'threads_unanswered_count_idx')`.execute(db)).rows;
    expect(definitions.map((d) => /where[\s(]+kind\)? = 'question'(::text)?\)? and \(?reply_count = 0/i.test(d.sql)), JSON.stringify(definitions)).toEqual([true, true]);
    if (database.name === 'postgres') {
      expect(await readsOf(list[0]!)).toEqual(['Index Scan threads_unanswered_idx']);
      // Both parts of the count (visible, and the reader's own held) through its index: from the
      // index alone at scale (migration 0033); the rows inserted here are not all-visible (no VACUUM
      // in a transaction), so the planner may pick a bitmap scan of the same index instead.
      const countReads = await readsOf(count[0]!);
      const indexReads = countReads.filter((r) => r !== 'Bitmap Heap Scan').map((r) => r.replace(/^(Index Only Scan|Index Scan|Bitmap Index Scan) /, ''));
      expect(indexReads, countReads.join(' | ')).toEqual(['threads_unanswered_count_idx', 'threads_unanswered_count_idx']);
    } else {
      expect(await readsOf(list[0]!)).toEqual(['SEARCH threads USING INDEX threads_unanswered_idx (kind=? AND reply_count=?)']);
      const countReads = await readsOf(count[0]!);
      expect(countReads[0]).toMatch(/^SEARCH threads USING COVERING INDEX threads_unanswered_count_idx \(kind=\? AND reply_count=\? AND state=\? AND space_id=\?\)$/);
      expect(countReads.every((d) => d.includes('threads_unanswered_count_idx')), countReads.join(' | ')).toBe(true);
    }
  });

  // Migration 0044: an erasure finds the person's mentorships and handovers by every column that names
  // them, each through an index; before it, each erasure walked every mentorship there ever was.
  it('erases a person with mentorships without walking the mentorships or handovers (migration 0044)', async () => {
    const leaver = await buildUser(app);
    const asked = await leaver.client.post('/api/mentoring/requests', { topic: 'I would like someone to talk to about moving house.' });
    const accepted = await supporter.client.post(`/api/mentoring/offers/${asked.json().request.id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    captured.length = 0;
    capturing = true;
    const erase = await leaver.client.post('/api/me/erase', { password: leaver.password, publicPosts: 'delete', confirm: 'DELETE' });
    capturing = false;
    expect(erase.statusCode, erase.body).toBe(200);
    const statements = captured.filter((q) => /"(mentorships|handovers)"/.test(q.sql));
    // The lock (PostgreSQL), the active ones ended, and every update naming the person.
    expect(statements.filter((q) => /"ended_by"/.test(q.sql)).length).toBeGreaterThan(0);
    const db = app.kindred.database.db;
    const walks: string[] = [];
    for (const q of statements) {
      if (database.name === 'sqlite') {
        walks.push(...(await explainSqlite(db, q)).map((s) => `${s.table}: ${s.sql.slice(0, 300)}`));
        continue;
      }
      // A sequential scan, or an index read whole (no condition on its key: the lock's `order by id`
      // once walked the primary key, filtering every row).
      for (const n of await postgresPlanNodes(db, q)) {
        const whole = n['Node Type'] === 'Seq Scan' || (/Index (Only )?Scan/.test(String(n['Node Type'])) && !n['Index Cond']);
        if (whole) walks.push(`${String(n['Relation Name'])} (${String(n['Index Name'] ?? 'seq')}): ${q.sql.slice(0, 300)}`);
      }
    }
    expect(walks.filter((w) => /^(mentorships|handovers)\b/.test(w))).toEqual([]);
  });

  it('would notice a full scan (the check can fail)', async () => {
    const db = app.kindred.database.db;
    // No index on a post's body: a filter on it must scan the table.
    const q = db.selectFrom('posts').select('id').where('body_text', '=', 'never written').compile();
    const scans = database.name === 'postgres' ? await explainPostgres(db, q) : await explainSqlite(db, q);
    expect(scans.map((s) => s.table)).toContain('posts');
    // The same through an alias in raw SQL, as search writes its statements.
    const raw = CompiledQuery.raw(`select p.id from posts p where p.body_text = 'never written'`);
    const rawScans = database.name === 'postgres' ? await explainPostgres(db, raw) : await explainSqlite(db, raw);
    expect(rawScans.map((s) => s.table)).toContain('posts');
    if (database.name === 'sqlite') {
      // A whole index read in order, as search's `INDEXED BY` could force, is a full scan too.
      const forced = CompiledQuery.raw(`select p.thread_id from posts p indexed by posts_search_walk_idx where p.state = 'hidden'`);
      expect((await explainSqlite(db, forced)).map((s) => s.table)).toEqual(['posts']);
      // The same index reached by its key is not.
      const keyed = CompiledQuery.raw(`select p.thread_id from posts p indexed by posts_search_walk_idx where p.search_key = 1`);
      expect(await explainSqlite(db, keyed)).toEqual([]);
    }
  });
});
