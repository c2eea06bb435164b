import type { z } from 'zod';
import type { GoalBody, GoalPatchBody, JournalBody, JournalCreateBody, JournalQuery, MoodCheckinBody, MoodCheckinCreateBody, ReminderBody, SafetyPlanBody, StepBody, SummaryBody, SummaryView, TREND_RANGES } from '../../../contracts/recovery.js';
import { RECOVERY_LIMITS } from '../../../contracts/recovery.js';
import type { SafetyNotice } from '../../../contracts/safety.js';
import type { Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { Keyring } from '../../platform/crypto.js';
import type { Db, Executor } from '../../platform/db.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import type { IdempotentCreates } from '../../platform/idempotency.js';
import { newId } from '../../platform/ids.js';
import type { Tx, UnitOfWork } from '../../platform/outbox.js';
import type { PersonalDataContributor } from '../../platform/privacy.js';
import type { CirclesService } from '../circles/circles.service.js';
import type { GroupsService } from '../groups/groups.service.js';
import type { LibraryService } from '../library/library.service.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import { responseFor, screen } from '../../../safety/index.js';
import type { TextScreener } from '../safety/safety.service.js';
import { addDays, datesBetween, localParts, utcWindow } from './local-time.js';
import { recoveryPolicy, type RecoveryAction } from './recovery.policy.js';
import { presentGoal, presentJournalEntry, presentSharedGoal, presentMoodCheckin, presentSafetyPlan, type StoredSafetyPlan } from './recovery.presenter.js';
import { recoveryRepository as repo, type GoalRow, type JournalRow, type MoodCheckinRow } from './recovery.repository.js';

export interface RecoveryDeps {
  db: Db;
  uow: UnitOfWork;
  clock: Clock;
  keyring: Keyring;
  /** Check-ins and journal entries a retry must not store twice (ADR 042). */
  creates: IdempotentCreates;
  screener: TextScreener;
  notifications: NotificationsService;
  library: LibraryService;
  circles: CirclesService;
  groups: GroupsService;
}

const RANGE_DAYS: Record<(typeof TREND_RANGES)[number], number> = { week: 7, month: 30, quarter: 90 };
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const REMINDER_TEXT = 'Time for your check-in: how are you today? It takes ten seconds.';

function checkCursor(cursor: string | undefined): string | null {
  if (cursor === undefined) return null;
  if (!UUID_RE.test(cursor)) throw badRequest('query cursor: is not a cursor this server gave out', { fields: [{ path: 'query cursor', message: 'is not valid' }] });
  return cursor;
}

/** Lower-cased words, accents folded, for journal search. */
function words(text: string): string[] {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * A member's own recovery space: goals with steps, strategies saved from the library, the
 * Stanley–Brown safety plan, mood check-ins with reminders and a trend, a journal, and a therapist
 * summary made on request. Every word is sealed with the field key (bound to its owner) and
 * screened as it is written. Nobody else reaches any of it: every read is by owner, and a row of
 * someone else is the same 404 as a row that does not exist.
 */
export class RecoveryService {

  constructor(private readonly deps: RecoveryDeps) {}

  private seal(text: string, scope: string): string {
    return this.deps.keyring.field.encrypt(text, scope);
  }

  private open(sealed: string, scope: string): string {
    return this.deps.keyring.field.decrypt(sealed, scope);
  }

  private own(actor: Actor, action: RecoveryAction, ownerId: string, what: string): void {
    if (!recoveryPolicy.can(actor, action, { ownerId })) throw notFound(`That ${what} was not found.`);
  }

  /**
   * Private text is screened like every other: the writer sees crisis resources at level ≥ 2 and a
   * level ≥ 3 raises the usual alert (the alert carries the level, never the words). It is never
   * held, because nobody but the writer reads it (see README: private text and the safety screen).
   */
  private async screen(tx: Tx, actor: Actor, objectType: string, objectId: string, text: string, surface: 'journal' | 'checkin_note' | 'other', alerts = true): Promise<SafetyNotice> {
    const verdict = await this.deps.screener.screenAndRecord(tx, { userId: actor.userId, objectType, objectId, text, surface, region: actor.region, audience: 'writer_only', alerts });
    return verdict.notice;
  }

  private async zoneOf(db: Executor, userId: string): Promise<string> {
    return (await repo.timeZoneOf(db, userId))?.time_zone ?? 'UTC';
  }

  // ── goals ───────────────────────────────────────────────────────────────────
  private async goalViews(db: Executor, actor: Actor, goals: GoalRow[]) {
    const steps = await repo.stepsOf(db, actor.userId, goals.map((g) => g.id));
    const scope = `recovery:${actor.userId}`;
    return goals.map((g) =>
      presentGoal(
        g,
        this.open(g.title_enc, scope),
        steps.filter((s) => s.goal_id === g.id).map((row) => ({ row, text: this.open(row.text_enc, scope) })),
      ),
    );
  }

  async goals(actor: Actor) {
    return this.goalViews(this.deps.db, actor, await repo.goalsOf(this.deps.db, actor.userId));
  }

  /** A retry with the same `clientId` answers with the first goal (ADR 042): nothing screened or stored again. */
  async createGoal(actor: Actor, input: z.infer<typeof GoalBody>) {
    const { clientId, ...request } = input;
    return this.deps.creates.run(
      actor.userId,
      clientId,
      { kind: 'recovery.goal', target: actor.userId, body: request },
      (tx) => this.insertGoal(tx, actor, request),
      (written) => written.goal.id,
      async (id) => {
        const g = await repo.findGoal(this.deps.db, actor.userId, id);
        if (!g) return undefined;
        const [goal] = await this.goalViews(this.deps.db, actor, [g]);
        const safety = await this.deps.screener.noticeAgain({ text: [request.title, ...request.steps].join('\n'), surface: 'other', region: actor.region, audience: 'writer_only' }, false);
        return { goal: goal!, safety: safety.level > 0 ? safety : null };
      },
    );
  }

  private async insertGoal(tx: Tx, actor: Actor, input: Omit<z.infer<typeof GoalBody>, 'clientId'>) {
    if ((await repo.goalCount(tx.trx, actor.userId)) >= RECOVERY_LIMITS.goalsMax) throw conflict(`You have ${RECOVERY_LIMITS.goalsMax} goals, the most a plan holds. Finish or remove one first.`);
    const id = newId(tx.now.getTime());
    const safety = await this.screen(tx, actor, 'recovery_goal', id, [input.title, ...input.steps].join('\n'), 'other');
    const iso = tx.now.toISOString();
    const scope = `recovery:${actor.userId}`;
    await repo.insertGoal(tx.trx, { id, user_id: actor.userId, title_enc: this.seal(input.title, scope), target_date: input.targetDate ?? null, done_at: null, created_at: iso, updated_at: iso });
    for (const step of input.steps) {
      await repo.insertStep(tx.trx, { id: newId(tx.now.getTime()), goal_id: id, user_id: actor.userId, text_enc: this.seal(step, scope), done_at: null, created_at: iso });
    }
    const [goal] = await this.goalViews(tx.trx, actor, [(await repo.findGoal(tx.trx, actor.userId, id))!]);
    return { goal: goal!, safety: safety.level > 0 ? safety : null };
  }

  private async myGoal(db: Executor, actor: Actor, id: string) {
    const g = await repo.findGoal(db, actor.userId, id);
    if (!g) throw notFound('That goal was not found.');
    this.own(actor, 'plan.write', g.user_id, 'goal');
    return g;
  }

  async updateGoal(actor: Actor, id: string, input: z.infer<typeof GoalPatchBody>) {
    return this.deps.uow.run(async (tx) => {
      const g = await this.myGoal(tx.trx, actor, id);
      let safety: SafetyNotice | null = null;
      const patch: Partial<GoalRow> = { updated_at: tx.now.toISOString() };
      if (input.title !== undefined) {
        safety = await this.screen(tx, actor, 'recovery_goal', g.id, input.title, 'other');
        patch.title_enc = this.seal(input.title, `recovery:${actor.userId}`);
      }
      if (input.targetDate !== undefined) patch.target_date = input.targetDate;
      if (input.done !== undefined) patch.done_at = input.done ? (g.done_at ?? tx.now.toISOString()) : null;
      await repo.updateGoal(tx.trx, actor.userId, g.id, patch);
      const [goal] = await this.goalViews(tx.trx, actor, [(await repo.findGoal(tx.trx, actor.userId, g.id))!]);
      return { goal: goal!, safety: safety && safety.level > 0 ? safety : null };
    });
  }

  async deleteGoal(actor: Actor, id: string): Promise<void> {
    await this.deps.uow.run(async (tx) => {
      const g = await this.myGoal(tx.trx, actor, id);
      await repo.deleteGoal(tx.trx, actor.userId, g.id);
    });
  }

  /** A retry with the same `clientId` answers with the goal as it is now (ADR 042): the step is stored once. */
  async addStep(actor: Actor, goalId: string, input: z.infer<typeof StepBody>) {
    const { clientId, text } = input;
    const written = await this.deps.creates.run(
      actor.userId,
      clientId,
      { kind: 'recovery.goal_step', target: goalId, body: { text } },
      async (tx) => {
        const g = await this.myGoal(tx.trx, actor, goalId);
        if ((await repo.stepsOf(tx.trx, actor.userId, [g.id])).length >= RECOVERY_LIMITS.stepsPerGoalMax) throw conflict(`A goal holds at most ${RECOVERY_LIMITS.stepsPerGoalMax} steps.`);
        const id = newId(tx.now.getTime());
        const safety = await this.screen(tx, actor, 'recovery_goal_step', id, text, 'other');
        await repo.insertStep(tx.trx, { id, goal_id: g.id, user_id: actor.userId, text_enc: this.seal(text, `recovery:${actor.userId}`), done_at: null, created_at: tx.now.toISOString() });
        const [goal] = await this.goalViews(tx.trx, actor, [g]);
        return { stepId: id, goal: goal!, safety: safety.level > 0 ? safety : null };
      },
      (w) => w.stepId,
      async (stepId) => {
        const g = await repo.findGoal(this.deps.db, actor.userId, goalId);
        if (!g || !(await repo.findStep(this.deps.db, actor.userId, g.id, stepId))) return undefined;
        const [goal] = await this.goalViews(this.deps.db, actor, [g]);
        const safety = await this.deps.screener.noticeAgain({ text, surface: 'other', region: actor.region, audience: 'writer_only' }, false);
        return { stepId, goal: goal!, safety: safety.level > 0 ? safety : null };
      },
    );
    const { goal, safety } = written.result;
    return { result: { goal, safety }, replayed: written.replayed };
  }

  async setStepDone(actor: Actor, goalId: string, stepId: string, done: boolean) {
    return this.deps.uow.run(async (tx) => {
      const g = await this.myGoal(tx.trx, actor, goalId);
      const s = await repo.findStep(tx.trx, actor.userId, g.id, stepId);
      if (!s) throw notFound('That step was not found.');
      await repo.updateStep(tx.trx, actor.userId, s.id, { done_at: done ? (s.done_at ?? tx.now.toISOString()) : null });
      const [goal] = await this.goalViews(tx.trx, actor, [g]);
      return goal!;
    });
  }

  async deleteStep(actor: Actor, goalId: string, stepId: string) {
    return this.deps.uow.run(async (tx) => {
      const g = await this.myGoal(tx.trx, actor, goalId);
      if (!(await repo.deleteStep(tx.trx, actor.userId, g.id, stepId))) throw notFound('That step was not found.');
      const [goal] = await this.goalViews(tx.trx, actor, [g]);
      return goal!;
    });
  }

  // ── sharing a goal into a support group ─────────────────────────────────────
  /** My shares and the groups I may share into now. */
  async goalShares(actor: Actor) {
    const [groups, shares] = await Promise.all([this.deps.groups.shareableGroupsOf(this.deps.db, actor.userId), repo.sharesOf(this.deps.db, actor.userId)]);
    return { groups, shares: shares.map((s) => ({ goalId: s.goal_id, groupId: s.group_id, sharedAt: s.shared_at })) };
  }

  /**
   * Shares one goal into one group: explicit and per item (nothing is shared by default). The
   * group's own check runs in this transaction, so a group I am not in is a 404 and nothing is written.
   */
  async shareGoal(actor: Actor, goalId: string, groupId: string) {
    await this.deps.uow.run(async (tx) => {
      const g = await this.myGoal(tx.trx, actor, goalId);
      const group = await this.deps.groups.assertMaySharePersonal(tx.trx, actor, groupId);
      // Written as private text (never held from its writer), the title is about to reach others:
      // what the screen would hold from a group (method details, imminent risk) is not shared.
      if (responseFor(screen(this.open(g.title_enc, `recovery:${actor.userId}`), { surface: 'post' })).holdForReview) {
        throw conflict('This goal’s words can’t be shared with a group as they are. You can reword the goal, then share it.', { reason: 'held_from_group' });
      }
      await repo.shareGoal(tx.trx, { goal_id: g.id, group_id: group.id, user_id: actor.userId, shared_at: tx.now.toISOString() });
      await tx.emit('group.goal_progress', { groupId: group.id, goalId: g.id }, [`group:${group.id}`]);
    });
    return this.goalShares(actor);
  }

  /** Stops sharing at any time, even after leaving the group. */
  async unshareGoal(actor: Actor, goalId: string, groupId: string) {
    await this.deps.uow.run(async (tx) => {
      const g = await this.myGoal(tx.trx, actor, goalId);
      if (!(await repo.unshareGoal(tx.trx, actor.userId, g.id, groupId))) throw notFound('That goal is not shared with that group.');
      await tx.emit('group.goal_progress', { groupId, goalId: g.id }, [`group:${groupId}`]);
    });
    return this.goalShares(actor);
  }

  /** What a group's participants see: shares of its current members only (leaving hides them). */
  async sharedGoalsOf(actor: Actor, groupId: string) {
    const db = this.deps.db;
    const { memberIds } = await this.deps.groups.assertMaySeeShared(db, actor, groupId);
    const rows = (await repo.sharedInto(db, groupId)).filter((r) => memberIds.has(r.user_id));
    const counts = await repo.stepCounts(db, rows.map((r) => r.id));
    return rows.map((r) => presentSharedGoal(r, this.open(r.title_enc, `recovery:${r.user_id}`), counts.get(r.id) ?? { done: 0, total: 0 }));
  }

  // ── saved strategies ────────────────────────────────────────────────────────
  async savedStrategies(actor: Actor) {
    const saved = await repo.savedStrategies(this.deps.db, actor.userId);
    const views = await this.deps.library.readableStrategies(actor, saved.map((s) => s.strategy_id));
    // In the order they were saved; a strategy removed from the library drops out of the plan.
    return saved.map((s) => views.find((v) => v.id === s.strategy_id)).filter((v) => v !== undefined);
  }

  async saveStrategy(actor: Actor, strategyId: string) {
    await this.deps.uow.run(async (tx) => {
      await this.deps.library.assertReadableStrategy(tx.trx, actor, strategyId);
      await repo.saveStrategy(tx.trx, actor.userId, strategyId, tx.now.toISOString());
    });
    return this.savedStrategies(actor);
  }

  async unsaveStrategy(actor: Actor, strategyId: string) {
    await this.deps.uow.run(async (tx) => {
      if (!(await repo.unsaveStrategy(tx.trx, actor.userId, strategyId))) throw notFound('That strategy is not in your plan.');
    });
    return this.savedStrategies(actor);
  }

  // ── safety plan ─────────────────────────────────────────────────────────────
  private openPlan(row: { user_id: string; plan_enc: string } | undefined): StoredSafetyPlan | null {
    return row ? (JSON.parse(this.open(row.plan_enc, `safety_plans:${row.user_id}`)) as StoredSafetyPlan) : null;
  }

  async safetyPlan(actor: Actor) {
    const row = await repo.safetyPlanOf(this.deps.db, actor.userId);
    return presentSafetyPlan(this.openPlan(row), row?.updated_at ?? null);
  }

  /**
   * Saves the whole plan. It is screened and the writer gets the notice (crisis lines at level ≥ 2),
   * but it raises no alert and is never held: a safety plan names warning signs and crises by
   * design, and alerting on every save would bury real alerts and punish the member for planning.
   */
  async putSafetyPlan(actor: Actor, input: z.infer<typeof SafetyPlanBody>) {
    return this.deps.uow.run(async (tx) => {
      const text = [
        ...input.warningSigns,
        ...input.internalCoping,
        ...[...input.distractions, ...input.helpers, ...input.professionals].map((c) => [c.name, c.note ?? ''].join(' ')),
        ...input.safeEnvironment,
        input.reasonForLiving ?? '',
      ].join('\n');
      const safety = await this.screen(tx, actor, 'safety_plan', actor.userId, text, 'other', false);
      const iso = tx.now.toISOString();
      await repo.putSafetyPlan(tx.trx, actor.userId, this.seal(JSON.stringify(input), `safety_plans:${actor.userId}`), iso);
      return { plan: presentSafetyPlan(input, iso), safety };
    });
  }

  // ── check-ins ───────────────────────────────────────────────────────────────
  private openCheckin(c: MoodCheckinRow): { feelings: string[]; note: string | null } {
    if (!c.details_enc) return { feelings: [], note: null };
    return JSON.parse(this.open(c.details_enc, `mood_checkins:${c.user_id}`)) as { feelings: string[]; note: string | null };
  }

  /** One quick write: mood, optional feelings, sleep and a note (screened, sealed with the feelings). */
  async checkIn(actor: Actor, input: z.infer<typeof MoodCheckinCreateBody>) {
    const { clientId, ...request } = input;
    return this.deps.creates.run(
      actor.userId,
      clientId,
      { kind: 'recovery.checkin', target: actor.userId, body: request },
      (tx) => this.writeCheckin(tx, actor, request),
      (written) => written.checkin.id,
      async (id) => {
        const row = await repo.findCheckin(this.deps.db, actor.userId, id);
        if (!row) return undefined;
        const sharedWith = [...new Set(request.shareToCircles)];
        // Shared words were screened as circle text (held from the circle if need be), private ones as the writer's own.
        const safety = request.note ? await this.deps.screener.noticeAgain({ text: request.note, surface: 'checkin_note', region: actor.region, audience: sharedWith.length ? 'others' : 'writer_only' }, await this.deps.circles.checkinNoteHeld(id)) : null;
        return { checkin: presentMoodCheckin(row, this.openCheckin(row)), safety, sharedWith };
      },
    );
  }

  private async writeCheckin(tx: Tx, actor: Actor, input: z.infer<typeof MoodCheckinBody>) {
    const id = newId(tx.now.getTime());
    const circleIds = [...new Set(input.shareToCircles)];
    // Shared words are screened again by the circle path (which raises the alert and may hold them
    // from the circle); the private copy's screen then only informs, so one note is one alert.
    let safety = input.note ? await this.screen(tx, actor, 'mood_checkin', id, input.note, 'checkin_note', circleIds.length === 0) : null;
    const shared = await this.deps.circles.shareRecoveryCheckin(tx, actor, { checkinId: id, mood: input.mood, note: input.note ?? null, circleIds });
    if (shared?.safety) safety = shared.safety;
    const feelings = [...new Set(input.feelings)];
    const details = feelings.length || input.note ? this.seal(JSON.stringify({ feelings, note: input.note ?? null }), `mood_checkins:${actor.userId}`) : null;
    const row: MoodCheckinRow = {
      id,
      user_id: actor.userId,
      mood: input.mood,
      sleep_minutes: input.sleepHours === undefined ? null : Math.round(input.sleepHours * 60),
      sleep_quality: input.sleepQuality ?? null,
      details_enc: details,
      created_at: tx.now.toISOString(),
    };
    await repo.insertCheckin(tx.trx, row);
    return { checkin: presentMoodCheckin(row, { feelings, note: input.note ?? null }), safety, sharedWith: circleIds };
  }

  async checkins(actor: Actor, q: { cursor?: string | undefined; limit: number }) {
    const rows = await repo.checkinsPage(this.deps.db, actor.userId, { beforeId: checkCursor(q.cursor), limit: q.limit });
    return { checkins: rows.map((c) => presentMoodCheckin(c, this.openCheckin(c))), nextCursor: rows.length === q.limit ? rows[rows.length - 1]!.id : null };
  }

  async checkin(actor: Actor, id: string) {
    const c = await repo.findCheckin(this.deps.db, actor.userId, id);
    if (!c) throw notFound('That check-in was not found.');
    this.own(actor, 'checkin.read', c.user_id, 'check-in');
    return presentMoodCheckin(c, this.openCheckin(c));
  }

  async deleteCheckin(actor: Actor, id: string): Promise<void> {
    await this.deps.uow.run(async (tx) => {
      if (!(await repo.deleteCheckin(tx.trx, actor.userId, id))) throw notFound('That check-in was not found.');
      await this.deps.circles.withdrawRecoveryCheckin(tx, actor.userId, id);
    });
  }

  /** Per-day averages in the member's zone from `from` to `to`; a day without a check-in is null (a gap). */
  private async trendDays(db: Executor, userId: string, timeZone: string, from: string, to: string) {
    const { fromIso, toIso } = utcWindow(from, to);
    const rows = await repo.checkinsBetween(db, userId, fromIso, toIso);
    const byDay = new Map<string, { moods: number[]; sleep: number[] }>();
    for (const r of rows) {
      const day = localParts(new Date(r.created_at), timeZone).date;
      if (day < from || day > to) continue;
      const d = byDay.get(day) ?? { moods: [], sleep: [] };
      d.moods.push(r.mood);
      if (r.sleep_minutes !== null) d.sleep.push(r.sleep_minutes);
      byDay.set(day, d);
    }
    const avg = (xs: number[], scale = 1) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length / scale) * 10) / 10 : null);
    return datesBetween(from, to).map((date) => {
      const d = byDay.get(date);
      return { date, mood: d ? avg(d.moods) : null, checkins: d?.moods.length ?? 0, sleepHours: d ? avg(d.sleep, 60) : null };
    });
  }

  async trend(actor: Actor, range: (typeof TREND_RANGES)[number]) {
    const timeZone = await this.zoneOf(this.deps.db, actor.userId);
    const to = localParts(this.deps.clock.now(), timeZone).date;
    const from = addDays(to, -(RANGE_DAYS[range] - 1));
    return { range, timeZone, from, to, days: await this.trendDays(this.deps.db, actor.userId, timeZone, from, to) };
  }

  /** Whether the member has checked in on today's date in their own zone (the home page's gentle prompt asks only if not). */
  async checkedInToday(actor: Actor): Promise<boolean> {
    const db = this.deps.db;
    const [timeZone, latest] = await Promise.all([this.zoneOf(db, actor.userId), repo.latestCheckinAt(db, actor.userId)]);
    return checkedInOn(latest?.created_at, timeZone, localParts(this.deps.clock.now(), timeZone).date);
  }

  // ── reminders ───────────────────────────────────────────────────────────────
  async reminder(actor: Actor) {
    const r = await repo.reminderOf(this.deps.db, actor.userId);
    return { enabled: r?.enabled === 1, time: r?.local_time ?? null, timeZone: r?.time_zone ?? null };
  }

  async setReminder(actor: Actor, input: z.infer<typeof ReminderBody>) {
    await this.deps.uow.run(async (tx) => {
      const timeZone = input.timeZone ?? (await this.zoneOf(tx.trx, actor.userId));
      await repo.putReminder(tx.trx, { user_id: actor.userId, enabled: input.enabled ? 1 : 0, local_time: input.time, time_zone: timeZone, updated_at: tx.now.toISOString() });
    });
    return this.reminder(actor);
  }

  /**
   * Sends each member's check-in reminder once per local day, at or after the time they chose in
   * their zone, unless they already checked in that day. Runs on a timer; tests call it with the
   * ManualClock. The claim is one conditional update, so several instances never send it twice.
   */
  async sweepReminders(): Promise<number> {
    const now = this.deps.clock.now();
    let sent = 0;
    let after: string | null = null;
    for (;;) {
      const batch = await repo.enabledReminders(this.deps.db, after, 500);
      if (!batch.length) break;
      after = batch[batch.length - 1]!.user_id;
      for (const r of batch) {
        const local = localParts(now, r.time_zone);
        if (local.time < r.local_time || r.last_sent_on === local.date) continue;
        await this.deps.uow.run(async (tx) => {
          if (!(await repo.claimReminder(tx.trx, r.user_id, local.date))) return;
          const latest = await repo.latestCheckinAt(tx.trx, r.user_id);
          if (checkedInOn(latest?.created_at, r.time_zone, local.date)) return;
          const delivered = await this.deps.notifications.notify(tx, { userId: r.user_id, kind: 'checkin_reminder', threadId: null, postId: null, actorId: null, actorAnonymous: false, message: REMINDER_TEXT });
          if (delivered) sent += 1;
        });
      }
    }
    return sent;
  }

  // ── journal ─────────────────────────────────────────────────────────────────
  private openJournal(e: JournalRow) {
    const scope = `journal_entries:${e.user_id}`;
    return presentJournalEntry(e, e.title_enc === null ? null : this.open(e.title_enc, scope), this.open(e.body_enc, scope));
  }

  /** Screened like every text: crisis resources for the writer at ≥ 2; a level ≥ 3 alerts a supervisor (level only, never the words). */
  async writeJournal(actor: Actor, input: z.infer<typeof JournalCreateBody>) {
    const { clientId, ...request } = input;
    return this.deps.creates.run(
      actor.userId,
      clientId,
      { kind: 'recovery.journal', target: actor.userId, body: request },
      (tx) => this.insertJournal(tx, actor, request),
      (written) => written.entry.id,
      async (id) => {
        const row = await repo.findJournal(this.deps.db, actor.userId, id);
        if (!row) return undefined;
        const safety = await this.deps.screener.noticeAgain({ text: [request.title ?? '', request.body].join('\n'), surface: 'journal', region: actor.region, audience: 'writer_only' }, false);
        return { entry: this.openJournal(row), safety };
      },
    );
  }

  private async insertJournal(tx: Tx, actor: Actor, input: z.infer<typeof JournalBody>) {
    const id = newId(tx.now.getTime());
    const safety = await this.screen(tx, actor, 'journal_entry', id, [input.title ?? '', input.body].join('\n'), 'journal');
    const iso = tx.now.toISOString();
    const scope = `journal_entries:${actor.userId}`;
    const row: JournalRow = { id, user_id: actor.userId, title_enc: input.title ? this.seal(input.title, scope) : null, body_enc: this.seal(input.body, scope), created_at: iso, updated_at: iso };
    await repo.insertJournal(tx.trx, row);
    return { entry: this.openJournal(row), safety };
  }

  async editJournal(actor: Actor, id: string, input: z.infer<typeof JournalBody>) {
    return this.deps.uow.run(async (tx) => {
      const e = await repo.findJournal(tx.trx, actor.userId, id);
      if (!e) throw notFound('That journal entry was not found.');
      this.own(actor, 'journal.write', e.user_id, 'journal entry');
      const safety = await this.screen(tx, actor, 'journal_entry', e.id, [input.title ?? '', input.body].join('\n'), 'journal');
      const scope = `journal_entries:${actor.userId}`;
      await repo.updateJournal(tx.trx, actor.userId, e.id, { title_enc: input.title ? this.seal(input.title, scope) : null, body_enc: this.seal(input.body, scope), updated_at: tx.now.toISOString() });
      return { entry: this.openJournal((await repo.findJournal(tx.trx, actor.userId, e.id))!), safety };
    });
  }

  async journalEntry(actor: Actor, id: string) {
    const e = await repo.findJournal(this.deps.db, actor.userId, id);
    if (!e) throw notFound('That journal entry was not found.');
    this.own(actor, 'journal.read', e.user_id, 'journal entry');
    return this.openJournal(e);
  }

  async deleteJournal(actor: Actor, id: string): Promise<void> {
    await this.deps.uow.run(async (tx) => {
      if (!(await repo.deleteJournal(tx.trx, actor.userId, id))) throw notFound('That journal entry was not found.');
    });
  }

  /**
   * My entries, newest first. With `q`: every word must appear (as a word prefix) in the title or
   * body. The text is sealed, so search opens my own most recent entries in memory, at most
   * RECOVERY_LIMITS.journalSearchWindow of them (docs/adr/008-journal-search.md).
   */
  async journal(actor: Actor, q: z.infer<typeof JournalQuery>) {
    const beforeId = checkCursor(q.cursor);
    const wanted = words(q.q ?? '').slice(0, 12);
    if (!wanted.length) {
      const rows = await repo.journalPage(this.deps.db, actor.userId, { beforeId, limit: q.limit });
      return { entries: rows.map((e) => this.openJournal(e)), nextCursor: rows.length === q.limit ? rows[rows.length - 1]!.id : null };
    }
    const rows = await repo.journalPage(this.deps.db, actor.userId, { beforeId, limit: RECOVERY_LIMITS.journalSearchWindow });
    const hits = [];
    for (const e of rows) {
      const view = this.openJournal(e);
      const have = words(`${view.title ?? ''} ${view.body}`);
      if (wanted.every((w) => have.some((h) => h.startsWith(w)))) hits.push(view);
      if (hits.length === q.limit) break;
    }
    return { entries: hits, nextCursor: hits.length === q.limit ? hits[hits.length - 1]!.id : null };
  }

  // ── therapist summary ───────────────────────────────────────────────────────
  /**
   * Exactly what the member chose, for a print-friendly page. Built on request and returned; it is
   * not stored and not sent anywhere.
   */
  async summary(actor: Actor, input: z.infer<typeof SummaryBody>) {
    const db = this.deps.db;
    const user = await repo.timeZoneOf(db, actor.userId);
    const timeZone = user?.time_zone ?? 'UTC';
    const out: z.infer<typeof SummaryView> = {
      member: { handle: user?.handle ?? actor.handle },
      period: { from: input.from, to: input.to, timeZone },
      generatedAt: this.deps.clock.now().toISOString(),
    };
    if (input.include.moodTrend) {
      const days = await this.trendDays(db, actor.userId, timeZone, input.from, input.to);
      const withMood = days.filter((d) => d.mood !== null);
      const checkins = days.reduce((n, d) => n + d.checkins, 0);
      const total = days.reduce((n, d) => n + (d.mood ?? 0) * d.checkins, 0);
      out.moodTrend = { days, average: withMood.length ? Math.round((total / checkins) * 10) / 10 : null, checkins };
    }
    if (input.include.goals) out.goals = await this.goals(actor);
    const ids = [...new Set(input.include.journalEntryIds)];
    if (ids.length) {
      const rows = await repo.journalByIds(db, actor.userId, ids);
      if (rows.length !== ids.length) throw notFound('One of the chosen journal entries was not found.');
      out.journalEntries = rows.map((e) => this.openJournal(e));
    }
    if (input.include.safetyPlan) out.safetyPlan = await this.safetyPlan(actor);
    return out;
  }

  // ── personal data ───────────────────────────────────────────────────────────
  contributor(): PersonalDataContributor {
    return {
      name: 'recovery',
      export: async (tx, userId) => {
        const db = tx.trx;
        const scope = `recovery:${userId}`;
        const goals = await repo.goalsOf(db, userId);
        const steps = await repo.stepsOf(db, userId, goals.map((g) => g.id));
        const reminder = await repo.reminderOf(db, userId);
        const journal = await repo.journalPage(db, userId, { beforeId: null, limit: 1_000_000 });
        return {
          goals: goals.map((g) => ({
            ...presentGoal(g, this.open(g.title_enc, scope), steps.filter((s) => s.goal_id === g.id).map((row) => ({ row, text: this.open(row.text_enc, scope) }))),
          })),
          savedStrategies: (await repo.savedStrategies(db, userId)).map((s) => ({ strategyId: s.strategy_id, at: s.saved_at })),
          safetyPlan: this.openPlan(await repo.safetyPlanOf(db, userId)),
          checkins: (await repo.allCheckinsOf(db, userId)).map((c) => presentMoodCheckin(c, this.openCheckin(c))),
          checkinReminder: reminder ? { enabled: reminder.enabled === 1, time: reminder.local_time, timeZone: reminder.time_zone } : null,
          journal: journal.map((e) => this.openJournal(e)),
          goalShares: (await repo.sharesOf(db, userId)).map((s) => ({ goalId: s.goal_id, groupId: s.group_id, sharedAt: s.shared_at })),
        };
      },
      erase: (tx, userId) => repo.eraseUser(tx.trx, userId),
    };
  }
}

/** Whether a check-in made at `at` falls on the local `date` in `timeZone`. */
function checkedInOn(at: string | undefined, timeZone: string, date: string): boolean {
  return !!at && localParts(new Date(at), timeZone).date === date;
}
