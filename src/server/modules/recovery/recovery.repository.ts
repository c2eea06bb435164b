import type { Selectable } from 'kysely';
import { precompiledInsert, type Executor } from '../../platform/db.js';
import type {
  CheckinRemindersTable,
  JournalEntriesTable,
  MoodCheckinsTable,
  RecoveryGoalStepsTable,
  RecoveryGoalsTable,
} from '../../platform/schema.js';

export type GoalRow = Selectable<RecoveryGoalsTable>;
export type StepRow = Selectable<RecoveryGoalStepsTable>;
export type MoodCheckinRow = Selectable<MoodCheckinsTable>;
export type JournalRow = Selectable<JournalEntriesTable>;
export type ReminderRow = Selectable<CheckinRemindersTable>;

const insertCheckinRow = precompiledInsert<MoodCheckinRow>('mood_checkins', ['id', 'user_id', 'mood', 'sleep_minutes', 'sleep_quality', 'details_enc', 'created_at']);

/**
 * Kysely only: one member's goals, steps, saved strategies, safety plan, check-ins, reminder and
 * journal. Every read names the owner: a row of someone else is never returned, whatever its id.
 */
export const recoveryRepository = {
  timeZoneOf(db: Executor, userId: string) {
    return db.selectFrom('users').select(['time_zone', 'handle']).where('id', '=', userId).executeTakeFirst();
  },

  // ── goals ───────────────────────────────────────────────────────────────────
  async insertGoal(db: Executor, row: GoalRow) {
    await db.insertInto('recovery_goals').values(row).execute();
  },
  findGoal(db: Executor, userId: string, id: string) {
    return db.selectFrom('recovery_goals').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  },
  goalsOf(db: Executor, userId: string) {
    return db.selectFrom('recovery_goals').selectAll().where('user_id', '=', userId).orderBy('id').execute();
  },
  async goalCount(db: Executor, userId: string): Promise<number> {
    return (await db.selectFrom('recovery_goals').select('id').where('user_id', '=', userId).execute()).length;
  },
  async updateGoal(db: Executor, userId: string, id: string, patch: Partial<Omit<GoalRow, 'id' | 'user_id'>>) {
    await db.updateTable('recovery_goals').set(patch).where('id', '=', id).where('user_id', '=', userId).execute();
  },
  async deleteGoal(db: Executor, userId: string, id: string): Promise<boolean> {
    const res = await db.deleteFrom('recovery_goals').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  },
  async insertStep(db: Executor, row: StepRow) {
    await db.insertInto('recovery_goal_steps').values(row).execute();
  },
  stepsOf(db: Executor, userId: string, goalIds: string[]) {
    if (!goalIds.length) return Promise.resolve([] as StepRow[]);
    return db.selectFrom('recovery_goal_steps').selectAll().where('user_id', '=', userId).where('goal_id', 'in', goalIds).orderBy('id').execute();
  },
  findStep(db: Executor, userId: string, goalId: string, id: string) {
    return db.selectFrom('recovery_goal_steps').selectAll().where('id', '=', id).where('goal_id', '=', goalId).where('user_id', '=', userId).executeTakeFirst();
  },
  async updateStep(db: Executor, userId: string, id: string, patch: { done_at: string | null }) {
    await db.updateTable('recovery_goal_steps').set(patch).where('id', '=', id).where('user_id', '=', userId).execute();
  },
  async deleteStep(db: Executor, userId: string, goalId: string, id: string): Promise<boolean> {
    const res = await db.deleteFrom('recovery_goal_steps').where('id', '=', id).where('goal_id', '=', goalId).where('user_id', '=', userId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  },

  // ── goal shares ─────────────────────────────────────────────────────────────
  async shareGoal(db: Executor, row: { goal_id: string; group_id: string; user_id: string; shared_at: string }) {
    await db.insertInto('goal_shares').values(row).onConflict((oc) => oc.columns(['goal_id', 'group_id']).doNothing()).execute();
  },
  async unshareGoal(db: Executor, userId: string, goalId: string, groupId: string): Promise<boolean> {
    const res = await db.deleteFrom('goal_shares').where('goal_id', '=', goalId).where('group_id', '=', groupId).where('user_id', '=', userId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  },
  sharesOf(db: Executor, userId: string) {
    return db.selectFrom('goal_shares').select(['goal_id', 'group_id', 'shared_at']).where('user_id', '=', userId).orderBy('shared_at').orderBy('goal_id').execute();
  },
  /** The goals shared into one group, with the sharer's handle (the words are opened by the service). */
  sharedInto(db: Executor, groupId: string) {
    return db
      .selectFrom('goal_shares')
      .innerJoin('recovery_goals', 'recovery_goals.id', 'goal_shares.goal_id')
      .innerJoin('users', 'users.id', 'goal_shares.user_id')
      .select(['recovery_goals.id', 'recovery_goals.user_id', 'recovery_goals.title_enc', 'recovery_goals.target_date', 'recovery_goals.done_at', 'users.handle', 'goal_shares.shared_at'])
      .where('goal_shares.group_id', '=', groupId)
      .orderBy('goal_shares.shared_at')
      .orderBy('goal_shares.goal_id')
      .execute();
  },
  /** Steps done / total per goal, without reading a word of them. */
  async stepCounts(db: Executor, goalIds: string[]): Promise<Map<string, { done: number; total: number }>> {
    const out = new Map<string, { done: number; total: number }>();
    if (!goalIds.length) return out;
    const rows = await db.selectFrom('recovery_goal_steps').select(['goal_id', 'done_at']).where('goal_id', 'in', goalIds).execute();
    for (const r of rows) {
      const c = out.get(r.goal_id) ?? { done: 0, total: 0 };
      c.total += 1;
      if (r.done_at !== null) c.done += 1;
      out.set(r.goal_id, c);
    }
    return out;
  },

  // ── saved strategies ────────────────────────────────────────────────────────
  async saveStrategy(db: Executor, userId: string, strategyId: string, at: string) {
    await db
      .insertInto('recovery_saved_strategies')
      .values({ user_id: userId, strategy_id: strategyId, saved_at: at })
      .onConflict((oc) => oc.columns(['user_id', 'strategy_id']).doNothing())
      .execute();
  },
  async unsaveStrategy(db: Executor, userId: string, strategyId: string): Promise<boolean> {
    const res = await db.deleteFrom('recovery_saved_strategies').where('user_id', '=', userId).where('strategy_id', '=', strategyId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  },
  savedStrategies(db: Executor, userId: string) {
    return db.selectFrom('recovery_saved_strategies').select(['strategy_id', 'saved_at']).where('user_id', '=', userId).orderBy('saved_at').execute();
  },

  // ── safety plan ─────────────────────────────────────────────────────────────
  safetyPlanOf(db: Executor, userId: string) {
    return db.selectFrom('safety_plans').selectAll().where('user_id', '=', userId).executeTakeFirst();
  },
  async putSafetyPlan(db: Executor, userId: string, planEnc: string, at: string) {
    await db
      .insertInto('safety_plans')
      .values({ user_id: userId, plan_enc: planEnc, updated_at: at })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ plan_enc: planEnc, updated_at: at }))
      .execute();
  },

  // ── check-ins ───────────────────────────────────────────────────────────────
  /**
   * Built once, and sent `later` on PostgreSQL (ADR 028, amendment of 2026-11-27 morning): with the
   * screening's row, a check-in is one statement there (no begin, no commit).
   */
  async insertCheckin(db: Executor, row: MoodCheckinRow) {
    await insertCheckinRow.later(db, row);
  },
  findCheckin(db: Executor, userId: string, id: string) {
    return db.selectFrom('mood_checkins').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  },
  checkinsPage(db: Executor, userId: string, o: { beforeId: string | null; limit: number }) {
    let q = db.selectFrom('mood_checkins').selectAll().where('user_id', '=', userId);
    if (o.beforeId) q = q.where('id', '<', o.beforeId);
    return q.orderBy('id', 'desc').limit(o.limit).execute();
  },
  /** Mood and sleep only (no sealed words) between two instants, for the trend. */
  checkinsBetween(db: Executor, userId: string, fromIso: string, toIso: string) {
    return db
      .selectFrom('mood_checkins')
      .select(['id', 'mood', 'sleep_minutes', 'created_at'])
      .where('user_id', '=', userId)
      .where('created_at', '>=', fromIso)
      .where('created_at', '<', toIso)
      .orderBy('created_at')
      .execute();
  },
  latestCheckinAt(db: Executor, userId: string) {
    return db.selectFrom('mood_checkins').select('created_at').where('user_id', '=', userId).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  },
  async deleteCheckin(db: Executor, userId: string, id: string): Promise<boolean> {
    const res = await db.deleteFrom('mood_checkins').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  },
  allCheckinsOf(db: Executor, userId: string) {
    return db.selectFrom('mood_checkins').selectAll().where('user_id', '=', userId).orderBy('id').execute();
  },

  // ── reminders ───────────────────────────────────────────────────────────────
  reminderOf(db: Executor, userId: string) {
    return db.selectFrom('checkin_reminders').selectAll().where('user_id', '=', userId).executeTakeFirst();
  },
  async putReminder(db: Executor, row: Omit<ReminderRow, 'last_sent_on'>) {
    await db
      .insertInto('checkin_reminders')
      .values({ ...row, last_sent_on: null })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ enabled: row.enabled, local_time: row.local_time, time_zone: row.time_zone, updated_at: row.updated_at }))
      .execute();
  },
  enabledReminders(db: Executor, afterUserId: string | null, limit: number) {
    let q = db.selectFrom('checkin_reminders').selectAll().where('enabled', '=', 1);
    if (afterUserId) q = q.where('user_id', '>', afterUserId);
    return q.orderBy('user_id').limit(limit).execute();
  },
  /** Claims today's reminder: true for exactly one caller per member and local day (several instances may sweep). */
  async claimReminder(db: Executor, userId: string, localDate: string): Promise<boolean> {
    const res = await db
      .updateTable('checkin_reminders')
      .set({ last_sent_on: localDate })
      .where('user_id', '=', userId)
      .where('enabled', '=', 1)
      .where((eb) => eb.or([eb('last_sent_on', 'is', null), eb('last_sent_on', '<>', localDate)]))
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  },

  // ── journal ─────────────────────────────────────────────────────────────────
  async insertJournal(db: Executor, row: JournalRow) {
    await db.insertInto('journal_entries').values(row).execute();
  },
  findJournal(db: Executor, userId: string, id: string) {
    return db.selectFrom('journal_entries').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  },
  journalByIds(db: Executor, userId: string, ids: string[]) {
    if (!ids.length) return Promise.resolve([] as JournalRow[]);
    return db.selectFrom('journal_entries').selectAll().where('user_id', '=', userId).where('id', 'in', ids).orderBy('id').execute();
  },
  journalPage(db: Executor, userId: string, o: { beforeId: string | null; limit: number }) {
    let q = db.selectFrom('journal_entries').selectAll().where('user_id', '=', userId);
    if (o.beforeId) q = q.where('id', '<', o.beforeId);
    return q.orderBy('id', 'desc').limit(o.limit).execute();
  },
  async updateJournal(db: Executor, userId: string, id: string, patch: { title_enc: string | null; body_enc: string; updated_at: string }) {
    await db.updateTable('journal_entries').set(patch).where('id', '=', id).where('user_id', '=', userId).execute();
  },
  async deleteJournal(db: Executor, userId: string, id: string): Promise<boolean> {
    const res = await db.deleteFrom('journal_entries').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  },

  // ── erasure ─────────────────────────────────────────────────────────────────
  async eraseUser(db: Executor, userId: string) {
    await db.deleteFrom('goal_shares').where('user_id', '=', userId).execute();
    await db.deleteFrom('journal_entries').where('user_id', '=', userId).execute();
    await db.deleteFrom('checkin_reminders').where('user_id', '=', userId).execute();
    await db.deleteFrom('mood_checkins').where('user_id', '=', userId).execute();
    await db.deleteFrom('safety_plans').where('user_id', '=', userId).execute();
    await db.deleteFrom('recovery_saved_strategies').where('user_id', '=', userId).execute();
    await db.deleteFrom('recovery_goal_steps').where('user_id', '=', userId).execute();
    await db.deleteFrom('recovery_goals').where('user_id', '=', userId).execute();
  },
};
