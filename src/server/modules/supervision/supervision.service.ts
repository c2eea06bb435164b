import type { z } from 'zod';
import type { SupporterLoad } from '../../../contracts/conversations.js';
import type { SafetyNotice } from '../../../contracts/safety.js';
import {
  LOW_CHECKIN_SCORE,
  SUPERVISION_LIMITS,
  SUPERVISION_TIME_LIMITS,
  type AssignmentsView,
  type AssignmentView,
  type CheckinBody,
  type CheckinView,
  type CheckinWritten,
  type CoachingBody,
  type CoachingNoteView,
  type DashboardItem,
  type DashboardView,
  type EmpathyTrendView,
  type MessageBody,
  type MySupervisionView,
  type NoteBody,
  type PersonRef,
  type RequestThreadView,
  type RequestWritten,
  type ReviewItem,
  type ReviewView,
  type SupervisionNoteView,
  type SupervisionRequestView,
  type SupporterDetailView,
  type SupporterSummary,
} from '../../../contracts/supervision.js';
import { rateEmpathy, EMPATHY_VERSION } from '../../../safety/index.js';
import type { RiskLevel } from '../../../safety/types.js';
import { hasRole, type Actor, type RoomAsk } from '../../platform/actor.js';
import { recordAccess } from '../../platform/audit.js';
import type { BusEvent } from '../../platform/bus.js';
import type { Clock } from '../../platform/clock.js';
import type { Keyring } from '../../platform/crypto.js';
import type { Db, Executor } from '../../platform/db.js';
import { conflict, forbidden, notFound } from '../../platform/errors.js';
import type { Created, IdempotentCreates } from '../../platform/idempotency.js';
import { newId } from '../../platform/ids.js';
import type { OutboxConsumer, Tx, UnitOfWork } from '../../platform/outbox.js';
import type { PersonalDataContributor } from '../../platform/privacy.js';
import { messageAad } from '../mentoring/conversations.service.js';
import type { SupervisorLookup } from '../mentoring/mentoring.service.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import type { SafetyService, TextScreener } from '../safety/safety.service.js';
import { trendStart, weeklyEmpathy } from './empathy-trend.js';
import { supervisionPolicy } from './supervision.policy.js';
import { presentCheckin, presentCheckinSummary, presentCoaching, presentMessage, presentNote, presentRequest } from './supervision.presenter.js';
import { SUPPORTER_ROLES, supervisionRepository as repo, type CheckinRow, type MessageRow, type RequestRow } from './supervision.repository.js';
import { excerptOf } from '../../platform/excerpt.js';

/** A coaching note's reference to the reply it is about. */
const COACHING_EXCERPT_CHARS = 200;

export interface SupervisionDeps {
  db: Db;
  uow: UnitOfWork;
  clock: Clock;
  keyring: Keyring;
  safety: TextScreener & Pick<SafetyService, 'timeLimitMinutes'>;
  notifications: NotificationsService;
  /** A supporter's mentoring load (the conversation module measures it). */
  loads: { loadOf(db: Executor, supporterId: string): Promise<SupporterLoad | null> };
  creates: IdempotentCreates;
}

/** Internal events of the training module (issue 7) this module reacts to, by name. */
export const CERTIFICATE_EVENTS = { issued: 'certificate.issued', lapsed: 'certificate.lapsed' } as const;
/** Internal events carrying the ids of supporters' replies, rated for empathy after commit. */
const RATED_EVENTS = { post: 'community.post_published', message: 'mentoring.message_created' } as const;

/** The screen's surfaces of this module's texts. */
type ScreenedSurface = 'checkin_note' | 'message' | 'other';

/** Object types this module screens. */
export const SCREENED = {
  checkinNote: 'wellbeing_checkin',
  note: 'supervision_note',
  message: 'supervision_message',
  coaching: 'coaching_note',
} as const;

/** Where each kind of text is sealed: the associated data binds a ciphertext to its owner or channel. */
const aad = {
  checkin: (userId: string) => `wellbeing_checkins:${userId}`,
  note: (supporterId: string) => `supervision_notes:${supporterId}`,
  message: (requestId: string) => `supervision_messages:${requestId}`,
  coaching: (supporterId: string) => `coaching_notes:${supporterId}`,
};

/** A request someone does not take part in (a former supervisor included) is not theirs to know of. */
const requestNotFound = () => notFound('That supervision request was not found.');

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const CERTIFICATE_NAMES: Record<string, string> = { peer_supporter: 'peer supporter', facilitator: 'facilitator' };

/**
 * A supporter's supervisor was replaced or removed: the previous one no longer reads their
 * supervision requests, nor mentoring conversations opened by a member's consent (that goes to the
 * supporter's current supervisor). Internal: never reaches a browser.
 */
export const SUPERVISOR_REPLACED = 'supervision.supervisor_replaced';

/** The assignments table, for modules that only need to know who supervises whom (mentoring). */
export const supervisorLookup: SupervisorLookup = { supervisorOf: (db, supporterId) => repo.supervisorOf(db, supporterId), supervisorsOf: (db, supporterIds) => repo.supervisorsOf(db, supporterIds) };

/** The supporter's oldest message their supervisor has not answered yet (messages oldest first). */
export function awaitingReplySince(r: Pick<RequestRow, 'supporter_id' | 'status'>, messages: readonly Pick<MessageRow, 'sender_id' | 'created_at'>[]): string | null {
  if (r.status !== 'open') return null;
  let since: string | null = null;
  for (const m of messages) {
    if (m.sender_id === r.supporter_id) since ??= m.created_at;
    else since = null;
  }
  return since;
}

const byDue = (a: DashboardItem, b: DashboardItem) => Number(b.overdue) - Number(a.overdue) || a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id);

/**
 * Supervision and quality: supervisor assignments (admin), the supervisor's dashboard of their own
 * supporters (load, activity, feedback, check-ins, alerts and reports around them, overdue items
 * first), weekly wellbeing check-ins, private supervision notes, the supporter's request channel,
 * quality review of replies (1:1 only with the member's consent, audited), coaching notes, and the
 * empathy trend computed after commit from the ids in outbox events.
 */
export class SupervisionService {

  constructor(private readonly deps: SupervisionDeps) {}

  private seal(text: string, associated: string): string {
    return this.deps.keyring.field.encrypt(text, associated);
  }

  private open(sealed: string, associated: string): string {
    return this.deps.keyring.field.decrypt(sealed, associated);
  }

  private screen(tx: Tx, actor: Actor, objectType: string, objectId: string, text: string, surface: ScreenedSurface) {
    return this.deps.safety.screenAndRecord(tx, { userId: actor.userId, objectType, objectId, text, surface, region: actor.region, audience: 'supervisors' });
  }

  /** A retry's notice (ADR 042): rebuilt from the same words, nothing recorded; null where the first had none. */
  private async noticeAgain(actor: Actor, text: string | undefined, surface: ScreenedSurface): Promise<SafetyNotice | null> {
    if (!text) return null;
    const notice = await this.deps.safety.noticeAgain({ text, surface, region: actor.region, audience: 'supervisors' }, false);
    return notice.level > 0 ? notice : null;
  }

  private notify(tx: Tx, userId: string, message: string): Promise<boolean> {
    return this.deps.notifications.notify(tx, { userId, kind: 'supervision', threadId: null, postId: null, actorId: null, actorAnonymous: false, message });
  }

  /** Tells the supporter's and the supervisor's open pages to refetch. */
  private async changed(tx: Tx, supporterId: string, supervisorIds: (string | null)[]): Promise<void> {
    const rooms = [...new Set([supporterId, ...supervisorIds.filter((id): id is string => !!id)])].map((id) => `user:${id}`);
    await tx.emit('supervision.changed', { supporterId }, rooms);
  }

