import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.js';

/**
 * Practical help and recovery (issue 8).
 * Library (shared, plain text, searchable): coping strategies, "this helped me" marks (one per
 * member by primary key), the resource directory with its languages.
 * Recovery (private to one member, every word sealed with the field key): goals and steps, saved
 * strategies, the safety plan, mood check-ins, reminder settings, journal entries.
 */
export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  // ── library ─────────────────────────────────────────────────────────────────
  await db.schema
    .createTable('coping_strategies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Null for the project's own strategies ("Kindred team") and after an author erased their account.
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('by_team', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('steps', 'text', (c) => c.notNull())
    .addColumn('when_it_helps', 'text', (c) => c.notNull())
    .addColumn('conditions', 'text', (c) => c.notNull())
    .addColumn('situations', 'text', (c) => c.notNull())
    .addColumn('situation_note', 'text')
    .addColumn('search_body', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('helped_count', 'integer', (c) => c.notNull())
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('coping_strategies_list_idx').on('coping_strategies').columns(['state', 'helped_count', 'id']).execute();
  await db.schema.createIndex('coping_strategies_author_idx').on('coping_strategies').columns(['author_id']).execute();

  await db.schema
    .createTable('coping_strategy_helped')
    .addColumn('strategy_id', 'text', (c) => c.notNull().references('coping_strategies.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('coping_strategy_helped_pk', ['strategy_id', 'user_id'])
    .execute();
  await db.schema.createIndex('coping_strategy_helped_user_idx').on('coping_strategy_helped').columns(['user_id']).execute();

  if (ctx.dialect === 'sqlite') {
    await sql`create virtual table coping_strategies_fts using fts5(title, search_body, content='coping_strategies', content_rowid='rowid', tokenize='porter unicode61')`.execute(db);
    await sql`create trigger coping_strategies_fts_ai after insert on coping_strategies begin
      insert into coping_strategies_fts(rowid, title, search_body) values (new.rowid, new.title, new.search_body);
    end`.execute(db);
    await sql`create trigger coping_strategies_fts_ad after delete on coping_strategies begin
      insert into coping_strategies_fts(coping_strategies_fts, rowid, title, search_body) values ('delete', old.rowid, old.title, old.search_body);
    end`.execute(db);
    await sql`create trigger coping_strategies_fts_au after update of title, search_body on coping_strategies begin
      insert into coping_strategies_fts(coping_strategies_fts, rowid, title, search_body) values ('delete', old.rowid, old.title, old.search_body);
      insert into coping_strategies_fts(rowid, title, search_body) values (new.rowid, new.title, new.search_body);
    end`.execute(db);
  } else {
    await sql`alter table coping_strategies add column search_vector tsvector generated always as (
      setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', search_body), 'B')
    ) stored`.execute(db);
    await sql`create index coping_strategies_search_idx on coping_strategies using gin (search_vector)`.execute(db);
  }

  await db.schema
    .createTable('resources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('cost', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('url', 'text')
    .addColumn('email', 'text')
    .addColumn('opening_hours', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('suggested_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('verified_at', 'text')
    .addColumn('verified_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('resources_filter_idx').on('resources').columns(['status', 'region', 'kind', 'cost']).execute();
  await db.schema.createIndex('resources_suggested_by_idx').on('resources').columns(['suggested_by']).execute();
  // One row per language so a language filter is an exact match, never a substring of a list.
  await db.schema
    .createTable('resource_languages')
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('resource_languages_pk', ['resource_id', 'language'])
    .execute();
  await db.schema.createIndex('resource_languages_language_idx').on('resource_languages').columns(['language', 'resource_id']).execute();

  // ── recovery (private) ──────────────────────────────────────────────────────
  await db.schema
    .createTable('recovery_goals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('title_enc', 'text', (c) => c.notNull())
    .addColumn('target_date', 'text')
    .addColumn('done_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('recovery_goals_user_idx').on('recovery_goals').columns(['user_id', 'id']).execute();

  await db.schema
    .createTable('recovery_goal_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('goal_id', 'text', (c) => c.notNull().references('recovery_goals.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('text_enc', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('recovery_goal_steps_goal_idx').on('recovery_goal_steps').columns(['goal_id', 'id']).execute();

  await db.schema
    .createTable('recovery_saved_strategies')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('strategy_id', 'text', (c) => c.notNull().references('coping_strategies.id').onDelete('cascade'))
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('recovery_saved_strategies_pk', ['user_id', 'strategy_id'])
    .execute();

  await db.schema
    .createTable('safety_plans')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    // The whole Stanley–Brown plan as one sealed JSON document.
    .addColumn('plan_enc', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('mood_checkins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // The mood number and sleep (whole minutes: exact on both engines) stay plain so the trend can be drawn; feelings and note are sealed.
    .addColumn('mood', 'integer', (c) => c.notNull())
    .addColumn('sleep_minutes', 'integer')
    .addColumn('sleep_quality', 'integer')
    .addColumn('details_enc', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mood_checkins_user_idx').on('mood_checkins').columns(['user_id', 'created_at']).execute();

  await db.schema
    .createTable('checkin_reminders')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('local_time', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('last_sent_on', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('journal_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('title_enc', 'text')
    .addColumn('body_enc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('journal_entries_user_idx').on('journal_entries').columns(['user_id', 'id']).execute();

  // The project's own strategies, listed from the start (fixed ids: inserting twice is impossible).
  const at = '2026-01-01T00:00:00.000Z';
  await db
    .insertInto('coping_strategies')
    .values(
      SEED_STRATEGIES.map((s, i) => ({
        id: `00000000-0000-7000-8008-${String(i + 1).padStart(12, '0')}`,
        author_id: null,
        by_team: 1,
        title: s.title,
        steps: JSON.stringify(s.steps),
        when_it_helps: s.whenItHelps,
        conditions: JSON.stringify(s.conditions),
        situations: JSON.stringify(s.situations),
        situation_note: null,
        search_body: [s.whenItHelps, ...s.steps].join('\n'),
        state: 'visible',
        helped_count: 0,
        reviewed_at: at,
        reviewed_by: null,
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
}

interface SeedStrategy {
  title: string;
  whenItHelps: string;
  steps: string[];
  conditions: string[];
  situations: string[];
}

/**
 * Well-known, evidence-based techniques, written for Kindred in plain words. Kept here (not
 * imported) because a migration that has shipped must never change under a later edit.
 */
const SEED_STRATEGIES: SeedStrategy[] = [
  {
    title: 'Grounding with your senses (5-4-3-2-1)',
    whenItHelps: 'When panic or a flashback pulls you out of the present and you need to land back in the room.',
    steps: [
      'Name five things you can see, slowly, one at a time.',
      'Notice four things you can touch: your feet on the floor, the fabric of your sleeve.',
      'Listen for three sounds, near and far.',
      'Find two things you can smell, or two smells you like.',
      'Notice one thing you can taste, or take a sip of water.',
      'Take one slow breath and notice that you are here, now.',
    ],
    conditions: ['anxiety', 'ptsd_and_trauma'],
    situations: ['panic_attack', 'panic_at_night', 'flashback'],
  },
  {
    title: 'Box breathing',
    whenItHelps: 'When your body is racing before something stressful and you want a steady rhythm to hold on to.',
    steps: [
      'Breathe in through your nose for a count of four.',
      'Hold gently for a count of four.',
      'Breathe out through your mouth for a count of four.',
      'Hold for a count of four, then begin again.',
      'Repeat four to six rounds; shorten the counts if four feels too long.',
    ],
    conditions: ['anxiety', 'work_stress', 'student_life'],
    situations: ['before_an_exam', 'before_a_hard_conversation', 'panic_attack'],
  },
  {
    title: 'Longer out-breath (4-7-8 breathing)',
    whenItHelps: 'When you are lying awake wound up, or need to slow your heart rate down.',
    steps: [
      'Breathe out completely.',
      'Breathe in quietly through your nose for a count of four.',
      'Hold for a count of seven, or less if that is uncomfortable.',
      'Breathe out slowly through your mouth for a count of eight.',
      'Do four cycles, then breathe normally and notice how you feel.',
    ],
    conditions: ['anxiety'],
    situations: ['cannot_sleep', 'panic_at_night'],
  },
  {
    title: 'Behavioural activation: one small planned thing',
    whenItHelps: 'When low mood makes everything feel pointless and you are waiting to feel like doing things first.',
    steps: [
      'Pick one small activity that used to give you a sense of enjoyment or achievement.',
      'Make it tiny: a ten-minute walk, a shower, texting one friend.',
      'Put it at a set time today, as if it were an appointment.',
      'Do it even if motivation has not arrived: action often comes before the feeling.',
      'Afterwards, rate your mood from 0 to 10 and write it down to notice the difference.',
    ],
    conditions: ['depression', 'loneliness', 'grief_and_loss'],
    situations: ['low_motivation', 'lonely_evening'],
  },
  {
    title: 'Sleep hygiene basics',
    whenItHelps: 'When sleep has gone irregular and tired days are making everything harder.',
    steps: [
      'Get up at the same time every day, weekends included.',
      'Keep the bed for sleep: if you are awake for a long while, get up and do something calm in dim light.',
      'Stop caffeine after early afternoon and go easy on alcohol in the evening.',
      'Put screens away for the last half hour and make the room dark and cool.',
      'Get some daylight in the morning, even a few minutes outside.',
    ],
    conditions: ['depression', 'anxiety', 'bipolar'],
    situations: ['cannot_sleep'],
  },
  {
    title: 'Urge surfing',
    whenItHelps: 'When an urge (to drink, use, binge or hurt yourself) rises like a wave and you want to ride it out.',
    steps: [
      'Notice the urge and name it: "I am having an urge."',
      'Find where you feel it in your body and describe it with curiosity.',
      'Breathe and picture the urge as a wave that rises, peaks and falls.',
      'Remind yourself urges usually pass within twenty to thirty minutes if you do not feed them.',
      'Check the strength every few minutes from 0 to 10 and watch it change.',
    ],
    conditions: ['substance_use', 'eating_difficulties', 'self_harm'],
    situations: ['strong_urge'],
  },
  {
    title: 'Opposite action',
    whenItHelps: 'When an emotion pushes you to do something that will make things worse, like hiding away or lashing out.',
    steps: [
      'Name the emotion and the urge that comes with it.',
      'Ask whether acting on the urge would help you in the long run.',
      'If not, choose the opposite action: approach instead of avoid, gentle instead of attack.',
      'Do the opposite action fully, with your posture and voice too.',
      'Repeat it; the emotion tends to ease as you keep acting against it.',
    ],
    conditions: ['depression', 'anxiety', 'relationships'],
    situations: ['after_an_argument', 'low_motivation'],
  },
  {
    title: 'Self-compassion break',
    whenItHelps: 'When your inner voice is harsh after a mistake or a hard day.',
    steps: [
      'Say to yourself: "This is a moment of suffering." Naming it helps.',
      'Remind yourself: "Difficulty is part of being human; others feel this too."',
      'Put a hand on your chest or another comforting place.',
      'Ask what you would say to a friend in your place, and say it to yourself.',
    ],
    conditions: ['depression', 'anxiety', 'eating_difficulties'],
    situations: ['after_a_setback', 'after_an_argument'],
  },
  {
    title: 'Progressive muscle relaxation',
    whenItHelps: 'When stress sits in your body as tight shoulders, a clenched jaw or restless legs.',
    steps: [
      'Sit or lie somewhere comfortable.',
      'Starting with your feet, tense the muscles for about five seconds.',
      'Let go all at once and notice the difference for ten to fifteen seconds.',
      'Work upwards: legs, belly, hands, arms, shoulders, face.',
      'Finish with a few slow breaths, noticing the body as a whole.',
    ],
    conditions: ['anxiety', 'work_stress', 'chronic_illness'],
    situations: ['cannot_sleep', 'before_an_exam'],
  },
  {
    title: 'Worry time',
    whenItHelps: 'When worries follow you all day and you cannot switch them off.',
    steps: [
      'Set fifteen minutes at the same time each day as your worry time (not just before bed).',
      'When a worry comes at another time, jot it down and tell yourself you will deal with it later.',
      'At worry time, go through the list: which can you act on, and which are out of your hands?',
      'Plan one step for the ones you can act on; let the rest go for today.',
      'When the time is up, stop and do something that absorbs you.',
    ],
    conditions: ['anxiety', 'ocd', 'work_stress'],
    situations: ['racing_thoughts', 'cannot_sleep'],
  },
  {
    title: 'Change your body temperature (TIPP)',
    whenItHelps: 'When an emotion is so intense you cannot think, and you need to bring it down fast.',
    steps: [
      'Splash cold water on your face, or hold a cool pack to your eyes and cheeks for up to thirty seconds, while holding your breath briefly.',
      'This triggers the body’s dive reflex, which slows the heart.',
      'Follow with a short burst of movement if you can, like a brisk walk or jumping on the spot.',
      'Then slow your breathing, with a longer out-breath.',
      'If you have a heart condition or an eating disorder, check with a clinician before using cold water.',
    ],
    conditions: ['anxiety', 'bipolar', 'self_harm'],
    situations: ['panic_attack', 'strong_urge', 'after_an_argument'],
  },
  {
    title: 'Safe place visualisation',
    whenItHelps: 'When you need a few minutes of calm, or a way to settle before sleep.',
    steps: [
      'Close your eyes or soften your gaze and breathe slowly.',
      'Picture a place where you feel safe and at ease, real or imagined.',
      'Fill in the details with each sense: light, sounds, smells, temperature.',
      'Notice the feeling of safety in your body and give it a word.',
      'Know you can return there whenever you want, by bringing back that word.',
    ],
    conditions: ['anxiety', 'ptsd_and_trauma'],
    situations: ['cannot_sleep', 'flashback', 'racing_thoughts'],
  },
];
