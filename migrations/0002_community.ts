import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * The online community: programs (minimal, for program-only spaces), spaces, threads, posts,
 * edits, reactions, follows, content-warning preferences, reports, suspensions, settings,
 * notifications, and the full-text index (FTS5 on SQLite, tsvector + GIN on PostgreSQL).
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  await db.schema
    .createTable('programs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('program_members')
    .addColumn('program_id', 'text', (c) => c.notNull().references('programs.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('program_members_pk', ['program_id', 'user_id'])
    .execute();
  await db.schema.createIndex('program_members_user_idx').on('program_members').columns(['user_id']).execute();

  await db.schema
    .createTable('spaces')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('house_rules', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('program_id', 'text', (c) => c.references('programs.id').onDelete('restrict'))
    .addColumn('allow_anonymous', 'integer', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('threads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('space_id', 'text', (c) => c.notNull().references('spaces.id').onDelete('restrict'))
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('anonymous', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('warnings', 'text', (c) => c.notNull())
    .addColumn('reply_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reaction_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('score', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('helped_post_id', 'text')
    .addColumn('slow_mode_seconds', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_activity_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('threads_latest_idx').on('threads').columns(['last_activity_at', 'id']).execute();
  await db.schema.createIndex('threads_space_latest_idx').on('threads').columns(['space_id', 'last_activity_at', 'id']).execute();
  await db.schema.createIndex('threads_top_idx').on('threads').columns(['score', 'id']).execute();
  await db.schema.createIndex('threads_author_idx').on('threads').columns(['author_id', 'id']).execute();
  await db.schema.createIndex('threads_unanswered_idx').on('threads').columns(['kind', 'reply_count', 'id']).execute();

  await db.schema
    .createTable('posts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('thread_id', 'text', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('space_id', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('anonymous', 'integer', (c) => c.notNull())
    .addColumn('is_opening', 'integer', (c) => c.notNull())
    .addColumn('body_source', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('search_title', 'text', (c) => c.notNull())
    .addColumn('warnings', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('pending_reason', 'text')
    .addColumn('edited_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('posts_thread_idx').on('posts').columns(['thread_id', 'id']).execute();
  await db.schema.createIndex('posts_author_idx').on('posts').columns(['author_id', 'id']).execute();

  await db.schema
    .createTable('post_edits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('editor_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('editor_role', 'text', (c) => c.notNull())
    .addColumn('previous_source', 'text', (c) => c.notNull())
    .addColumn('previous_title', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('post_edits_post_idx').on('post_edits').columns(['post_id', 'id']).execute();

  await db.schema
    .createTable('reactions')
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reactions_pk', ['post_id', 'user_id', 'kind'])
    .execute();
  await db.schema.createIndex('reactions_user_idx').on('reactions').columns(['user_id']).execute();

  await db.schema
    .createTable('thread_follows')
    .addColumn('thread_id', 'text', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('thread_follows_pk', ['thread_id', 'user_id'])
    .execute();
  await db.schema.createIndex('thread_follows_user_idx').on('thread_follows').columns(['user_id']).execute();

  await db.schema
    .createTable('warning_prefs')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('warning', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('warning_prefs_pk', ['user_id', 'warning'])
    .execute();

  await db.schema
    .createTable('post_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('reporter_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('resolved_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('resolved_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('post_reports_status_idx').on('post_reports').columns(['status', 'id']).execute();

  await db.schema
    .createTable('community_suspensions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('until', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('community_suspensions_user_idx').on('community_suspensions').columns(['user_id', 'until']).execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('thread_id', 'text', (c) => c.references('threads.id').onDelete('cascade'))
    .addColumn('post_id', 'text', (c) => c.references('posts.id').onDelete('cascade'))
    // Null when the actor posted anonymously (never stored) or has since deleted their account.
    .addColumn('actor_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('actor_anonymous', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'id']).execute();

  await db.schema
    .createTable('notification_prefs')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_prefs_pk', ['user_id', 'kind'])
    .execute();

  // Full-text search over thread titles (on opening posts) and post bodies, kept in step with
  // `posts` inside the writing transaction: by triggers on SQLite, by a generated column on PostgreSQL.
  if (ctx.dialect === 'sqlite') {
    await sql`create virtual table posts_fts using fts5(search_title, body_text, content='posts', content_rowid='rowid', tokenize='porter unicode61')`.execute(db);
    await sql`create trigger posts_fts_ai after insert on posts begin
      insert into posts_fts(rowid, search_title, body_text) values (new.rowid, new.search_title, new.body_text);
    end`.execute(db);
    await sql`create trigger posts_fts_ad after delete on posts begin
      insert into posts_fts(posts_fts, rowid, search_title, body_text) values ('delete', old.rowid, old.search_title, old.body_text);
    end`.execute(db);
    await sql`create trigger posts_fts_au after update of search_title, body_text on posts begin
      insert into posts_fts(posts_fts, rowid, search_title, body_text) values ('delete', old.rowid, old.search_title, old.body_text);
      insert into posts_fts(rowid, search_title, body_text) values (new.rowid, new.search_title, new.body_text);
    end`.execute(db);
  } else {
    await sql`alter table posts add column search_vector tsvector generated always as (
      setweight(to_tsvector('english', search_title), 'A') || setweight(to_tsvector('english', body_text), 'B')
    ) stored`.execute(db);
    await sql`create index posts_search_idx on posts using gin (search_vector)`.execute(db);
  }

  const now = new Date().toISOString();
  await db.insertInto('settings').values({ key: 'hold_first_posts', value: '0', updated_at: now }).execute();
  await db
    .insertInto('spaces')
    .values(
      DEFAULT_SPACES.map((s, i) => ({
        id: `00000000-0000-7000-8000-${String(i + 1).padStart(12, '0')}`,
        slug: s.slug,
        name: s.name,
        description: s.description,
        house_rules: s.houseRules,
        visibility: 'members',
        program_id: null,
        allow_anonymous: 1,
        sort_order: i + 1,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}

const COMMON_RULES =
  'Be kind: everyone here is doing their best. Share your own experience rather than telling others what to do. ' +
  'Keep what people share here in this space. No method details about self-harm or suicide. ' +
  'Kindred is peer support, not an emergency service: if you are in danger now, call your local emergency number.';

const DEFAULT_SPACES: { slug: string; name: string; description: string; houseRules: string }[] = [
  { slug: 'anxiety', name: 'Anxiety', description: 'For worry that will not switch off, panic, and the small wins that make days easier. You are not alone in this.', houseRules: `${COMMON_RULES} Please add a content warning before describing a panic attack in detail.` },
  { slug: 'depression', name: 'Depression', description: 'A gentle place for the heavy days and the lighter ones, and for what helps you get through them.', houseRules: `${COMMON_RULES} Low days are welcome here; so are small steps. Nobody has to be "fixed".` },
  { slug: 'grief-and-loss', name: 'Grief and loss', description: 'For anyone missing someone: a person, a pet, a future they hoped for. Grief has no timetable.', houseRules: `${COMMON_RULES} Every loss is valid; please do not compare griefs.` },
  { slug: 'bipolar', name: 'Bipolar', description: 'Living with the highs and the lows, routines, medication questions and the people around us.', houseRules: `${COMMON_RULES} Share your experience of medication, but leave dosing advice to prescribers.` },
  { slug: 'ptsd-and-trauma', name: 'PTSD and trauma', description: 'A careful space for living after trauma: triggers, grounding, healing and hope, at your own pace.', houseRules: `${COMMON_RULES} Use content warnings generously and keep details of traumatic events brief.` },
  { slug: 'eating-difficulties', name: 'Eating difficulties', description: 'Support for a difficult relationship with food, body image and recovery, without judgement.', houseRules: `${COMMON_RULES} Please leave out numbers (weights, calories, sizes) and descriptions of behaviours.` },
  { slug: 'substance-use', name: 'Substance use', description: 'For anyone thinking about their drinking or drug use, in recovery, or supporting someone who is.', houseRules: `${COMMON_RULES} No sourcing, no glorifying. Every step counts, including the ones back.` },
  { slug: 'carers', name: 'Carers', description: 'For people caring for someone else: the love, the tiredness, and looking after yourself too.', houseRules: `${COMMON_RULES} Respect the privacy of the person you care for: no names or identifying details.` },
  { slug: 'lgbtq', name: 'LGBTQ+', description: 'A warm space for LGBTQ+ people to talk about identity, coming out, belonging and wellbeing.', houseRules: `${COMMON_RULES} Use the names and pronouns people share. Questioning is welcome here.` },
  { slug: 'students', name: 'Students', description: 'Exams, deadlines, homesickness, money and friendships: the ups and downs of student life.', houseRules: `${COMMON_RULES} Do not name your university or course if you would rather stay unrecognised.` },
];