  /** A supporter this supervisor oversees: 403 for anyone who is not a supervisor, 404 for someone else's supporter. */
  private async overseen(db: Executor, actor: Actor, supporterId: string): Promise<PersonRef> {
    if (!hasRole(actor, 'supervisor')) throw forbidden('Only supervisors oversee supporters.');
    const assigned = await repo.supervisorOf(db, supporterId);
    if (!supervisionPolicy.can(actor, 'supporter.oversee', { assignedSupervisorId: assigned })) throw notFound('That supporter is not one you supervise.');
    return (await repo.findUser(db, supporterId))!;
  }

  private assertSupporter(actor: Actor): void {
    if (!supervisionPolicy.can(actor, 'supervision.self')) throw forbidden('Supervision is for peer supporters and facilitators.');
  }

  // ── assignments (admin) ─────────────────────────────────────────────────────
  /** Every supervisor with their load, and every supporter with their supervisor (unassigned first). */
  async assignments(actor: Actor): Promise<AssignmentsView> {
    if (!supervisionPolicy.can(actor, 'assignments.manage')) throw forbidden('Only admins assign supervisors.');
    const db = this.deps.db;
    const [people, assignments] = await Promise.all([repo.usersWithRoles(db, ['supervisor', ...SUPPORTER_ROLES]), repo.allAssignments(db)]);
    const handles = new Map(people.map((p) => [p.id, p.handle]));
    const bySupporter = new Map(assignments.map((a) => [a.supporter_id, a]));
    const load = new Map<string, number>();
    for (const a of assignments) load.set(a.supervisor_id, (load.get(a.supervisor_id) ?? 0) + 1);
    const supervisors = [...new Map(people.filter((p) => p.role === 'supervisor').map((p) => [p.id, p])).values()].map((p) => ({ id: p.id, handle: p.handle, supporters: load.get(p.id) ?? 0 }));
    const supporterRoles = new Map<string, string[]>();
    for (const p of people) if ((SUPPORTER_ROLES as readonly string[]).includes(p.role)) supporterRoles.set(p.id, [...(supporterRoles.get(p.id) ?? []), p.role]);
    // A supervisor who left the role still shows by name (their handle may need a look-up).
    const missing = assignments.map((a) => a.supervisor_id).filter((id) => !handles.has(id));
    for (const u of await repo.usersByIds(db, [...new Set(missing)])) handles.set(u.id, u.handle);
    const supporters = [...supporterRoles].map(([id, roles]) => {
      const a = bySupporter.get(id);
      return {
        id,
        handle: handles.get(id) ?? '',
        roles: roles as SupporterSummary['roles'],
        supervisor: a ? { id: a.supervisor_id, handle: handles.get(a.supervisor_id) ?? '' } : null,
        assignedAt: a?.assigned_at ?? null,
      };
    });
    supporters.sort((x, y) => Number(!!x.supervisor) - Number(!!y.supervisor) || x.handle.localeCompare(y.handle));
    return { supervisors, supporters, unassigned: supporters.filter((s) => !s.supervisor).length };
  }

  /** Assigns (or reassigns) a supporter's supervisor. */
  async assign(actor: Actor, supporterId: string, supervisorId: string): Promise<AssignmentView> {
    if (!supervisionPolicy.can(actor, 'assignments.manage')) throw forbidden('Only admins assign supervisors.');
    return this.deps.uow.run(async (tx) => {
      const [supporter, supervisor] = await Promise.all([repo.findUser(tx.trx, supporterId), repo.findUser(tx.trx, supervisorId)]);
      if (!supporter) throw notFound('That supporter was not found.');
      if (!supervisor) throw notFound('That supervisor was not found.');
      const roles = await repo.rolesOf(tx.trx, [supporterId, supervisorId]);
      if (!(roles.get(supporterId) ?? []).some((r) => (SUPPORTER_ROLES as readonly string[]).includes(r))) {
        throw conflict(`${supporter.handle} is not a peer supporter or facilitator, so they do not need a supervisor.`, { fields: [{ path: 'supporterId', message: 'is not a peer supporter or facilitator' }] });
      }
      if (!(roles.get(supervisorId) ?? []).includes('supervisor')) {
        throw conflict(`${supervisor.handle} does not have the supervisor role. Give them the role first.`, { fields: [{ path: 'supervisorId', message: 'is not a supervisor' }] });
      }
      if (supporterId === supervisorId) throw conflict('Nobody supervises themselves. Choose another supervisor.', { fields: [{ path: 'supervisorId', message: 'must be someone else' }] });
      await this.applyAssignment(tx, supporter, supervisor, actor.userId, 'admin');
      // Assigning the same supervisor again changes nothing: the answer keeps the first date.
      return { supporter, supervisor, assignedAt: (await repo.assignmentOf(tx.trx, supporterId))!.assigned_at };
    });
  }

  async unassign(actor: Actor, supporterId: string): Promise<void> {
    if (!supervisionPolicy.can(actor, 'assignments.manage')) throw forbidden('Only admins assign supervisors.');
    await this.deps.uow.run(async (tx) => {
      const supporter = await repo.findUser(tx.trx, supporterId);
      const current = await repo.assignmentOf(tx.trx, supporterId);
      if (!supporter || !current) throw notFound('That supporter has no supervisor to remove.');
      await this.applyAssignment(tx, supporter, null, actor.userId, 'admin');
    });
  }

  /**
   * Makes `supervisor` (or nobody) the supporter's supervisor, in the caller's transaction. An open
   * supervision request was made to the previous supervisor: it is closed (the supporter asks the
   * new one). Its history moves with the supporter: the new supervisor reads it, the previous one
   * no longer does (access follows the assignment). The change is in the supporter's "Who saw my
   * data": it decides who sees their check-ins, load and supervision requests.
   */
  private async applyAssignment(tx: Tx, supporter: PersonRef, supervisor: PersonRef | null, by: string | null, via: 'admin' | 'sign_off'): Promise<void> {
    const previous = await repo.assignmentOf(tx.trx, supporter.id);
    if ((previous?.supervisor_id ?? null) === (supervisor?.id ?? null)) return;
    const iso = tx.now.toISOString();
    if (supervisor) await repo.putAssignment(tx.trx, { supporter_id: supporter.id, supervisor_id: supervisor.id, assigned_by: by, assigned_at: iso, checkin_reminded_at: null });
    else await repo.deleteAssignment(tx.trx, supporter.id);
    const open = await repo.openRequestOf(tx.trx, supporter.id);
    if (open) {
      await repo.updateRequest(tx.trx, open.id, { status: 'closed', closed_at: iso, closed_by: null, updated_at: iso });
      await tx.emit('supervision.request_updated', { requestId: open.id, status: 'closed' }, [`user:${supporter.id}`, ...(open.supervisor_id ? [`user:${open.supervisor_id}`] : []), `supervision:${open.id}`]);
    }
    await recordAccess(
      tx.trx,
      {
        subjectUserId: supporter.id,
        actorId: by,
        actorRole: via === 'admin' ? 'admin' : 'supervisor',
        action: supervisor ? 'supervision.supervisor_assigned' : 'supervision.supervisor_removed',
        objectType: 'supervisor_assignment',
        objectId: supporter.id,
        reason: supervisor
          ? `${supervisor.handle} became your supervisor${via === 'sign_off' ? ' when they signed off your training' : ''}: they can now see your load, your weekly check-ins and your supervision requests, and review your replies.`
          : 'Your supervisor was removed: nobody supervises you until a new supervisor is assigned.',
      },
      tx.now,
    );
    if (supervisor) {
      await this.notify(tx, supporter.id, `${supervisor.handle} is now your supervisor. You can ask them for supervision at any time.`);
      await this.notify(tx, supervisor.id, `You now supervise ${supporter.handle}.`);
    } else {
      await this.notify(tx, supporter.id, 'You do not have a supervisor at the moment. Your organisation will assign a new one.');
    }
    if (previous && previous.supervisor_id !== supervisor?.id) await this.notify(tx, previous.supervisor_id, `You no longer supervise ${supporter.handle}.`);
    await this.changed(tx, supporter.id, [previous?.supervisor_id ?? null, supervisor?.id ?? null]);
    // The former supervisor's live rooms of this supporter's requests (and of conversations their consent opened) end, on every instance (app.ts).
    if (previous) await tx.emitInternal(SUPERVISOR_REPLACED, { supporterId: supporter.id, previousSupervisorId: previous.supervisor_id });
  }

