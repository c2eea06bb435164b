/**
 * Seed generator for benchmarks (reusable: `npx tsx bench/seed.ts --size 100k --db sqlite:/tmp/k.db`).
 *
 * Realistic rather than uniform data, written the way the services would have written it:
 *  - users (≈ 1 per 20 replies, min 200; a few peer supporters and supervisors, one admin first),
 *    spaces = the ten default spaces of migration 0002 (skewed: anxiety and depression busiest);
 *  - threads (≈ 1 per 10 replies) whose popularity follows a power law: each reply picks its
 *    thread by Zipf (s = 1.05) over a random permutation, so busy threads are spread over time;
 *  - reply lengths from a heavy-tailed distribution (1–4 paragraphs of 1–4 sentences, with
 *    occasional Markdown: bold, lists), reaction counts geometric (mean ≈ 1.3 on replies, ≈ 4 on
 *    opening posts; kinds relate/strength/helped 50/35/15), ≈ 7 % anonymous posts, ≈ 1 % hidden or
 *    deleted replies;
 *  - each post is rendered by the real Markdown renderer (paragraphs cached, checked against
 *    `renderMarkdown` on a sample), screened by the real safety screen (a screenings row per post;
 *    warnings = the author's + those the screen adds at level ≥ 2, as the service does; texts the
 *    screen would hold or alert on are redrawn, so no alerts or held content are seeded),
 *    and `reply_count`, `reaction_count`, `score`, `last_activity_at` agree with the rows;
 *  - the author and every replier follow the thread (the service follows on write).
 * Not seeded: notifications (the outbox consumer writes them; the write scenario makes new ones),
 * edits, reports. Loading: batched multi-row inserts in big transactions; secondary indexes and the
 * FTS5 triggers are dropped first and re-created after the load (`'rebuild'` for FTS5); on
 * PostgreSQL the GIN index is built after the load (the generated tsvector is computed on insert).
 */
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { screen, responseFor } from '../src/safety/index.js';
import { CONTENT_WARNINGS, type ContentWarning } from '../src/contracts/communities.js';
import { renderMarkdown } from '../src/server/modules/communities/markdown.js';
import { accountsRepository } from '../src/server/modules/accounts/accounts.repository.js';
import { createPasswordHasher } from '../src/server/modules/accounts/passwords.js';
import { tokenDigest } from '../src/server/platform/crypto.js';
import { ensurePostgresSchema, openDatabase } from '../src/server/platform/db.js';
import { migrateToLatest } from '../src/server/platform/migrator.js';
import { searchScopeSqlOf } from '../migrations/0028_search_scope_pair.js';

export const SIZES = { '10k': 10_000, '100k': 100_000, '1m': 1_000_000 } as const;
export type SeedSize = keyof typeof SIZES;

