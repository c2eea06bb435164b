import { sql } from 'kysely';
import { precompiledInsert, type Executor } from '../../platform/db.js';
import type { HeldReason, SafetyAlertsTable, ScreeningsTable } from '../../platform/schema.js';

const insertScreeningRow = precompiledInsert<ScreeningsTable>('screenings', [
  'id',
  'user_id',
  'object_type',
  'object_id',
  'level',
  'categories',
  'reasons',
  'method_detail',
  'subject',
  'version',
  'created_at',
]);

/** Kysely only: crisis lines, screenings, alerts, notes, held content, duty rota. */
/**
 * An alert not yet resolved, named by its statuses rather than `!= 'resolved'`: an inequality
 * cannot use `safety_alerts_queue_idx` (status, due_at), so it scanned every alert ever raised.
 */
const UNRESOLVED: SafetyAlertsTable['status'][] = ['open', 'acknowledged'];

/** How many overdue alerts the escalation sweep reads at a time (it reads on until there are none). */
export const ESCALATION_BATCH = 200;

export const safetyRepository = {
  crisisLines(db: Executor, regions: string[]) {
    return db
      .selectFrom('crisis_lines')
      .selectAll()
      .where('region', 'in', regions)
      .orderBy('region')
      .orderBy('sort_order')
      .execute();
  },

  async crisisRegions(db: Executor): Promise<string[]> {
    const rows = await db.selectFrom('crisis_lines').select('region').distinct().orderBy('region').execute();
    return rows.map((r) => r.region);
  },

  /** Every text written is screened, so this insert is built and compiled once (ADR 027). */
  /**
   * Sent `later` on PostgreSQL (ADR 028, amendment of 2026-11-27 morning): nothing reads the row back in
   * the unit of work, and every statement after it (an alert's, a held item's) goes after it.
   */
  insertScreening(db: Executor, row: ScreeningsTable): Promise<void> {
    return insertScreeningRow.later(db, row);
  },

  /**
   * The newest *open* alert of `userId` raised at or after `sinceIso` on a screening of `objectType`
   * with this verdict (ADR 061, amendment "a retry alerts once"): the alert a refused write raised,
   * which its retry takes over. With `retryKey` (the write had a clientId) only the screening kept under
   * that key (`object_id`) matches; without, only screenings kept under no key. Acknowledged or resolved
   * alerts never match: a supervisor already acted on the words they name, so later words get an alert
   * of their own. Read through `safety_alerts_user_idx`: a person's alerts are few.
   */
  openAlertOnVerdict(
    db: Executor,
    userId: string,
    objectType: string,
    verdict: Pick<ScreeningsTable, 'level' | 'categories' | 'reasons' | 'method_detail' | 'subject' | 'version'>,
    sinceIso: string,
    objectId: { is: string } | { notLike: string },
  ) {
    let q = db
      .selectFrom('safety_alerts')
      .innerJoin('screenings', 'screenings.id', 'safety_alerts.screening_id')
      .select(['safety_alerts.id', 'safety_alerts.screening_id', 'safety_alerts.escalated'])
      .where('safety_alerts.user_id', '=', userId)
      .where('safety_alerts.status', '=', 'open')
      .where('safety_alerts.created_at', '>=', sinceIso)
      .where('screenings.object_type', '=', objectType)
      .where('screenings.level', '=', verdict.level)
      .where('screenings.categories', '=', verdict.categories)
      .where('screenings.reasons', '=', verdict.reasons)
      .where('screenings.method_detail', '=', verdict.method_detail)
      .where('screenings.subject', '=', verdict.subject)
      .where('screenings.version', '=', verdict.version);
    q = 'is' in objectId ? q.where('screenings.object_id', '=', objectId.is) : q.where('screenings.object_id', 'not like', objectId.notLike);
    return q.orderBy('safety_alerts.created_at', 'desc').limit(1).executeTakeFirst();
  },

  /**
   * Moves an open alert from screening `from` to `to`, only while it is still open and still on `from`
   * (compare-and-set: of two writes that read it at once, one moves it, the other raises its own).
   * Returns the alert's escalation as updated, or undefined when it was not moved.
   */
  moveOpenAlert(db: Executor, id: string, from: string, to: string) {
    return db
      .updateTable('safety_alerts')
      .set({ screening_id: to })
      .where('id', '=', id)
      .where('screening_id', '=', from)
      .where('status', '=', 'open')
      .returning(['status', 'escalated'])
      .executeTakeFirst();
  },

  async insertAlert(db: Executor, row: SafetyAlertsTable): Promise<void> {
    await db.insertInto('safety_alerts').values(row).execute();
  },

  findAlert(db: Executor, id: string) {
    return db
      .selectFrom('safety_alerts')
      .innerJoin('screenings', 'screenings.id', 'safety_alerts.screening_id')
      .leftJoin('users', 'users.id', 'safety_alerts.user_id')
      .select([
        'safety_alerts.id',
        'safety_alerts.user_id',
        'safety_alerts.level',
        'safety_alerts.status',
        'safety_alerts.escalated',
        'safety_alerts.due_at',
        'safety_alerts.acknowledged_by',
        'safety_alerts.acknowledged_at',
        'safety_alerts.resolved_by',
        'safety_alerts.resolved_at',
        'safety_alerts.outcome',
        'safety_alerts.created_at',
        'screenings.categories',
        'screenings.reasons',
        'screenings.object_type',
        'screenings.object_id',
        'screenings.subject',
        'screenings.method_detail',
        'users.handle as member_handle',
        'users.region as member_region',
      ])
      .where('safety_alerts.id', '=', id)
      .executeTakeFirst();
  },

  /** The queue: unresolved first by due time, then recently resolved. */
  listAlerts(db: Executor, opts: { status: 'open' | 'resolved'; limit: number }) {
    let q = db
      .selectFrom('safety_alerts')
      .innerJoin('screenings', 'screenings.id', 'safety_alerts.screening_id')
      .select([
        'safety_alerts.id',
        'safety_alerts.level',
        'safety_alerts.status',
        'safety_alerts.escalated',
        'safety_alerts.due_at',
        'safety_alerts.created_at',
        'safety_alerts.acknowledged_at',
        'safety_alerts.resolved_at',
        'safety_alerts.outcome',
        'screenings.categories',
        'screenings.object_type',
        'screenings.subject',
      ])
      .limit(opts.limit);
    q =
      opts.status === 'open'
        ? q.where('safety_alerts.status', 'in', UNRESOLVED).orderBy('safety_alerts.due_at').orderBy('safety_alerts.id')
        : q.where('safety_alerts.status', '=', 'resolved').orderBy('safety_alerts.resolved_at', 'desc');
    return q.execute();
  },

  /** How many alerts are not yet resolved (open or acknowledged, as the open list shows them) and when the oldest was raised. */
  async unresolvedAlertCount(db: Executor): Promise<{ count: number; oldestAt: string | null }> {
    const r = await db
      .selectFrom('safety_alerts')
      .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.min('created_at').as('oldest')])
      .where('status', 'in', UNRESOLVED)
      .executeTakeFirstOrThrow();
    return { count: Number(r.n), oldestAt: r.oldest ?? null };
  },

  /**
   * Open alerts past their time limit that have not yet been escalated: one batch of at most
   * `ESCALATION_BATCH`, oldest limit first, in (due_at, id) order after `after` (the last of the batch
   * before). The sweep reads batches until one comes back short, so none is left for the next run.
   */
  overdueUnacknowledged(db: Executor, nowIso: string, after: { due_at: string; id: string } | null = null) {
    let q = db
      .selectFrom('safety_alerts')
      .select(['id', 'user_id', 'level', 'due_at'])
      .where('status', '=', 'open')
      .where('escalated', '=', 0)
      .where('due_at', '<=', nowIso);
    if (after) q = q.where((eb) => eb.or([eb('due_at', '>', after.due_at), eb.and([eb('due_at', '=', after.due_at), eb('id', '>', after.id)])]));
    return q.orderBy('due_at').orderBy('id').limit(ESCALATION_BATCH).execute();
  },

  async updateAlert(db: Executor, id: string, patch: Partial<SafetyAlertsTable>, expectStatus?: SafetyAlertsTable['status'][]): Promise<boolean> {
    let q = db.updateTable('safety_alerts').set(patch).where('id', '=', id);
    if (expectStatus) q = q.where('status', 'in', expectStatus);
    const res = await q.executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  },

  /**
   * Claims an overdue alert for escalation. Only one claim succeeds even when several instances
   * sweep at once (each read the same overdue list), so the alert is escalated and audited once.
   */
  async claimEscalation(db: Executor, id: string): Promise<boolean> {
    const res = await db
      .updateTable('safety_alerts')
      .set({ escalated: 1 })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .where('escalated', '=', 0)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  },

  findNote(db: Executor, id: string) {
    return db.selectFrom('safety_alert_notes').select('id').where('id', '=', id).executeTakeFirst();
  },
  async insertNote(db: Executor, row: { id: string; alert_id: string; author_id: string; body_enc: string; created_at: string }) {
    await db.insertInto('safety_alert_notes').values(row).execute();
  },

  listNotes(db: Executor, alertId: string) {
    return db
      .selectFrom('safety_alert_notes')
      .leftJoin('users', 'users.id', 'safety_alert_notes.author_id')
      .select(['safety_alert_notes.id', 'safety_alert_notes.body_enc', 'safety_alert_notes.created_at', 'users.handle as author_handle'])
      .where('alert_id', '=', alertId)
      .orderBy('safety_alert_notes.id')
      .execute();
  },

  /**
   * A new hold on an object's words. Its older items still waiting are marked `superseded`, in the
   * same transaction: a decision is applied to the object as it is now, so a release of the first
   * held words would otherwise publish newer ones no supervisor has read (ADR 052, amendment). The
   * queue lists only the newest, and a decision on an older one meets a conflict (`decideHeld`).
   * The new item keeps the superseded one's `created_at`: newer words do not send the object to the
   * back of the queue (ordered by `created_at`) nor restart its "oldest waiting" clock.
   * Callers hold the object's lock first (posts, messages), so two holds of one object serialize.
   */
  async insertHeld(db: Executor, row: { id: string; user_id: string | null; object_type: string; object_id: string; reason: HeldReason; created_at: string }) {
    const superseded = await this.supersedeHeld(db, row.object_type, row.object_id);
    const waitingSince = superseded.reduce((oldest, r) => (r.created_at < oldest ? r.created_at : oldest), row.created_at);
    await db.insertInto('held_content').values({ ...row, created_at: waitingSince, status: 'pending', decided_by: null, decided_at: null }).execute();
  },

  /**
   * Marks an object's items still waiting `superseded`: its words changed since they were held (a newer
   * hold, `insertHeld`, or newer words the screen passed). Their `created_at`s, oldest kept by a newer hold.
   * Callers hold the object's lock first: locks go object → held_content (ADR 052, amendment).
   * `decided`: the person whose newer words decided them (a moderator's edit), for the audit trail.
   */
  supersedeHeld(db: Executor, objectType: string, objectId: string, decided?: { by: string; at: string }): Promise<{ id: string; created_at: string }[]> {
    return db
      .updateTable('held_content')
      .set({ status: 'superseded', ...(decided ? { decided_by: decided.by, decided_at: decided.at } : {}) })
      .where('object_type', '=', objectType)
      .where('object_id', '=', objectId)
      .where('status', '=', 'pending')
      .returning(['id', 'created_at'])
      .execute();
  },

  /**
   * Marks an object's items still waiting `withdrawn`: the object was deleted or taken back (its writer)
   * or removed (`by`, a moderator) before anyone decided. Callers hold the object's lock first and call
   * this in the delete's transaction (object → held_content, ADR 052, amendment). Several objects of
   * one type in one statement (a closed circle's messages); none writes nothing.
   */
  withdrawHeld(db: Executor, objectType: string, objectIds: readonly string[], by: string | null, at: string): Promise<{ id: string }[]> {
    if (!objectIds.length) return Promise.resolve([]);
    return db
      .updateTable('held_content')
      .set({ status: 'withdrawn', decided_by: by, decided_at: at })
      .where('object_type', '=', objectType)
      .where('object_id', 'in', [...objectIds])
      .where('status', '=', 'pending')
      .returning('id')
      .execute();
  },

  /** Whether this object's text waits for a supervisor's decision (held, not yet released or removed). */
  async hasPendingHold(db: Executor, objectType: string, objectId: string): Promise<boolean> {
    const row = await db.selectFrom('held_content').select('id').where('object_type', '=', objectType).where('object_id', '=', objectId).where('status', '=', 'pending').executeTakeFirst();
    return row !== undefined;
  },

  findHeld(db: Executor, id: string) {
    return db.selectFrom('held_content').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** How many held items wait for a decision and since when the oldest has waited. */
  async pendingHeldCount(db: Executor): Promise<{ count: number; oldestAt: string | null }> {
    const r = await db
      .selectFrom('held_content')
      .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.min('created_at').as('oldest')])
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    return { count: Number(r.n), oldestAt: r.oldest ?? null };
  },

  listHeld(db: Executor, limit: number) {
    return db
      .selectFrom('held_content')
      .leftJoin('users', 'users.id', 'held_content.user_id')
      .select([
        'held_content.id',
        'held_content.object_type',
        'held_content.object_id',
        'held_content.reason',
        'held_content.status',
        'held_content.created_at',
        'held_content.user_id',
        'users.handle as author_handle',
      ])
      .where('held_content.status', '=', 'pending')
      // Longest waiting first: a superseding item keeps its object's place (`insertHeld`).
      .orderBy('held_content.created_at')
      .orderBy('held_content.id')
      .limit(limit)
      .execute();
  },

  async decideHeld(db: Executor, id: string, status: 'released' | 'edited' | 'removed', by: string, at: string): Promise<boolean> {
    const res = await db
      .updateTable('held_content')
      .set({ status, decided_by: by, decided_at: at })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) > 0;
  },

  async setDuty(db: Executor, userId: string, onDuty: boolean, at: string): Promise<void> {
    await db
      .insertInto('supervisor_duty')
      .values({ user_id: userId, on_duty: onDuty ? 1 : 0, updated_at: at })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ on_duty: onDuty ? 1 : 0, updated_at: at }))
      .execute();
  },

  async isOnDuty(db: Executor, userId: string): Promise<boolean> {
    const row = await db.selectFrom('supervisor_duty').select('on_duty').where('user_id', '=', userId).executeTakeFirst();
    return row?.on_duty === 1;
  },

  /** Of these people, those on duty now (one statement). */
  async onDutyAmong(db: Executor, userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await db.selectFrom('supervisor_duty').select('user_id').where('user_id', 'in', [...userIds]).where('on_duty', '=', 1).execute();
    return new Set(rows.map((r) => r.user_id));
  },

  async onDutyCount(db: Executor): Promise<number> {
    const row = await db
      .selectFrom('supervisor_duty')
      .innerJoin('user_roles', 'user_roles.user_id', 'supervisor_duty.user_id')
      .select(sql<number>`count(*)`.as('n'))
      .where('supervisor_duty.on_duty', '=', 1)
      .where('user_roles.role', '=', 'supervisor')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  // ── personal data ───────────────────────────────────────────────────────────
  screeningsOf(db: Executor, userId: string) {
    return db
      .selectFrom('screenings')
      .select(['object_type', 'level', 'categories', 'method_detail', 'subject', 'created_at'])
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute();
  },

  alertsAbout(db: Executor, userId: string) {
    return db
      .selectFrom('safety_alerts')
      .select(['id', 'level', 'status', 'escalated', 'created_at', 'acknowledged_at', 'resolved_at', 'outcome'])
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute();
  },

  heldOf(db: Executor, userId: string) {
    return db.selectFrom('held_content').select(['object_type', 'reason', 'status', 'created_at']).where('user_id', '=', userId).execute();
  },

  /** A person's items still waiting in the queue (what an erasure takes out of it). */
  pendingHeldOf(db: Executor, userId: string) {
    return db.selectFrom('held_content').select(['id', 'object_type']).where('user_id', '=', userId).where('status', '=', 'pending').orderBy('id').execute();
  },

  async eraseUser(db: Executor, userId: string): Promise<void> {
    await db.deleteFrom('held_content').where('user_id', '=', userId).execute();
    await db.deleteFrom('safety_alerts').where('user_id', '=', userId).execute();
    await db.deleteFrom('screenings').where('user_id', '=', userId).execute();
  },
};