  // ── the supporter's own side ────────────────────────────────────────────────
  async mine(actor: Actor): Promise<MySupervisionView> {
    const db = this.deps.db;
    const [assignment, latest, open] = await Promise.all([repo.assignmentOf(db, actor.userId), repo.latestCheckins(db, [actor.userId]), repo.openRequestOf(db, actor.userId)]);
    const supervisor = assignment ? ((await repo.findUser(db, assignment.supervisor_id)) ?? null) : null;
    const last = latest.get(actor.userId)?.created_at ?? null;
    const dueAt = assignment ? checkinDueAt(last, assignment.assigned_at) : null;
    return {
      supervisor,
      lastCheckinAt: last,
      checkinDueAt: dueAt,
      checkinDue: !!dueAt && dueAt <= this.deps.clock.now().toISOString(),
      openRequestId: open?.id ?? null,
      roles: actor.roles.filter((r) => r !== 'member'),
    };
  }

  /**
   * The weekly wellbeing check-in: three answers and an optional note (screened; sealed). A low
   * answer tells the supervisor, who sees it on their dashboard until they have talked.
   */
  /** A retry with the same `clientId` answers with the first check-in (ADR 042): the supervisor is told once. */
  async checkIn(actor: Actor, input: z.infer<typeof CheckinBody>): Promise<Created<CheckinWritten>> {
    this.assertSupporter(actor);
    const { clientId, ...body } = input;
    return this.deps.creates.run(
      actor.userId,
      clientId,
      { kind: 'supervision.checkin', target: actor.userId, body },
      (tx) => this.insertCheckin(tx, actor, body),
      (written) => written.checkin.id,
      async (id) => {
        const row = await repo.findCheckin(this.deps.db, id);
        if (!row || row.user_id !== actor.userId) return undefined;
        const supervisorTold = row.low === 1 && !!(await repo.supervisorOf(this.deps.db, actor.userId));
        return { checkin: presentCheckin(row, body.note ?? null), safety: await this.noticeAgain(actor, body.note, 'checkin_note'), supervisorTold };
      },
    );
  }

  private async insertCheckin(tx: Tx, actor: Actor, body: Omit<z.infer<typeof CheckinBody>, 'clientId'>): Promise<CheckinWritten> {
    {
      const id = newId(tx.now.getTime());
      let safety: SafetyNotice | null = null;
      if (body.note) {
        const screened = await this.screen(tx, actor, SCREENED.checkinNote, id, body.note, 'checkin_note');
        safety = screened.notice.level > 0 ? screened.notice : null;
      }
      const low = [body.energy, body.manageable, body.supported].some((v) => v <= LOW_CHECKIN_SCORE);
      const row: CheckinRow = {
        id,
        user_id: actor.userId,
        energy: body.energy,
        manageable: body.manageable,
        supported: body.supported,
        low: low ? 1 : 0,
        note_enc: body.note ? this.seal(body.note, aad.checkin(actor.userId)) : null,
        followed_up_at: null,
        followed_up_by: null,
        created_at: tx.now.toISOString(),
      };
      await repo.insertCheckin(tx.trx, row);
      const supervisorId = await repo.supervisorOf(tx.trx, actor.userId);
      if (low && supervisorId) {
        await this.notify(tx, supervisorId, `${actor.handle}’s weekly check-in was low. A conversation could help: reach out to them through supervision.`);
      }
      await this.changed(tx, actor.userId, [supervisorId]);
      return { checkin: presentCheckin(row, body.note ?? null), safety, supervisorTold: low && !!supervisorId };
    }
  }

  async myCheckins(actor: Actor): Promise<CheckinView[]> {
    this.assertSupporter(actor);
    const rows = await repo.checkinsOf(this.deps.db, actor.userId, SUPERVISION_LIMITS.checkinsShown);
    return rows.map((c) => presentCheckin(c, c.note_enc ? this.open(c.note_enc, aad.checkin(c.user_id)) : null));
  }

  // ── the supervisor's dashboard ──────────────────────────────────────────────
  async dashboard(actor: Actor): Promise<DashboardView> {
    if (!supervisionPolicy.can(actor, 'dashboard.view')) throw forbidden('Only supervisors have a supervision dashboard.');
    const db = this.deps.db;
    const supporters = await this.summaries(db, await repo.assignmentsOf(db, actor.userId));
    return { supporters, items: supporters.flatMap((s) => s.items).sort(byDue) };
  }

  async supporter(actor: Actor, supporterId: string): Promise<SupporterDetailView> {
    const db = this.deps.db;
    await this.overseen(db, actor, supporterId);
    const row = (await repo.assignmentsOf(db, actor.userId)).find((a) => a.supporter_id === supporterId)!;
    const [summary] = await this.summaries(db, [row]);
    const checkins = await repo.checkinsOf(db, supporterId, SUPERVISION_LIMITS.checkinsShown);
    // The supporter writes these answers and notes for their supervisor: reading them is the
    // intended use, not a privileged access (the form says who reads them).
    return { ...summary!, checkins: checkins.map((c) => presentCheckin(c, c.note_enc ? this.open(c.note_enc, aad.checkin(c.user_id)) : null)) };
  }

  /** The supervisor has talked with the supporter about a low check-in: it leaves the dashboard. */
  async followUp(actor: Actor, checkinId: string): Promise<void> {
    await this.deps.uow.run(async (tx) => {
      const c = await repo.findCheckin(tx.trx, checkinId);
      if (!c) throw notFound('That check-in was not found.');
      await this.overseen(tx.trx, actor, c.user_id);
      if (!c.low) throw conflict('Only a low check-in needs a follow-up.');
      if (!(await repo.markFollowedUp(tx.trx, c.id, actor.userId, tx.now.toISOString()))) throw conflict('This check-in is already marked as followed up.');
      await this.changed(tx, c.user_id, [actor.userId]);
    });
  }