export interface SeedOptions {
  /** `sqlite:<file>` or `postgres://…` */
  databaseUrl: string;
  /** PostgreSQL: the (fresh) schema to create and fill. */
  pgSchema?: string;
  replies: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface SeedResult {
  users: number;
  threads: number;
  replies: number;
  reactions: number;
  follows: number;
  /** The member the benchmark signs in as (seeded with a real Argon2id hash of this password). */
  benchUser: { handle: string; password: string };
  /** Threads with ≥ 20 visible replies, sampled by popularity (readers go where the talk is). */
  readThreadIds: string[];
  /** Threads to reply to, sampled by popularity (the busiest have the most followers to notify). */
  replyThreadIds: string[];
  /** Threads to reply to, sampled uniformly: the typical thread, with few followers. */
  quietThreadIds: string[];
  /** Search queries that occur in the data, common and rarer words, one and two terms. */
  searchQueries: string[];
  seconds: { generateAndLoad: number; indexes: number; total: number };
}

// ── randomness ──────────────────────────────────────────────────────────────────
/** Seeded draws (exported for tests that want the same random searches on every run). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A UUIDv7 for a given time, without the process-wide monotonic state of `newId` (seed times are not in order). */
function uuidv7(ms: number, rnd: () => number): string {
  const b = Buffer.alloc(16);
  b.writeUIntBE(Math.floor(ms), 0, 6);
  for (let i = 6; i < 16; i++) b[i] = Math.floor(rnd() * 256);
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function zipfSampler(n: number, s: number, rnd: () => number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cdf[i] = sum += 1 / Math.pow(i + 1, s);
  return () => {
    const x = rnd() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const geometric = (mean: number, rnd: () => number) => Math.floor(Math.log(1 - rnd()) / Math.log(mean / (mean + 1)));
const pick = <T>(xs: readonly T[], rnd: () => number): T => xs[Math.floor(rnd() * xs.length)]!;

// ── text ────────────────────────────────────────────────────────────────────────
const TOPICS = [
  'sleep', 'panic attacks', 'my therapist', 'medication', 'exams', 'work stress', 'grief', 'loneliness', 'my family',
  'breathing exercises', 'journaling', 'walking', 'social anxiety', 'low mood', 'motivation', 'appointments', 'routines',
  'relapse', 'self-care', 'boundaries', 'moving house', 'my partner', 'friendships', 'the winter months', 'burnout',
];
const SENTENCES = [
  'Thank you for sharing this, it took courage to write it down.',
  'I have been struggling with {t} for a while and reading this helped.',
  'What helped me most with {t} was taking it one small step at a time.',
  'Some days are harder than others, and that is okay.',
  'I tried a breathing exercise last night: in for four, hold for four, out for six.',
  'My therapist suggested keeping a journal, and honestly it is helping more than I expected.',
  'Going for a short walk in the morning has made a real difference to my mood.',
  'I relate to this so much, especially the part about {t}.',
  'Sending you strength today. You are not alone in this.',
  'Have you been able to talk to your doctor about {t}?',
  'When the panic starts I name five things I can see and four I can touch.',
  'Sleep has been a mess for me too; a boring audiobook on a timer sometimes helps.',
  'I found it easier once I stopped expecting every day to be a good day.',
  'It is not small at all, it is a real achievement on a hard week.',
  'My family does not really understand, but this group does.',
  'I keep a notebook by the bed and write the worries down before I sleep.',
  'The waiting list for counselling is long here, so peer support has kept me going.',
  'Exams are in three weeks and the pressure about {t} is getting to me.',
  'I lost my grandmother last spring and the grief still comes in waves.',
  'Cooking a proper meal felt impossible for weeks, and today I managed it.',
  'Routines help me: same time up, same walk, same cup of tea.',
  'I started new medication last month and the side effects are settling down.',
  'Setting boundaries with my manager about {t} was scary but worth it.',
  'Small wins count. Getting out of bed counts. Replying here counts.',
  'I wish I had found this community sooner.',
  'It sounds exhausting to carry all of that on your own.',
  'Do you have someone you trust that you could tell how you are feeling?',
  'I felt so lonely after moving to a new city, and making friends is slow.',
  'Mindfulness apps never worked for me, but gardening does.',
  'The winter months are always harder for my mood, so I plan for them now.',
  'I am proud of you for reaching out. That is often the hardest part.',
  'My partner and I made a plan for the bad days, and it helps us both.',
  'Social anxiety makes phone calls really hard for me, so I book appointments online.',
  'Burnout crept up on me slowly, and rest did not fix it straight away.',
  'I am a bit nervous about the appointment on Monday but mostly relieved.',
  'Writing this down already makes it feel a little lighter.',
  'Has anyone else found that {t} gets worse in the evenings?',
  'I had a relapse last week, and I am trying to be kind to myself about it.',
  'Self-care for me is mostly boring things: water, a shower, an early night.',
  'I feel so tired and anxious lately, and I do not really know why.',
];
const LIST_ITEMS = ['drink some water', 'step outside for five minutes', 'text one friend', 'write three lines in a journal', 'put on a calm playlist', 'do the 4-7-8 breathing', 'make a simple meal', 'go to bed at the same time'];
const TITLES = [
  'How do you cope with {t}?', 'Small win with {t} today', 'What helped me with {t}', 'Struggling with {t} again',
  'Does anyone else find {t} hard?', 'A year on: {t} and me', 'Advice on {t} before my appointment?', 'Grateful for this group and {t}',
  'Tips for {t} on a bad day', 'Checking in: {t}',
];
export const SEARCH_QUERIES = ['sleep', 'panic', 'therapist', 'medication side effects', 'grief', 'exams', 'breathing exercise', 'lonely', 'journal', 'walk', 'burnout', 'boundaries manager', 'gardening', 'appointment'];

const fill = (s: string, rnd: () => number) => s.replace('{t}', pick(TOPICS, rnd));

function makeParagraph(rnd: () => number): string {
  const r = rnd();
  if (r < 0.06) return Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => `- ${pick(LIST_ITEMS, rnd)}`).join('\n');
  const n = 1 + Math.min(3, geometric(0.8, rnd));
  let p = Array.from({ length: n }, () => fill(pick(SENTENCES, rnd), rnd)).join(' ');
  if (r > 0.93) p = p.replace(/^([^.,]+)/, '**$1**');
  return p;
}

// ── loading ─────────────────────────────────────────────────────────────────────
interface Loader {
  insert(table: string, cols: readonly string[], rows: unknown[][]): Promise<void>;
  commit(): Promise<void>;
  /** Drops secondary indexes and the FTS triggers; returns a function that re-creates them. */
  dropIndexes(): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

function sqliteLoader(file: string): Loader {
  const db = new SQLite(file);
  // The migrations left the file in WAL mode; OFF can only be reached from a rollback journal.
  db.pragma('journal_mode = DELETE');
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -400000');
  db.pragma('foreign_keys = OFF');
  const stmts = new Map<string, SQLite.Statement>();
  db.exec('begin');
  return {
    async insert(table, cols, rows) {
      const per = Math.max(1, Math.floor(30_000 / cols.length));
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per);
        const key = `${table}:${chunk.length}`;
        let st = stmts.get(key);
        if (!st) {
          const one = `(${cols.map(() => '?').join(',')})`;
          st = db.prepare(`insert into ${table} (${cols.join(',')}) values ${Array(chunk.length).fill(one).join(',')}`);
          stmts.set(key, st);
        }
        st.run(chunk.flat() as unknown[]);
      }
    },
    async commit() {
      db.exec('commit');
      db.exec('begin');
    },
    async dropIndexes() {
      const tables = ['users', 'user_roles', 'threads', 'posts', 'reactions', 'thread_follows', 'screenings'];
      const items = db
        .prepare(`select type, name, sql from sqlite_master where type in ('index','trigger') and sql is not null and tbl_name in (${tables.map(() => '?').join(',')})`)
        .all(...tables) as { type: string; name: string; sql: string }[];
      for (const it of items) db.exec(`drop ${it.type} ${it.name}`);
      return async () => {
        db.exec('commit');
        db.exec('begin');
        for (const it of items.filter((i) => i.type === 'index')) db.exec(it.sql);
        // Rows inserted without the triggers have no search key yet (migration 0013): give them keys above those in use.
        db.exec(`update posts set search_key = rowid + (select coalesce(max(search_key), 0) from posts) where search_key is null`);
        // …and their thread's space and kind as words, written as the latest migration's triggers write them (0024, 0028).
        db.exec(`update posts set search_scope = (select ${searchScopeSqlOf('t')} from threads t where t.id = posts.thread_id) where search_scope is null`);
        db.exec(`insert into posts_fts(posts_fts) values('rebuild')`);
        db.exec(`insert into posts_title_fts(posts_title_fts) values('rebuild')`);
        for (const it of items.filter((i) => i.type === 'trigger')) db.exec(it.sql);
        db.exec('commit');
        db.exec('analyze');
        db.exec('begin');
      };
    },
    async close() {
      db.exec('commit');
      db.pragma('journal_mode = WAL');
      db.close();
    },
  };
}

async function pgLoader(url: string, schema: string): Promise<Loader> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  await client.query('set synchronous_commit = off');
  await client.query('begin');
  return {
    async insert(table, cols, rows) {
      const per = Math.max(1, Math.floor(60_000 / cols.length));
      for (let i = 0; i < rows.length; i += per) {
        const chunk = rows.slice(i, i + per);
        let n = 0;
        const values = chunk.map(() => `(${cols.map(() => `$${++n}`).join(',')})`).join(',');
        await client.query(`insert into ${table} (${cols.join(',')}) values ${values}`, chunk.flat());
      }
    },
    async commit() {
      await client.query('commit');
      await client.query('begin');
    },
    async dropIndexes() {
      const tables = ['users', 'user_roles', 'threads', 'posts', 'reactions', 'thread_follows', 'screenings'];
      const { rows } = await client.query<{ indexname: string; indexdef: string }>(
        `select indexname, indexdef from pg_indexes where schemaname = $1 and tablename = any($2)
           and indexname not in (select conname from pg_constraint where connamespace = $1::regnamespace)`,
        [schema, tables],
      );
      for (const r of rows) await client.query(`drop index "${r.indexname}"`);
      return async () => {
        await client.query('commit');
        await client.query('set maintenance_work_mem = 262144'); // kB: 256 MB for the GIN build
        for (const r of rows) await client.query(r.indexdef);
        // Vacuumed as well as analyzed: the load's triggers rewrote each thread row once per post
        // (its version and counts), ~11 dead versions a live one, which every read of a thread by
        // its key then walked through. A server with autovacuum on (the default) would have
        // cleaned them up within a minute; the test server here runs with it off. This schema's
        // tables only (a bare VACUUM would walk every schema of the database).
        const { rows: tablesHere } = await client.query<{ tablename: string }>('select tablename from pg_tables where schemaname = $1', [schema]);
        await client.query(`vacuum analyze ${tablesHere.map((t) => `"${t.tablename}"`).join(', ')}`);
        await client.query('begin');
      };
    },
    async close() {
      await client.query('commit');
      await client.end();
    },
  };
}

// ── the generator ───────────────────────────────────────────────────────────────
const SPACE_WEIGHTS = [22, 20, 8, 6, 9, 6, 7, 7, 6, 9];
const DAY = 86_400_000;

export async function seed(o: SeedOptions): Promise<SeedResult> {
  const log = o.log ?? (() => undefined);
  const t0 = performance.now();
  const rnd = mulberry32(o.seed ?? 20260101);
  const dialect = o.databaseUrl.startsWith('sqlite:') ? 'sqlite' : 'postgres';

  // Schema through the real migrations.
  if (dialect === 'postgres') await ensurePostgresSchema(o.databaseUrl, o.pgSchema!);
  const handle = openDatabase(o.databaseUrl, o.pgSchema ? { schema: o.pgSchema } : {});
  await migrateToLatest(handle.db, handle.dialect, o.pgSchema);
  const spaceIds = (await handle.db.selectFrom('spaces').select('id').orderBy('sort_order').execute()).map((s) => s.id);
  await handle.close();

  const loader = dialect === 'sqlite' ? sqliteLoader(o.databaseUrl.slice('sqlite:'.length)) : await pgLoader(o.databaseUrl, o.pgSchema!);
  const rebuildIndexes = await loader.dropIndexes();

  const now = Date.now();
  const span = 365 * DAY;
  const hasher = createPasswordHasher('production');
  const benchUser = { handle: 'bench_reader', password: randomBytes(18).toString('base64url') };
  const benchHash = await hasher.hash(benchUser.password);
  const othersHash = await hasher.hash(randomBytes(18).toString('base64url'));

  // ── users ──
  const nUsers = Math.max(200, Math.round(o.replies / 20));
  const userIds: string[] = [];
  const userRows: unknown[][] = [];
  const roleRows: unknown[][] = [];
  const ADJ = ['quiet', 'gentle', 'night', 'river', 'morning', 'brave', 'calm', 'little', 'steady', 'wild', 'soft', 'blue'];
  const NOUN = ['fern', 'owl', 'stone', 'harbour', 'sparrow', 'willow', 'lantern', 'meadow', 'pebble', 'fox', 'cedar', 'tide'];
  for (let i = 0; i <= nUsers; i++) {
    const bench = i === nUsers;
    const created = new Date(now - span - (nUsers - i) * 60_000 - DAY);
    const id = uuidv7(created.getTime(), rnd);
    const h = bench ? benchUser.handle : `${pick(ADJ, rnd)}_${pick(NOUN, rnd)}${i}`;
    const iso = created.toISOString();
    userIds.push(id);
    userRows.push([id, h, h.toLowerCase(), bench ? benchHash : othersHash, null, null, pick(['GB', 'US', 'IE', 'AU', 'CA', 'DE', null], rnd), null, '[]', '[]', null, null, 'visible', 'supporters', iso, iso, iso, iso]);
    const roles = i === 0 ? ['admin', 'member'] : bench ? ['member'] : rnd() < 0.03 ? ['member', 'peer_supporter'] : rnd() < 0.005 ? ['member', 'supervisor'] : ['member'];
    for (const r of roles) roleRows.push([id, r, null, iso]);
  }
  const posters = nUsers; // the bench user writes nothing in the seed
  await loader.insert('users', ['id', 'handle', 'handle_key', 'password_hash', 'email_enc', 'pronouns', 'region', 'time_zone', 'languages', 'experience_tags', 'experience_note', 'bio', 'bio_state', 'message_policy', 'age_confirmed_at', 'password_changed_at', 'created_at', 'updated_at'], userRows);
  await loader.insert('user_roles', ['user_id', 'role', 'granted_by', 'granted_at'], roleRows);
  userRows.length = 0;
  // Activity is skewed too: a fifth of the members write most posts.
  const author = zipfSampler(posters, 0.8, rnd);

  // ── threads and reply metadata ──
  const nThreads = Math.max(50, Math.round(o.replies / 10));
  const tCreated = new Float64Array(nThreads);
  const tSpace = new Uint8Array(nThreads);
  const tAuthor = new Int32Array(nThreads);
  const tLast = new Float64Array(nThreads);
  const tReplies = new Int32Array(nThreads);
  const tReactions = new Int32Array(nThreads);
  const spaceCdf = SPACE_WEIGHTS.map(((s) => (w: number) => (s += w))(0));
  for (let t = 0; t < nThreads; t++) {
    tCreated[t] = now - span + rnd() * (span - DAY / 24);
    tLast[t] = tCreated[t]!;
    const x = rnd() * spaceCdf[spaceCdf.length - 1]!;
    tSpace[t] = spaceCdf.findIndex((c) => x < c);
    tAuthor[t] = author();
  }
  const perm = Int32Array.from({ length: nThreads }, (_, i) => i);
  for (let i = nThreads - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [perm[i], perm[j]] = [perm[j]!, perm[i]!];
  }
  const zipf = zipfSampler(nThreads, 1.05, rnd);
  const R = o.replies;
  const rThread = new Int32Array(R);
  const rTime = new Float64Array(R);
  const rState = new Uint8Array(R); // 0 visible, 1 hidden, 2 deleted
  const rReacts = new Uint8Array(R);
  for (let i = 0; i < R; i++) {
    const t = perm[zipf()]!;
    rThread[i] = t;
    const age = now - tCreated[t]!;
    // Most replies come in the first days; a busy thread keeps going for months.
    const delay = Math.min(age * rnd(), -Math.log(1 - rnd()) * 2 * DAY * (1 + rnd() * 30));
    rTime[i] = tCreated[t]! + delay;
    const s = rnd();
    rState[i] = s < 0.006 ? 1 : s < 0.012 ? 2 : 0;
    rReacts[i] = rState[i] === 0 ? Math.min(40, geometric(1.3, rnd)) : 0;
    if (rState[i] === 0) {
      tReplies[t]!++;
      tReactions[t]! += rReacts[i]!;
      if (rTime[i]! > tLast[t]!) tLast[t] = rTime[i]!;
    }
  }
  // Posts go in in time order, opening posts among the replies, as a live forum writes them
  // (rowid order is time order, which the search window relies on).
  const timeOf = (i: number) => (i < R ? rTime[i]! : tCreated[i - R]!);
  const order = Int32Array.from({ length: R + nThreads }, (_, i) => i).sort((a, b) => timeOf(a) - timeOf(b));

  // ── posts, screenings, reactions, follows ──
  const paraCache = new Map<string, { html: string; text: string }>();
  const paragraphs = Array.from({ length: 3000 }, () => makeParagraph(rnd));
  const rendered = (p: string) => {
    let r = paraCache.get(p);
    if (!r) paraCache.set(p, (r = renderMarkdown(p)));
    return r;
  };
  let checked = 0;
  /** A body the screen lets through without alert or hold, rendered as the service renders it. */
  const makeBody = (surface: 'post' | 'reply', title: string | null) => {
    for (;;) {
      const n = 1 + Math.min(3, geometric(0.7, rnd));
      const paras: string[] = [];
      while (paras.length < n) {
        const p = pick(paragraphs, rnd);
        // Two lists in a row would merge into one list (and render differently from their parts).
        if (!(p.startsWith('- ') && paras[paras.length - 1]?.startsWith('- '))) paras.push(p);
      }
      const source = paras.join('\n\n');
      const html = paras.map((p) => rendered(p).html).join('');
      const text = paras.map((p) => rendered(p).text).join('\n');
      if (checked < 300) {
        checked++;
        const real = renderMarkdown(source);
        if (real.html !== html || real.text !== text) throw new Error('seed: paragraph-cached rendering differs from renderMarkdown');
      }
      const screening = screen(title ? `${title}\n\n${source}` : source, { surface });
      if (screening.level >= 3 || responseFor(screening).holdForReview) continue;
      return { source, html, text, screening };
    }
  };
  const WARNING_FOR: Record<string, ContentWarning> = { suicide: 'suicide', self_harm: 'self_harm', eating_disorder: 'eating', abuse_or_unsafe_home: 'abuse', substances: 'substance_use', harm_to_others: 'violence' };
  const warningsFor = (screening: ReturnType<typeof screen>): string => {
    const set = new Set<ContentWarning>();
    if (rnd() < 0.04) set.add(pick(CONTENT_WARNINGS, rnd));
    if (screening.level >= 2) for (const c of screening.categories) if (WARNING_FOR[c]) set.add(WARNING_FOR[c]);
    return JSON.stringify(CONTENT_WARNINGS.filter((w) => set.has(w)));
  };

  const POST_COLS = ['id', 'thread_id', 'space_id', 'author_id', 'anonymous', 'is_opening', 'body_source', 'body_html', 'body_text', 'search_title', 'warnings', 'state', 'pending_reason', 'published_at', 'edited_at', 'created_at', 'updated_at'];
  const SCREEN_COLS = ['id', 'user_id', 'object_type', 'object_id', 'level', 'categories', 'reasons', 'method_detail', 'subject', 'version', 'created_at'];
  let posts: unknown[][] = [];
  let screenings: unknown[][] = [];
  let reactions: unknown[][] = [];
  let nReactions = 0;
  const follows = new Set<number>();
  const flush = async (force = false) => {
    if (!force && posts.length < 20_000) return;
    await loader.insert('posts', POST_COLS, posts);
    await loader.insert('screenings', SCREEN_COLS, screenings);
    await loader.insert('reactions', ['post_id', 'user_id', 'kind', 'created_at'], reactions);
    posts = [];
    screenings = [];
    reactions = [];
    if (force) await loader.commit();
  };
  const addPost = (p: { id: string; t: number; authorIdx: number; anonymous: number; opening: boolean; title: string; at: number; state: number; reacts: number; body: ReturnType<typeof makeBody>; warnings: string }) => {
    const iso = new Date(p.at).toISOString();
    const gone = p.state === 2;
    posts.push([
      p.id, threadIds[p.t], spaceIds[tSpace[p.t]!], userIds[p.authorIdx], p.anonymous, p.opening ? 1 : 0,
      gone ? '' : p.body.source, gone ? '' : p.body.html, gone ? '' : p.body.text, p.opening ? p.title : '', p.warnings,
      p.state === 0 ? 'visible' : p.state === 1 ? 'hidden' : 'deleted', null, iso, null, iso, iso,
    ]);
    const s = p.body.screening;
    screenings.push([uuidv7(p.at, rnd), userIds[p.authorIdx], 'post', p.id, s.level, JSON.stringify(s.categories), JSON.stringify(s.reasons.map((r) => ({ code: r.code, level: r.level, span: r.span }))), s.methodDetail ? 1 : 0, s.subject, s.version, iso]);
    const used = new Set<number>();
    for (let k = 0; k < p.reacts; k++) {
      let u = Math.floor(rnd() * posters);
      while (used.has(u) || u === p.authorIdx) u = (u + 1) % posters;
      used.add(u);
      const x = rnd();
      reactions.push([p.id, userIds[u], x < 0.5 ? 'relate' : x < 0.85 ? 'strength' : 'helped', new Date(Math.min(now, p.at + rnd() * 3 * DAY)).toISOString()]);
      nReactions++;
    }
    follows.add(p.t * (nUsers + 1) + p.authorIdx);
  };

  // Threads first (their counts are known), then every post in time order.
  const threadIds: string[] = [];
  const threadRows: unknown[][] = [];
  const openings: { title: string; body: ReturnType<typeof makeBody>; warnings: string; reacts: number; anonymous: number; kind: string }[] = [];
  for (let t = 0; t < nThreads; t++) {
    const id = uuidv7(tCreated[t]!, rnd);
    threadIds.push(id);
    const title = fill(pick(TITLES, rnd), rnd).replace(/^./, (c) => c.toUpperCase());
    const body = makeBody('post', title);
    const warnings = warningsFor(body.screening);
    const reacts = Math.min(60, geometric(4, rnd));
    tReactions[t]! += reacts;
    const x = rnd();
    const kind = x < 0.45 ? 'story' : x < 0.85 ? 'question' : 'what_helped';
    openings.push({ title, body, warnings, reacts, anonymous: rnd() < 0.1 ? 1 : 0, kind });
    const created = new Date(tCreated[t]!).toISOString();
    threadRows.push([id, spaceIds[tSpace[t]!], userIds[tAuthor[t]!], openings[t]!.anonymous, kind, title, 'visible', warnings, tReplies[t], tReactions[t], tReplies[t]! + tReactions[t]!, null, 0, new Date(tLast[t]!).toISOString(), created, new Date(tLast[t]!).toISOString()]);
  }
  await loader.insert('threads', ['id', 'space_id', 'author_id', 'anonymous', 'kind', 'title', 'state', 'warnings', 'reply_count', 'reaction_count', 'score', 'helped_post_id', 'slow_mode_seconds', 'last_activity_at', 'created_at', 'updated_at'], threadRows);
  threadRows.length = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    if (i >= R) {
      const t = i - R;
      const op = openings[t]!;
      addPost({ id: uuidv7(tCreated[t]!, rnd), t, authorIdx: tAuthor[t]!, anonymous: op.anonymous, opening: true, title: op.title, at: tCreated[t]!, state: 0, reacts: op.reacts, body: op.body, warnings: op.warnings });
      await flush();
      continue;
    }
    const body = makeBody('reply', null);
    addPost({ id: uuidv7(rTime[i]!, rnd), t: rThread[i]!, authorIdx: author(), anonymous: rnd() < 0.07 ? 1 : 0, opening: false, title: '', at: rTime[i]!, state: rState[i]!, reacts: rReacts[i]!, body, warnings: warningsFor(body.screening) });
    await flush();
    if (k % 100_000 === 99_999) log(`  … ${k + 1} replies`);
  }
  await flush(true);
  const followRows: unknown[][] = [];
  for (const key of follows) {
    const t = Math.floor(key / (nUsers + 1));
    followRows.push([threadIds[t], userIds[key % (nUsers + 1)], new Date(tCreated[t]!).toISOString()]);
    if (followRows.length >= 50_000) await loader.insert('thread_follows', ['thread_id', 'user_id', 'created_at'], followRows.splice(0));
  }
  await loader.insert('thread_follows', ['thread_id', 'user_id', 'created_at'], followRows);
  await loader.commit();
  const tLoaded = performance.now();
  log(`  loaded in ${((tLoaded - t0) / 1000).toFixed(1)} s; building indexes and the search index`);
  await rebuildIndexes();
  await loader.close();
  const tIndexed = performance.now();