  /**
   * One line per supporter: load, last activity, feedback, last check-in, and the items around
   * them with their time limits — alerts and reports about their mentees and group members (no
   * names here: opening an alert is the audited step), low check-ins, a missing weekly check-in,
   * a supervision request waiting for a reply.
   */
  private async summaries(db: Executor, rows: { supporter_id: string; handle: string; assigned_at: string }[]): Promise<SupporterSummary[]> {
    const now = this.deps.clock.now();
    const nowIso = now.toISOString();
    const ids = rows.map((r) => r.supporter_id);
    const [roles, mentorships, groups, feedback, active, latest, lowOpen, openRequests] = await Promise.all([
      repo.rolesOf(db, ids),
      repo.activeMentorshipsOf(db, ids),
      repo.facilitatedGroups(db, ids),
      repo.feedbackStats(db, ids),
      repo.lastActive(db, ids),
      repo.latestCheckins(db, ids),
      repo.lowOpenCheckins(db, ids),
      repo.openRequestsOfSupporters(db, ids),
    ]);
    const groupIds = [...new Set(groups.map((g) => g.id))];
    const [members, groupReports, mentoringReports, requestMessages] = await Promise.all([
      repo.groupMembers(db, groupIds),
      repo.openGroupReports(db, groupIds),
      repo.openMentoringReports(db, ids),
      repo.messagesOf(db, openRequests.map((r) => r.id)),
    ]);
    const people = new Set<string>([...ids, ...mentorships.flatMap((m) => (m.member_id ? [m.member_id] : [])), ...members.map((m) => m.user_id)]);
    const alerts = await repo.openAlertsAbout(db, [...people]);
    const item = (base: Omit<DashboardItem, 'overdue' | 'level' | 'status' | 'relation' | 'groupName' | 'reason'> & Partial<DashboardItem>): DashboardItem => ({
      level: null,
      status: null,
      relation: null,
      groupName: null,
      reason: null,
      overdue: base.dueAt <= nowIso,
      ...base,
    });

    const out: SupporterSummary[] = [];
    for (const r of rows) {
      const s = r.supporter_id;
      const ref = { id: s, handle: r.handle };
      const mine = groups.filter((g) => g.user_id === s);
      const items: DashboardItem[] = [];
      // Who an alert may be about, relative to this supporter (a mentee wins over a group member).
      const relation = new Map<string, { relation: 'mentee' | 'group_member' | 'supporter'; groupName: string | null }>();
      for (const g of mine) for (const m of members) if (m.group_id === g.id && m.user_id !== s) relation.set(m.user_id, { relation: 'group_member', groupName: g.name });
      for (const m of mentorships) if (m.supporter_id === s && m.member_id) relation.set(m.member_id, { relation: 'mentee', groupName: null });
      relation.set(s, { relation: 'supporter', groupName: null });
      for (const a of alerts) {
        const rel = a.user_id ? relation.get(a.user_id) : undefined;
        if (!rel) continue;
        items.push(
          item({
            kind: 'safety_alert',
            id: a.id,
            supporter: ref,
            since: a.created_at,
            dueAt: a.due_at,
            timeLimitMinutes: this.deps.safety.timeLimitMinutes(a.level as RiskLevel),
            // An acknowledged alert met its time limit; it stays listed until resolved.
            overdue: a.status === 'open' && a.due_at <= nowIso,
            level: a.level,
            status: a.status,
            ...rel,
          }),
        );
      }
      const reportLimit = SUPERVISION_TIME_LIMITS.reportHours * 60;
      for (const rep of mentoringReports.filter((x) => x.supporter_id === s)) {
        items.push(item({ kind: 'report', id: rep.id, supporter: ref, since: rep.created_at, dueAt: plusMinutes(rep.created_at, reportLimit), timeLimitMinutes: reportLimit, relation: rep.reported_id === s ? 'supporter' : 'mentee', reason: rep.reason }));
      }
      for (const rep of groupReports) {
        const g = mine.find((x) => x.id === rep.group_id);
        if (!g) continue;
        items.push(item({ kind: 'report', id: rep.id, supporter: ref, since: rep.created_at, dueAt: plusMinutes(rep.created_at, reportLimit), timeLimitMinutes: reportLimit, relation: 'group_member', groupName: g.name, reason: rep.reason }));
      }
      const lowLimit = SUPERVISION_TIME_LIMITS.lowCheckinHours * 60;
      for (const c of lowOpen.filter((x) => x.user_id === s)) {
        items.push(item({ kind: 'low_checkin', id: c.id, supporter: ref, since: c.created_at, dueAt: plusMinutes(c.created_at, lowLimit), timeLimitMinutes: lowLimit }));
      }
      const last = latest.get(s) ?? null;
      const checkinDue = checkinDueAt(last?.created_at ?? null, r.assigned_at);
      if (checkinDue <= nowIso) {
        items.push(item({ kind: 'checkin_missing', id: s, supporter: ref, since: last?.created_at ?? r.assigned_at, dueAt: checkinDue, timeLimitMinutes: SUPERVISION_TIME_LIMITS.checkinEveryDays * 24 * 60 }));
      }
      const replyLimit = SUPERVISION_TIME_LIMITS.requestReplyHours * 60;
      for (const req of openRequests.filter((x) => x.supporter_id === s)) {
        const since = awaitingReplySince(req, requestMessages.filter((m) => m.request_id === req.id));
        if (since) items.push(item({ kind: 'supervision_request', id: req.id, supporter: ref, since, dueAt: plusMinutes(since, replyLimit), timeLimitMinutes: replyLimit, status: req.status }));
      }
      items.sort(byDue);

      const load = await this.deps.loads.loadOf(db, s);
      const activeMentees = mentorships.filter((m) => m.supporter_id === s).length;
      const fb = feedback.get(s);
      out.push({
        supporter: ref,
        roles: (roles.get(s) ?? []) as SupporterSummary['roles'],
        assignedAt: r.assigned_at,
        load: {
          activeMentees: load?.activeMentees ?? activeMentees,
          capacity: load?.capacity ?? null,
          groupsFacilitated: mine.length,
          messagesLast7Days: load?.messagesLast7Days ?? 0,
          level: load?.high ? 'high' : 'ok',
          reasons: load?.reasons ?? [],
        },
        lastActiveAt: active.get(s) ?? null,
        feedback: { count: fb?.count ?? 0, averageRating: fb ? Math.round((fb.sum / fb.count) * 100) / 100 : null },
        lastCheckin: last ? presentCheckinSummary(last) : null,
        items,
        overdue: items.filter((i) => i.overdue).length,
      });
    }
    // Supporters with something overdue first, then by their nearest time limit.
    out.sort(
      (a, b) =>
        Number(b.overdue > 0) - Number(a.overdue > 0) ||
        (a.items[0]?.dueAt ?? '\uffff').localeCompare(b.items[0]?.dueAt ?? '\uffff') ||
        a.supporter.handle.localeCompare(b.supporter.handle),
    );
    return out;
  }

  // ── supervision notes: the assigned supervisor only (ADR 010) ───────────────
  async notes(actor: Actor, supporterId: string): Promise<SupervisionNoteView[]> {
    const db = this.deps.db;
    await this.overseen(db, actor, supporterId);
    return (await repo.notesAbout(db, supporterId)).map((n) => presentNote(n, this.open(n.body_enc, aad.note(supporterId)), actor.userId));
  }

  /** A retry with the same `clientId` answers with the first note (ADR 042). */
  async addNote(actor: Actor, supporterId: string, input: z.infer<typeof NoteBody>): Promise<Created<{ note: SupervisionNoteView; safety: SafetyNotice | null }>> {
    const { clientId, body } = input;
    return this.deps.creates.run(
      actor.userId,
      clientId,
      { kind: 'supervision.note', target: supporterId, body: { body } },
      async (tx) => {
        await this.overseen(tx.trx, actor, supporterId);
        const id = newId(tx.now.getTime());
        const screened = await this.screen(tx, actor, SCREENED.note, id, body, 'other');
        const row = { id, supporter_id: supporterId, author_id: actor.userId, body_enc: this.seal(body, aad.note(supporterId)), created_at: tx.now.toISOString() };
        await repo.insertNote(tx.trx, row);
        return { note: presentNote({ ...row, author_handle: actor.handle }, body, actor.userId), safety: screened.notice.level > 0 ? screened.notice : null };
      },
      (written) => written.note.id,
      async (id) => {
        const row = await repo.findNote(this.deps.db, id);
        if (!row || row.author_id !== actor.userId) return undefined;
        // Only while they still supervise the supporter, as every other read of the notes.
        await this.overseen(this.deps.db, actor, supporterId);
        return { note: presentNote({ ...row, author_handle: actor.handle }, body, actor.userId), safety: await this.noticeAgain(actor, body, 'other') };
      },
    );
  }

  /** A note's author removes it, while they still supervise the supporter. */
  async deleteNote(actor: Actor, noteId: string): Promise<void> {
    await this.deps.uow.run(async (tx) => {
      const n = await repo.findNote(tx.trx, noteId);
      if (!n) throw notFound('That note was not found.');
      await this.overseen(tx.trx, actor, n.supporter_id);
      if (n.author_id !== actor.userId) throw forbidden('Only the note’s author removes it.');
      await repo.deleteNote(tx.trx, n.id);
    });
  }

  // ── quality review and coaching ─────────────────────────────────────────────
  /**
   * A sample of the supporter's recent replies: community replies under their name (public), and
   * 1:1 replies only in conversations whose member currently consents to supervisor review, each
   * with what it answered. Every 1:1 conversation read here is written to its member's and the
   * supporter's "Who saw my data", in the transaction of the read.
   */
  async review(actor: Actor, supporterId: string): Promise<ReviewView> {
    return this.deps.uow.run(async (tx) => {
      const db = tx.trx;
      await this.overseen(db, actor, supporterId);
      const n = SUPERVISION_LIMITS.reviewSample;
      const posts = await repo.recentRepliesBy(db, supporterId, n);
      const openings = new Map((await repo.openingPosts(db, [...new Set(posts.map((p) => p.thread_id))])).map((o) => [o.thread_id, o]));
      const consented = await repo.consentedMentorships(db, supporterId, tx.now.toISOString());
      const memberOf = new Map(consented.map((c) => [c.id, c.member_id]));
      const messages = await repo.supporterMessages(db, consented.map((c) => c.id), supporterId, n);
      const [postRatings, messageRatings, coaching] = await Promise.all([
        repo.ratingsFor(db, 'post', posts.map((p) => p.id)),
        repo.ratingsFor(db, 'message', messages.map((m) => m.id)),
        repo.coachingAbout(db, supporterId),
      ]);
      const scores = (rows: typeof postRatings, id: string) => {
        const r = rows.find((x) => x.source_id === id);
        return r ? { emotionalReactions: r.emotional_reactions, interpretations: r.interpretations, explorations: r.explorations } : null;
      };
      const coachingCount = (id: string) => coaching.filter((c) => c.item_id === id).length;

      const communityReplies: ReviewItem[] = posts.map((p) => {
        const opening = openings.get(p.thread_id);
        return {
          kind: 'post',
          id: p.id,
          writtenAt: p.created_at,
          text: p.body_text,
          context: opening && opening.state === 'visible' ? opening.body_text : null,
          threadId: p.thread_id,
          threadTitle: p.thread_title,
          mentorshipId: null,
          empathy: scores(postRatings, p.id),
          coachingNotes: coachingCount(p.id),
        };
      });
      const conversationReplies: ReviewItem[] = [];
      for (const m of messages) {
        const memberId = memberOf.get(m.mentorship_id) ?? null;
        const prev = memberId ? await repo.previousMessageFrom(db, m.mentorship_id, memberId, m.id) : undefined;
        conversationReplies.push({
          kind: 'message',
          id: m.id,
          writtenAt: m.created_at,
          text: this.open(m.body_enc, messageAad(m.mentorship_id)),
          context: prev ? this.open(prev.body_enc, messageAad(m.mentorship_id)) : null,
          threadId: null,
          threadTitle: null,
          mentorshipId: m.mentorship_id,
          empathy: scores(messageRatings, m.id),
          coachingNotes: coachingCount(m.id),
        });
      }
      for (const mentorshipId of new Set(messages.map((m) => m.mentorship_id))) {
        const memberId = memberOf.get(mentorshipId);
        if (memberId) {
          await recordAccess(
            db,
            {
              subjectUserId: memberId,
              actorId: actor.userId,
              actorRole: 'supervisor',
              action: 'supervision.replies_reviewed',
              objectType: 'mentorship',
              objectId: mentorshipId,
              reason: 'Your supporter’s supervisor read your supporter’s recent replies in your conversation, and the messages they answered, to coach them. You gave consent for this.',
            },
            tx.now,
          );
        }
        await recordAccess(
          db,
          {
            subjectUserId: supporterId,
            actorId: actor.userId,
            actorRole: 'supervisor',
            action: 'supervision.replies_reviewed',
            objectType: 'mentorship',
            objectId: mentorshipId,
            reason: 'Your supervisor read your recent replies in a one-to-one conversation whose member consented to supervisor review, to coach you.',
          },
          tx.now,
        );
      }
      return { communityReplies, conversationReplies, consentedConversations: consented.length };
    });
  }

  /**
   * A coaching note on one reviewed reply, for the supporter to read. The reply must be one the
   * supervisor may review now: the supporter's own public reply, or their 1:1 reply in a
   * conversation whose member consents.
   */
  async addCoaching(actor: Actor, supporterId: string, input: z.infer<typeof CoachingBody>): Promise<Created<{ note: CoachingNoteView; safety: SafetyNotice | null }>> {
    const { clientId, ...body } = input;
    return this.deps.creates.run(
      actor.userId,
      clientId,
      { kind: 'supervision.coaching', target: supporterId, body },
      (tx) => this.insertCoaching(tx, actor, supporterId, body),
      (written) => written.note.id,
      async (id) => {
        const row = await repo.findCoaching(this.deps.db, id);
        if (!row || row.author_id !== actor.userId || row.supporter_id !== supporterId) return undefined;
        // Only while they still supervise the supporter, as every other read of the coaching notes.
        await this.overseen(this.deps.db, actor, supporterId);
        const [note] = await this.presentCoachingRows([row], supporterId, false);
        return { note: note!, safety: await this.noticeAgain(actor, body.body, 'other') };
      },
    );
  }

  private async insertCoaching(tx: Tx, actor: Actor, supporterId: string, body: Omit<z.infer<typeof CoachingBody>, 'clientId'>): Promise<{ note: CoachingNoteView; safety: SafetyNotice | null }> {
    {
      const db = tx.trx;
      await this.overseen(db, actor, supporterId);
      const notReviewable = () => notFound('That reply is not one of this supporter’s replies you can review.');
      let item: { excerpt: string | null; threadId: string | null; mentorshipId: string | null };
      if (body.itemKind === 'post') {
        const p = await repo.findPost(db, body.itemId);
        if (!p || p.author_id !== supporterId || p.anonymous === 1 || p.state !== 'visible') throw notReviewable();
        item = { excerpt: excerptOf(p.body_text, COACHING_EXCERPT_CHARS), threadId: p.thread_id, mentorshipId: null };
      } else {
        const m = await repo.findMentorshipMessage(db, body.itemId);
        const consented = m ? (await repo.consentedMentorships(db, supporterId, tx.now.toISOString())).some((c) => c.id === m.mentorship_id) : false;
        if (!m || m.sender_id !== supporterId || m.supporter_id !== supporterId || m.kind !== 'text' || !consented) throw notReviewable();
        item = { excerpt: null, threadId: null, mentorshipId: m.mentorship_id };
      }
      const id = newId(tx.now.getTime());
      const screened = await this.screen(tx, actor, SCREENED.coaching, id, body.body, 'other');
      const row = { id, supporter_id: supporterId, author_id: actor.userId, item_kind: body.itemKind, item_id: body.itemId, body_enc: this.seal(body.body, aad.coaching(supporterId)), created_at: tx.now.toISOString() };
      await repo.insertCoaching(db, row);
      await this.notify(tx, supporterId, `${actor.handle} left you a coaching note on one of your replies.`);
      await this.changed(tx, supporterId, [actor.userId]);
      return { note: presentCoaching({ ...row, author_handle: actor.handle }, body.body, item), safety: screened.notice.level > 0 ? screened.notice : null };
    }
  }

  /** Coaching notes about a supporter, for their supervisor. */
  async coaching(actor: Actor, supporterId: string): Promise<CoachingNoteView[]> {
    await this.overseen(this.deps.db, actor, supporterId);
    return this.coachingViews(supporterId, false);
  }

  /** My coaching notes, with the start of my own replies they are about. */
  async myCoaching(actor: Actor): Promise<CoachingNoteView[]> {
    this.assertSupporter(actor);
    return this.coachingViews(actor.userId, true);
  }

  private async coachingViews(supporterId: string, self: boolean): Promise<CoachingNoteView[]> {
    return this.presentCoachingRows(await repo.coachingAbout(this.deps.db, supporterId), supporterId, self);
  }