  // Readers go where the conversation is: sample busy threads (≥ 20 visible replies) by popularity.
  const busy = Array.from({ length: nThreads }, (_, t) => t).filter((t) => tReplies[t]! >= 20);
  const byPop = (xs: number[], n: number) => {
    const total = xs.reduce((s, t) => s + tReplies[t]!, 0);
    return Array.from({ length: n }, () => {
      let x = rnd() * total;
      for (const t of xs) if ((x -= tReplies[t]!) <= 0) return threadIds[t]!;
      return threadIds[xs[xs.length - 1]!]!;
    });
  };
  const all = Array.from({ length: nThreads }, (_, t) => t);
  return {
    users: nUsers + 1,
    threads: nThreads,
    replies: R,
    reactions: nReactions,
    follows: follows.size,
    benchUser,
    readThreadIds: byPop(busy, 64),
    replyThreadIds: byPop(all, 256),
    quietThreadIds: Array.from({ length: 256 }, () => threadIds[Math.floor(rnd() * nThreads)]!),
    searchQueries: SEARCH_QUERIES,
    seconds: { generateAndLoad: (tLoaded - t0) / 1000, indexes: (tIndexed - tLoaded) / 1000, total: (tIndexed - t0) / 1000 },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const size = (arg('size') ?? '10k') as SeedSize;
  const url = arg('db') ?? 'sqlite:./data/bench.db';
  const res = await seed({ databaseUrl: url, pgSchema: arg('schema'), replies: SIZES[size], log: console.log });
  console.log(JSON.stringify({ ...res, readThreadIds: res.readThreadIds.length, replyThreadIds: res.replyThreadIds.length, quietThreadIds: res.quietThreadIds.length }, null, 2));
}

/** Reply texts for the write benchmark, made like the seeded ones (1–4 paragraphs, some Markdown). */
export function sampleReplyBodies(n: number, seedValue = 7): string[] {
  const rnd = mulberry32(seedValue);
  return Array.from({ length: n }, () => Array.from({ length: 1 + Math.min(3, geometric(0.7, rnd)) }, () => makeParagraph(rnd)).join('\n\n'));
}

/**
 * `n` more members, each signed in once: users, roles and sessions written through the accounts
 * repository, as sign-up and sign-in write them, in one transaction; returns the session cookie
 * tokens. For benchmarks that connect thousands of people: a real sign-in costs an Argon2id hash
 * each (bench: "sign-in password verify"), which would be all such a setup measured.
 */
export async function seedSignedInMembers(o: { databaseUrl: string; pgSchema?: string | undefined; n: number }): Promise<{ tokens: string[]; userIds: string[]; seconds: number }> {
  const t0 = performance.now();
  const handle = openDatabase(o.databaseUrl, o.pgSchema ? { schema: o.pgSchema } : {});
  // Nobody signs in with a password: one hash of a random one serves every row.
  const hash = await createPasswordHasher('production').hash(randomBytes(18).toString('base64url'));
  const now = new Date();
  const iso = now.toISOString();
  const expires = new Date(now.getTime() + 30 * DAY).toISOString();
  const tokens: string[] = [];
  const userIds: string[] = [];
  const tag = randomBytes(3).toString('hex');
  await handle.db.transaction().execute(async (trx) => {
    for (let i = 0; i < o.n; i++) {
      const id = uuidv7(now.getTime(), Math.random);
      const h = `reader_${tag}_${i}`;
      await accountsRepository.insertUser(trx, { id, handle: h, handle_key: h, password_hash: hash, email_enc: null, pronouns: null, region: 'GB', time_zone: 'Europe/London', languages: '["en"]', experience_tags: '[]', experience_note: null, bio: null, bio_state: 'visible', message_policy: 'supporters', age_confirmed_at: iso, password_changed_at: iso, created_at: iso, updated_at: iso });
      await accountsRepository.setRoles(trx, id, ['member'], null, iso);
      const token = randomBytes(32).toString('base64url');
      await accountsRepository.insertSession(trx, { id: tokenDigest(token), user_id: id, device_label: 'bench', created_at: iso, last_seen_at: iso, expires_at: expires });
      tokens.push(token);
      userIds.push(id);
    }
  });
  await handle.close();
  return { tokens, userIds, seconds: (performance.now() - t0) / 1000 };
}

/**
 * A support group (in an open program of its own organization) whose members have all joined and
 * accepted its agreement: what the groups service writes when people join, for a bench of its chat.
 */
export async function seedSupportGroup(o: { databaseUrl: string; pgSchema?: string | undefined; memberIds: string[] }): Promise<{ groupId: string }> {
  const handle = openDatabase(o.databaseUrl, o.pgSchema ? { schema: o.pgSchema } : {});
  const now = new Date();
  const iso = now.toISOString();
  const [organizationId, programId, groupId] = [uuidv7(now.getTime(), Math.random), uuidv7(now.getTime(), Math.random), uuidv7(now.getTime(), Math.random)];
  try {
    await handle.db.transaction().execute(async (trx) => {
      await trx.insertInto('organizations').values({ id: organizationId, name: 'Bench peer support', description: 'Seeded for the group chat bench.', created_at: iso, updated_at: iso }).execute();
      await trx.insertInto('programs').values({ id: programId, name: 'Evening groups', created_at: iso, description: 'Seeded.', join_policy: 'open', organization_id: organizationId, updated_at: iso }).execute();
      await trx
        .insertInto('support_groups')
        .values({ id: groupId, program_id: programId, name: 'Tuesday evening circle', description: 'Seeded.', time_zone: 'Europe/London', size_limit: o.memberIds.length + 10, agreement_text: 'We keep what is shared here in the group.', agreement_version: 1, created_by: null, created_at: iso, updated_at: iso })
        .execute();
      for (let i = 0; i < o.memberIds.length; i += 200) {
        const part = o.memberIds.slice(i, i + 200);
        await trx.insertInto('program_members').values(part.map((user_id) => ({ program_id: programId, user_id, role: 'member', joined_at: iso }))).execute();
        await trx.insertInto('group_members').values(part.map((user_id) => ({ group_id: groupId, user_id, joined_at: iso, muted_until: null, muted_by: null }))).execute();
        await trx.insertInto('group_agreement_acceptances').values(part.map((user_id) => ({ group_id: groupId, user_id, version: 1, accepted_at: iso }))).execute();
      }
    });
  } finally {
    await handle.close();
  }
  return { groupId };
}

/** The database `seedOnce` left in `dir` (by bench/read-paths.ts, whose database other benchmarks measure too). */
export function seededIn(dir: string): SeedResult {
  const file = path.join(dir, 'seed.json');
  if (!fs.existsSync(file)) throw new Error(`no seeded database in ${dir}: run bench/read-paths.ts --db ${dir} first`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as SeedResult;
}

/**
 * The seed of `o`, made once and kept in `dir` (its result in `seed.json` beside the database), so
 * the A/B scripts (read-paths, reply-path, pg-round-trips) reuse one seeded database run after run.
 */
export async function seedOnce(dir: string, o: SeedOptions): Promise<SeedResult> {
  const file = path.join(dir, 'seed.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as SeedResult;
  fs.mkdirSync(dir, { recursive: true });
  const result = await seed(o);
  fs.writeFileSync(file, JSON.stringify(result));
  return result;
}