  private async presentCoachingRows(rows: Awaited<ReturnType<typeof repo.coachingAbout>>, supporterId: string, self: boolean): Promise<CoachingNoteView[]> {
    const db = this.deps.db;
    const posts = new Map((await repo.postsByIds(db, rows.filter((r) => r.item_kind === 'post').map((r) => r.item_id))).map((p) => [p.id, p]));
    const messages = new Map((await repo.mentorshipMessagesByIds(db, rows.filter((r) => r.item_kind === 'message').map((r) => r.item_id))).map((m) => [m.id, m]));
    return rows.map((c) => {
      let item: { excerpt: string | null; threadId: string | null; mentorshipId: string | null } = { excerpt: null, threadId: null, mentorshipId: null };
      if (c.item_kind === 'post') {
        const p = posts.get(c.item_id);
        if (p) item = { excerpt: p.state === 'visible' && p.author_id === supporterId ? excerptOf(p.body_text, COACHING_EXCERPT_CHARS) : null, threadId: p.thread_id, mentorshipId: null };
      } else {
        const m = messages.get(c.item_id);
        // The supporter reads the start of their own 1:1 reply; the supervisor saw it in the review.
        if (m) item = { excerpt: self && m.sender_id === supporterId && m.state === 'visible' ? excerptOf(this.open(m.body_enc, messageAad(m.mentorship_id)), COACHING_EXCERPT_CHARS) : null, threadId: null, mentorshipId: m.mentorship_id };
      }
      return presentCoaching(c, this.open(c.body_enc, aad.coaching(supporterId)), item);
    });
  }

  // ── empathy trend ───────────────────────────────────────────────────────────
  /** Weekly averages of a supporter's empathy ratings, for their supervisor. */
  async empathyTrend(actor: Actor, supporterId: string, weeks: number): Promise<EmpathyTrendView> {
    return this.trendOf(await this.overseen(this.deps.db, actor, supporterId), weeks);
  }

  /** My own weekly averages. */
  async myEmpathyTrend(actor: Actor, weeks: number): Promise<EmpathyTrendView> {
    this.assertSupporter(actor);
    return this.trendOf({ id: actor.userId, handle: actor.handle }, weeks);
  }

  private async trendOf(supporter: PersonRef, weeks: number): Promise<EmpathyTrendView> {
    const db = this.deps.db;
    const supporterId = supporter.id;
    const now = this.deps.clock.now();
    const rows = await repo.ratingsSince(db, supporterId, trendStart(now, weeks).toISOString());
    const series = weeklyEmpathy(
      rows.map((r) => ({ writtenAt: r.written_at, emotionalReactions: r.emotional_reactions, interpretations: r.interpretations, explorations: r.explorations })),
      now,
      weeks,
    );
    return { supporter, weeks: series, replies: rows.length };
  }

  /**
   * Rates one supporter reply against what it answered and stores the numbers (never the words).
   * Runs in the outbox consumer, after the reply committed, so writing stays fast. A reply by
   * someone who is not a supporter, an anonymous post, an opening post, or one with nothing to
   * answer is skipped.
   */
  /**
   * Community replies, a dispatch batch at once (ADR 021): the supporters' replies among the posts
   * (ADR 031) and the threads' opening posts are one query each, then each reply is rated as
   * `rateReply` would.
   */
  private async ratePosts(postIds: readonly string[], tx: Tx): Promise<void> {
    const db = tx.trx;
    // Only supporters' replies are rated, chosen in the read (most batches of replies have none); the
    // opening posts (whole texts) are read only for the threads a supporter replied in.
    const found = new Map((await repo.supportersRepliesToRate(db, [...new Set(postIds)])).map((p) => [p.id, p]));
    const rated = postIds.flatMap((id) => {
      const p = found.get(id);
      return p ? [p] : [];
    });
    if (rated.length === 0) return;
    const openings = new Map<string, string>();
    for (const o of await repo.openingPosts(db, [...new Set(rated.map((p) => p.thread_id))])) if (!openings.has(o.thread_id)) openings.set(o.thread_id, o.body_text);
    for (const p of rated) {
      const seeker = openings.get(p.thread_id);
      if (seeker === undefined) continue;
      await this.saveRating(tx, { userId: p.author_id, source: 'post', id: p.id, seeker, reply: p.body_text, writtenAt: p.created_at });
    }
  }

  private async rateReply(event: BusEvent, tx: Tx): Promise<void> {
    if (event.type === RATED_EVENTS.post) return this.ratePosts([(event.data as { postId: string }).postId], tx);
    const db = tx.trx;
    const m = await repo.findMentorshipMessage(db, (event.data as { messageId: string }).messageId);
    if (!m || m.kind !== 'text' || m.state !== 'visible' || !m.sender_id || m.sender_id !== m.supporter_id || !m.member_id) return;
    const prev = await repo.previousMessageFrom(db, m.mentorship_id, m.member_id, m.id);
    if (!prev) return;
    const rated = { userId: m.sender_id, source: 'message' as const, id: m.id, seeker: this.open(prev.body_enc, messageAad(m.mentorship_id)), reply: this.open(m.body_enc, messageAad(m.mentorship_id)), writtenAt: m.created_at };
    const roles = (await repo.rolesOf(db, [rated.userId])).get(rated.userId) ?? [];
    if (!roles.some((r) => (SUPPORTER_ROLES as readonly string[]).includes(r))) return;
    await this.saveRating(tx, rated);
  }

  private async saveRating(tx: Tx, rated: { userId: string; source: 'post' | 'message'; id: string; seeker: string; reply: string; writtenAt: string }): Promise<void> {
    const db = tx.trx;
    let scores: { emotionalReactions: number; interpretations: number; explorations: number };
    try {
      scores = rateEmpathy(rated.seeker, rated.reply);
    } catch {
      // A rating is a coaching aid: never let it block the outbox (crisis alerts travel there too).
      return;
    }
    await repo.insertRating(db, {
      id: newId(tx.now.getTime()),
      user_id: rated.userId,
      source: rated.source,
      source_id: rated.id,
      emotional_reactions: scores.emotionalReactions,
      interpretations: scores.interpretations,
      explorations: scores.explorations,
      version: EMPATHY_VERSION,
      written_at: rated.writtenAt,
      created_at: tx.now.toISOString(),
    });
  }

  // ── the supervision request channel ─────────────────────────────────────────
  private async requestPeople(db: Executor, rows: RequestRow[], extra: string[] = []): Promise<Map<string, PersonRef>> {
    const ids = new Set<string>(extra);
    for (const r of rows) {
      ids.add(r.supporter_id);
      if (r.supervisor_id) ids.add(r.supervisor_id);
    }
    return new Map((await repo.usersByIds(db, [...ids])).map((u) => [u.id, u]));
  }

  private async requestView(db: Executor, actor: Actor, r: RequestRow, messages?: MessageRow[]): Promise<SupervisionRequestView> {
    const people = await this.requestPeople(db, [r]);
    return presentRequest(r, actor.userId, people, awaitingReplySince(r, messages ?? (await repo.messagesOf(db, [r.id]))));
  }

  /** Whether the actor takes part in a request: its supporter, or the supporter's supervisor now. */
  private async takesPart(db: Executor, actor: Actor, r: RequestRow): Promise<boolean> {
    if (r.supporter_id === actor.userId) return true;
    const assignedSupervisorId = await repo.supervisorOf(db, r.supporter_id);
    return supervisionPolicy.can(actor, 'request.take_part', { request: { supporterId: r.supporter_id }, assignedSupervisorId });
  }

  /** A request the actor takes part in; else 404 (a former supervisor included). */
  private async ownRequest(db: Executor, actor: Actor, requestId: string): Promise<RequestRow> {
    const r = await repo.findRequest(db, requestId);
    if (!r || !(await this.takesPart(db, actor, r))) throw requestNotFound();
    return r;
  }

  /** Writes one message (screened, sealed) and tells the other side when it is their turn. */
  private async write(tx: Tx, actor: Actor, r: RequestRow, body: string, opening: boolean) {
    const id = newId(tx.now.getTime());
    const screened = await this.screen(tx, actor, SCREENED.message, id, body, 'message');
    const before = await repo.messagesOf(tx.trx, [r.id]);
    const row: MessageRow = { id, request_id: r.id, sender_id: actor.userId, body_enc: this.seal(body, aad.message(r.id)), created_at: tx.now.toISOString() };
    await repo.insertMessage(tx.trx, row);
    await repo.updateRequest(tx.trx, r.id, { updated_at: row.created_at });
    const other = actor.userId === r.supporter_id ? r.supervisor_id : r.supporter_id;
    // One notification per turn, not per message: a conversation, not a pager.
    if (other && before.at(-1)?.sender_id !== actor.userId) {
      const text =
        actor.userId === r.supporter_id
          ? opening
            ? `${actor.handle} asked you for supervision.`
            : `${actor.handle} wrote to you in supervision.`
          : `${actor.handle} replied to your supervision request.`;
      await this.notify(tx, other, text);
    }
    await tx.emit('supervision.message_created', { requestId: r.id, messageId: id, senderId: actor.userId }, [`supervision:${r.id}`]);
    await tx.emit('supervision.request_updated', { requestId: r.id, status: 'open' }, [`user:${r.supporter_id}`, ...(r.supervisor_id ? [`user:${r.supervisor_id}`] : [])]);
    return { row, notice: screened.notice.level > 0 ? screened.notice : null, messages: [...before, row] };
  }

  /**
   * "Request supervision": opens a request with the supporter's supervisor (or continues the open
   * one) with a first message. Without a supervisor there is nobody to ask: 409 saying so.
   */
  async requestSupervision(actor: Actor, input: z.infer<typeof MessageBody>): Promise<Created<RequestWritten>> {
    this.assertSupporter(actor);
    const { clientId, body } = input;
    return this.deps.creates.run(
      actor.userId,
      clientId,
      { kind: 'supervision.request', target: actor.userId, body: { body } },
      (tx) => this.openAndWrite(tx, actor, body),
      (written) => written.message.id,
      (id) => this.messageAgain(actor, id, body),
    );
  }

  private async openAndWrite(tx: Tx, actor: Actor, body: string): Promise<RequestWritten> {
    {
      const supervisorId = await repo.supervisorOf(tx.trx, actor.userId);
      if (!supervisorId) {
        throw conflict('You do not have a supervisor yet: your organisation’s admin assigns one. If someone you support may be at risk now, use “Bring in my supervisor” in your conversation, which reaches the supervisors on duty.', { reason: 'no_supervisor' });
      }
      const iso = tx.now.toISOString();
      let r = await repo.openRequestOf(tx.trx, actor.userId);
      const opening = !r;
      if (!r) {
        r = { id: newId(tx.now.getTime()), supporter_id: actor.userId, supervisor_id: supervisorId, status: 'open', created_at: iso, updated_at: iso, closed_at: null, closed_by: null };
        await repo.insertRequest(tx.trx, r);
        await this.changed(tx, actor.userId, [supervisorId]);
      }
      const written = await this.write(tx, actor, r, body, opening);
      const people = await this.requestPeople(tx.trx, [r]);
      return {
        request: presentRequest({ ...r, updated_at: written.row.created_at }, actor.userId, people, awaitingReplySince(r, written.messages)),
        message: presentMessage(written.row, body, actor.userId, people),
        safety: written.notice,
      };
    }
  }

  /**
   * A retried message in a request (ADR 042): the message as stored, with its request as it is now,
   * to those who take part in it now: a supervisor since replaced gets the 404 the request's own
   * routes give them, not its current state.
   */
  private async messageAgain(actor: Actor, messageId: string, body: string): Promise<RequestWritten | undefined> {
    const db = this.deps.db;
    const row = await repo.findMessage(db, messageId);
    const r = row && row.sender_id === actor.userId ? await repo.findRequest(db, row.request_id) : undefined;
    if (!row || !r) return undefined;
    if (!(await this.takesPart(db, actor, r))) throw requestNotFound();
    const messages = await repo.messagesOf(db, [r.id]);
    const people = await this.requestPeople(db, [r]);
    return {
      request: presentRequest(r, actor.userId, people, awaitingReplySince(r, messages)),
      message: presentMessage(row, body, actor.userId, people),
      safety: await this.noticeAgain(actor, body, 'message'),
    };
  }

  /** My requests (a supporter) and those of the supporters I supervise now, earlier ones included (a supervisor): open first. */
  async requests(actor: Actor): Promise<SupervisionRequestView[]> {
    const db = this.deps.db;
    const rows = [
      ...(await repo.requestsWith(db, { supporterId: actor.userId }, 50)),
      ...(hasRole(actor, 'supervisor') ? await repo.requestsWith(db, { supervisedBy: actor.userId }, 100) : []),
    ];
    const [people, messages] = await Promise.all([this.requestPeople(db, rows), repo.messagesOf(db, rows.map((r) => r.id))]);
    return rows.map((r) => presentRequest(r, actor.userId, people, awaitingReplySince(r, messages.filter((m) => m.request_id === r.id))));
  }

  async request(actor: Actor, requestId: string): Promise<RequestThreadView> {
    const db = this.deps.db;
    const r = await this.ownRequest(db, actor, requestId);
    const messages = await repo.messagesOf(db, [r.id]);
    const people = await this.requestPeople(db, [r], messages.flatMap((m) => (m.sender_id ? [m.sender_id] : [])));
    return {
      request: presentRequest(r, actor.userId, people, awaitingReplySince(r, messages)),
      messages: messages.map((m) => presentMessage(m, this.open(m.body_enc, aad.message(r.id)), actor.userId, people)),
    };
  }

  async sendMessage(actor: Actor, requestId: string, input: z.infer<typeof MessageBody>): Promise<Created<RequestWritten>> {
    const { clientId, body } = input;
    return this.deps.creates.run(
      actor.userId,
      clientId,
      { kind: 'supervision.message', target: requestId, body: { body } },
      (tx) => this.writeInRequest(tx, actor, requestId, body),
      (written) => written.message.id,
      (id) => this.messageAgain(actor, id, body),
    );
  }

  private async writeInRequest(tx: Tx, actor: Actor, requestId: string, body: string): Promise<RequestWritten> {
    {
      const r = await this.ownRequest(tx.trx, actor, requestId);
      if (r.status !== 'open') throw conflict('This supervision request is closed. Ask for supervision again to start a new one.');
      const written = await this.write(tx, actor, r, body, false);
      const people = await this.requestPeople(tx.trx, [r]);
      return {
        request: presentRequest({ ...r, updated_at: written.row.created_at }, actor.userId, people, awaitingReplySince(r, written.messages)),
        message: presentMessage(written.row, body, actor.userId, people),
        safety: written.notice,
      };
    }
  }

  /** Either side closes the request when they are done; the history stays readable to both. */
  async closeRequest(actor: Actor, requestId: string): Promise<SupervisionRequestView> {
    return this.deps.uow.run(async (tx) => {
      const r = await this.ownRequest(tx.trx, actor, requestId);
      if (r.status === 'open') {
        const iso = tx.now.toISOString();
        await repo.updateRequest(tx.trx, r.id, { status: 'closed', closed_at: iso, closed_by: actor.userId, updated_at: iso });
        await tx.emit('supervision.request_updated', { requestId: r.id, status: 'closed' }, [`user:${r.supporter_id}`, ...(r.supervisor_id ? [`user:${r.supervisor_id}`] : []), `supervision:${r.id}`]);
        await this.changed(tx, r.supporter_id, [r.supervisor_id]);
      }
      return this.requestView(tx.trx, actor, (await repo.findRequest(tx.trx, r.id))!);
    });
  }

  /** Realtime room `supervision:<requestId>`: the supporter and their supervisor now, nobody else. */
  async mayJoinRequestRoom(actor: Actor, requestId: string): Promise<boolean> {
    const r = await repo.findRequest(this.deps.db, requestId);
    return !!r && (await this.takesPart(this.deps.db, actor, r));
  }

  /** mayJoinRequestRoom for many sockets at once (the periodic recheck): two statements (the requests, their supporters' supervisors). */
  async mayStayInRequestRooms(asked: readonly RoomAsk[]): Promise<boolean[]> {
    const db = this.deps.db;
    const supporterOf = new Map((await repo.requestSupporters(db, [...new Set(asked.map((a) => a.id))])).map((r) => [r.id, r.supporter_id]));
    const others = asked.filter(({ actor, id }) => supporterOf.has(id) && supporterOf.get(id) !== actor.userId);
    const supervisors = await repo.supervisorsOf(db, [...new Set(others.map(({ id }) => supporterOf.get(id)!))]);
    return asked.map(({ actor, id }) => {
      const supporterId = supporterOf.get(id);
      if (supporterId === undefined) return false;
      if (supporterId === actor.userId) return true;
      return supervisionPolicy.can(actor, 'request.take_part', { request: { supporterId }, assignedSupervisorId: supervisors.get(supporterId) ?? null });
    });
  }

  // ── weekly check-in reminders ───────────────────────────────────────────────
  /**
   * Reminds each supervised supporter once when a week has passed since their last check-in (or
   * since their supervisor was assigned). The claim is a conditional update, so several instances
   * never send it twice. Runs on a timer; tests call it after moving the clock.
   */
  async sweepCheckinReminders(): Promise<number> {
    const db = this.deps.db;
    const now = this.deps.clock.now();
    const nowIso = now.toISOString();
    const assignments = await repo.allAssignments(db);
    const latest = await repo.latestCheckins(db, assignments.map((a) => a.supporter_id));
    let sent = 0;
    for (const a of assignments) {
      const due = checkinDueAt(latest.get(a.supporter_id)?.created_at ?? null, a.assigned_at);
      if (due > nowIso || (a.checkin_reminded_at && a.checkin_reminded_at >= due)) continue;
      await this.deps.uow.run(async (tx) => {
        if (!(await repo.claimCheckinReminder(tx.trx, a.supporter_id, a.checkin_reminded_at, nowIso))) return;
        if (await this.notify(tx, a.supporter_id, 'A week has passed: time for your wellbeing check-in. Three quick questions, for you and your supervisor.')) sent += 1;
        await this.changed(tx, a.supporter_id, [a.supervisor_id]);
      });
    }
    return sent;
  }

  // ── events from other modules ───────────────────────────────────────────────
  consumers(): OutboxConsumer[] {
    return [
      { name: 'supervision-certificates', types: Object.values(CERTIFICATE_EVENTS), handle: (event, tx) => this.onCertificate(event, tx) },
      {
        name: 'supervision-empathy',
        types: Object.values(RATED_EVENTS),
        handle: (event, tx) => this.rateReply(event, tx),
        handleBatch: async (events, tx) => {
          if (events[0]?.type === RATED_EVENTS.post) return this.ratePosts(events.map((e) => (e.data as { postId: string }).postId), tx);
          for (const event of events) await this.rateReply(event, tx);
        },
      },
    ];
  }

  /**
   * A certificate was issued: a supporter without a supervisor gets the supervisor who signed it
   * off. A certificate lapsed: their supervisor hears it, kindly, so they can check in.
   */
  private async onCertificate(event: BusEvent, tx: Tx): Promise<void> {
    const data = event.data as { userId: string; kind: string; signedOffBy?: string | null; reason?: string };
    const supporter = await repo.findUser(tx.trx, data.userId);
    if (!supporter) return;
    const certificate = CERTIFICATE_NAMES[data.kind] ?? data.kind.replace(/_/g, ' ');
    if (event.type === CERTIFICATE_EVENTS.issued) {
      if (!data.signedOffBy || data.signedOffBy === supporter.id || (await repo.supervisorOf(tx.trx, supporter.id))) return;
      const signer = await repo.findUser(tx.trx, data.signedOffBy);
      if (!signer || !((await repo.rolesOf(tx.trx, [signer.id])).get(signer.id) ?? []).includes('supervisor')) return;
      await this.applyAssignment(tx, supporter, signer, signer.id, 'sign_off');
      return;
    }
    const supervisorId = await repo.supervisorOf(tx.trx, supporter.id);
    if (!supervisorId) return;
    const what = data.reason === 'revoked' ? `was revoked` : 'has expired';
    await this.notify(
      tx,
      supervisorId,
      `${supporter.handle}’s ${certificate} certificate ${what}. They can keep supporting the people they already support, but cannot take on anyone new until it is renewed. A kind check-in may help.`,
    );
    await this.changed(tx, supporter.id, [supervisorId]);
  }

  // ── personal data ───────────────────────────────────────────────────────────
  /**
   * Export: the supporter's own supervision record (their supervisor, check-ins with notes, the
   * messages they wrote in supervision, coaching notes written to them, empathy ratings). Supervision
   * notes about them are listed by date only, never their words (docs/adr/010-supervision-notes.md).
   * As a supervisor: how many notes and coaching notes they wrote (the words are about others).
   */
  contributor(): PersonalDataContributor {
    return {
      name: 'supervision',
      export: async (tx, userId) => {
        const db = tx.trx;
        const assignment = await repo.assignmentOf(db, userId);
        const supervisor = assignment ? await repo.findUser(db, assignment.supervisor_id) : undefined;
        const checkins = await repo.checkinsOf(db, userId, 100_000);
        const sent = await repo.messagesSentBy(db, userId);
        const coaching = await repo.coachingAbout(db, userId);
        const notesAbout = await repo.noteDatesAbout(db, userId);
        const supervised = await repo.assignmentsOf(db, userId);
        return {
          supervisor: supervisor ? { handle: supervisor.handle, assignedAt: assignment!.assigned_at } : null,
          wellbeingCheckins: checkins.map((c) => presentCheckin(c, c.note_enc ? this.open(c.note_enc, aad.checkin(userId)) : null)),
          supervisionMessagesSent: sent.map((m) => ({ requestId: m.request_id, body: this.open(m.body_enc, aad.message(m.request_id)), at: m.created_at })),
          coachingNotesReceived: coaching.map((c) => ({ itemKind: c.item_kind, itemId: c.item_id, body: this.open(c.body_enc, aad.coaching(userId)), at: c.created_at })),
          empathyRatings: (await repo.ratingsOf(db, userId)).map((r) => ({ source: r.source, emotionalReactions: r.emotional_reactions, interpretations: r.interpretations, explorations: r.explorations, writtenAt: r.written_at })),
          supervisionNotesAboutMe: {
            count: notesAbout.length,
            dates: notesAbout.map((n) => n.created_at),
            explanation: 'Your supervisor’s working notes are kept private to supervision and are not part of this download; ask your supervisor or your organisation for a copy.',
          },
          asSupervisor: { supporters: supervised.length },
        };
      },
      erase: (tx, userId) => repo.eraseUser(tx.trx, userId, tx.now.toISOString()),
    };
  }
}

/** When the next weekly check-in is due: a week after the last one, or after the assignment. */
export function checkinDueAt(lastCheckinAt: string | null, assignedAt: string): string {
  const from = lastCheckinAt && lastCheckinAt > assignedAt ? lastCheckinAt : assignedAt;
  return new Date(new Date(from).getTime() + SUPERVISION_TIME_LIMITS.checkinEveryDays * DAY_MS).toISOString();
}

function plusMinutes(iso: string, minutes: number): string {
  return new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();
}
