import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import type { ContentWarning, WarningMode } from '../../../contracts/communities.js';
import { CONTENT_WARNINGS } from '../../../contracts/communities.js';
import type {
  AttendanceBody,
  GoalBody,
  GoalLogBody,
  GroupBody,
  GroupMessageBody,
  GroupPatchBody,
  GroupReportBody,
  JoinRequestBody,
  MeetingBody,
  OrganizationBody,
  OrganizationPatchBody,
  ProgramCreateBody,
  ProgramPatchBody,
  StaffRole,
  SupervisorRequestBody,
} from '../../../contracts/groups.js';
import type { Screening } from '../../../safety/types.js';
import { hasRole, type Actor, type RoomAsk } from '../../platform/actor.js';
import { recordAccess } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { randomToken, tokenDigest, type Keyring } from '../../platform/crypto.js';
import { isUniqueViolationOf, type Db, type Dialect, type Executor } from '../../platform/db.js';
import { badRequest, conflict, forbidden, HttpError, notFound } from '../../platform/errors.js';
import type { Created, IdempotentCreates } from '../../platform/idempotency.js';
import { newId } from '../../platform/ids.js';
import type { OutboxConsumer, Tx, UnitOfWork } from '../../platform/outbox.js';
import { nothingWrittenMeanwhile, type PersonalDataContributor } from '../../platform/privacy.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import { heldMessageHandler } from '../safety/held-message-handler.js';
import type { HeldContentHandler, SafetyService, TextScreener } from '../safety/safety.service.js';
import { certificateRequired, counts, type Standing } from '../training/certification.js';
import type { CertificateGate } from '../training/training.service.js';
import { CERTIFICATE_LAPSED, type CertificateLapsedEvent } from '../../../contracts/training.js';
import type { SafetyNotice } from '../../../contracts/safety.js';
import { groupsPolicy, mayFacilitate, type GroupAction, type GroupContext } from './groups.policy.js';
import { presentGoal, presentGroup, presentMessage, presentOccurrence, type GroupViewer } from './groups.presenter.js';
import { groupsRepository as repo, type GroupRow, type MeetingRow, type MessageRow, type ProgramRow } from './groups.repository.js';
import { renderCalendar, type FeedEvent } from './icalendar.js';
import { expand, isLocalDate, isOccurrenceStart, parseLocal, zonedToUtc, type Series } from './recurrence.js';

export interface GroupsDeps {
  db: Db;
  dialect: Dialect;
  uow: UnitOfWork;
  clock: Clock;
  keyring: Keyring;
  screener: TextScreener & Pick<SafetyService, 'withdrawHeld'>;
  /** Chat messages a retry must not store twice (ADR 042). */
  creates: IdempotentCreates;
  notifications: NotificationsService;
  /** Facilitating needs a valid facilitator certificate (training module). */
  certificates: CertificateGate;
}

/** Screening categories → the content warning a reader would want in front of such words. */
const WARNING_FOR_CATEGORY: Partial<Record<Screening['categories'][number], ContentWarning>> = {
  suicide: 'suicide',
  self_harm: 'self_harm',
  eating_disorder: 'eating',
  abuse_or_unsafe_home: 'abuse',
  substances: 'substance_use',
  harm_to_others: 'violence',
};

const alreadyAskedToJoin = () => conflict('You have already asked to join; the program lead will answer.');

const DAY_MS = 86_400_000;
/** How far ahead the home page looks for a next meeting. */
const UPCOMING_DAYS = 60;
/** What the feed and the default list cover. */
const FEED_PAST_DAYS = 30;
const FEED_AHEAD_DAYS = 365;
const INVITE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Everything the policy and presenters need about one actor and one group. */
interface GroupAccess {
  group: GroupRow;
  program: ProgramRow;
  ctx: GroupContext;
  viewer: GroupViewer;
  /** The actor's facilitator certificate, when they facilitate this group (for the 403's reason). */
  facilitatorStanding: Standing | null;
}

/** Someone left a program (so its program-only spaces and their threads). Internal: never reaches a browser. */
export const PROGRAM_LEFT = 'program.member_left';

/**
 * Formal programs: organizations and their staff, programs and joining, support groups with their
 * agreement, meetings (DST-correct series, RSVP, attendance, notes, reminders, iCalendar feeds),
 * group chat (screened, encrypted, with pins, mutes and reports), shared goals, the facilitator's
 * dashboard and "bring in a supervisor".
 */
export class GroupsService {

  constructor(private readonly deps: GroupsDeps) {}

  private seal(text: string, scope: string): string {
    return this.deps.keyring.field.encrypt(text, scope);
  }

  private open(sealed: string | null, scope: string): string | null {
    return sealed === null ? null : this.deps.keyring.field.decrypt(sealed, scope);
  }

  // ── access ──────────────────────────────────────────────────────────────────
  private async accessTo(db: Executor, actor: Actor, group: GroupRow, now: Date): Promise<GroupAccess> {
    const program = (await repo.findProgram(db, group.program_id))!;
    const [staffRoles, programMember, membership, facilitator, accepted] = await Promise.all([
      repo.staffRolesOf(db, actor.userId, program.organization_id),
      repo.isProgramMember(db, program.id, actor.userId),
      repo.findMembership(db, group.id, actor.userId),
      repo.isFacilitator(db, group.id, actor.userId),
      repo.acceptedVersions(db, group.id, [actor.userId]),
    ]);
    const acceptedVersion = accepted.get(actor.userId) ?? null;
    const mutedUntil = membership?.muted_until ?? null;
    const facilitatorStanding = facilitator ? await this.deps.certificates.standing(db, actor.userId, 'facilitator', now) : null;
    const ctx: GroupContext = {
      staffRoles,
      joinPolicy: program.join_policy,
      programMember,
      groupMember: !!membership,
      groupFacilitator: facilitator,
      facilitatorCertified: !!facilitatorStanding && counts(facilitatorStanding),
      agreementCurrent: acceptedVersion === group.agreement_version,
      muted: !!mutedUntil && mutedUntil > now.toISOString(),
    };
    return { group, program, ctx, viewer: { userId: actor.userId, member: !!membership, facilitator, acceptedVersion, mutedUntil, now }, facilitatorStanding };
  }

  /** The group when the actor may see it at all; 404 otherwise (its existence is not revealed). */
  private async readable(db: Executor, actor: Actor, groupId: string, now: Date, lock = false): Promise<GroupAccess> {
    const group = lock ? await repo.lockGroup(db, this.deps.dialect, groupId) : await repo.findGroup(db, groupId);
    if (!group) throw notFound('That group was not found.');
    const access = await this.accessTo(db, actor, group, now);
    if (!groupsPolicy.can(actor, 'group.read', access.ctx)) throw notFound('That group was not found.');
    return access;
  }

  private require(actor: Actor, action: GroupAction, a: GroupAccess, message: string): void {
    if (groupsPolicy.can(actor, action, a.ctx)) return;
    throw this.uncertified(actor, action, a) ?? this.refusal(actor, action, a, message);
  }

  /** The reason a facilitator whose certificate is not valid cannot do what a certified one could. */
  private uncertified(actor: Actor, action: GroupAction, a: GroupAccess): HttpError | null {
    if (!a.ctx.groupFacilitator || a.ctx.facilitatorCertified || !a.facilitatorStanding) return null;
    if (!groupsPolicy.can(actor, action, { ...a.ctx, facilitatorCertified: true })) return null;
    return certificateRequired('facilitator', a.facilitatorStanding);
  }

  private refusal(actor: Actor, action: GroupAction, a: GroupAccess, message: string): HttpError {
    if ((action === 'group.take_part' || action === 'group.write') && a.ctx.groupMember && !a.ctx.agreementCurrent) {
      return new HttpError(409, 'agreement_required', `The group agreement has changed (version ${a.group.agreement_version}). Please read it and accept it to take part again.`, {
        agreementVersion: a.group.agreement_version,
      });
    }
    if (action === 'group.write' && a.ctx.muted) {
      return new HttpError(403, 'muted', `A facilitator has paused your messages in this group until ${a.viewer.mutedUntil}.`, { until: a.viewer.mutedUntil });
    }
    return forbidden(message);
  }

  async presentGroupFor(db: Executor, a: GroupAccess) {
    const [facilitators, counts] = await Promise.all([repo.facilitatorsOf(db, [a.group.id]), repo.memberCounts(db, [a.group.id])]);
    return presentGroup(a.group, { facilitators, memberCount: counts.get(a.group.id) ?? 0, viewer: a.viewer });
  }

  /** Realtime `group:<id>`: current members who accepted the current agreement, and facilitators. */
  async mayJoinGroupRoom(actor: Actor, groupId: string): Promise<boolean> {
    const group = await repo.findGroup(this.deps.db, groupId);
    if (!group) return false;
    const a = await this.accessTo(this.deps.db, actor, group, this.deps.clock.now());
    return groupsPolicy.can(actor, 'group.take_part', a.ctx);
  }

  /** mayJoinGroupRoom for many sockets at once (the periodic recheck): four statements whatever the number (groupsRepository.takingPartAmong). */
  async mayStayInGroupRooms(asked: readonly RoomAsk[]): Promise<boolean[]> {
    const among = await repo.takingPartAmong(this.deps.db, [...new Set(asked.map((a) => a.id))], [...new Set(asked.map((a) => a.actor.userId))]);
    return asked.map(({ actor, id }) => {
      const version = among.versions.get(id);
      if (version === undefined) return false;
      const pair = `${id} ${actor.userId}`;
      return groupsPolicy.can(actor, 'group.take_part', { groupMember: among.members.has(pair), agreementCurrent: among.accepted.get(pair) === version, groupFacilitator: among.facilitators.has(pair) });
    });
  }

  /**
   * For sharing something personal into a group (a recovery goal), in the caller's transaction:
   * only a current member who accepted the current agreement. A group I am not in is the same 404
   * as one that does not exist; a member behind on the agreement gets the usual 409.
   */
  async assertMaySharePersonal(db: Executor, actor: Actor, groupId: string): Promise<{ id: string; name: string }> {
    const group = await repo.findGroup(db, groupId);
    if (!group) throw notFound('That group was not found.');
    const a = await this.accessTo(db, actor, group, this.deps.clock.now());
    if (!a.ctx.groupMember) throw notFound('That group was not found.');
    this.require(actor, 'group.take_part', a, 'Only members of this group share with it.');
    return { id: group.id, name: group.name };
  }

  /** Who sees what members shared into a group: its participants (like its goals); others 404/403/409 as there. */
  async assertMaySeeShared(db: Executor, actor: Actor, groupId: string): Promise<{ memberIds: Set<string> }> {
    const a = await this.readable(db, actor, groupId, this.deps.clock.now());
    this.require(actor, 'group.take_part', a, 'Only members and facilitators of this group see what its members shared.');
    return { memberIds: new Set((await repo.members(db, a.group.id)).map((m) => m.user_id)) };
  }

  /** The groups a member may share into now (member, current agreement), by name. */
  async shareableGroupsOf(db: Executor, userId: string): Promise<{ id: string; name: string }[]> {
    const out: { id: string; name: string }[] = [];
    for (const g of await this.myGroups(db, userId)) {
      if (!(await repo.findMembership(db, g.id, userId))) continue;
      if ((await repo.acceptedVersions(db, g.id, [userId])).get(userId) !== g.agreement_version) continue;
      out.push({ id: g.id, name: g.name });
    }
    return out.sort((x, y) => x.name.localeCompare(y.name));
  }

  // ── organizations ───────────────────────────────────────────────────────────
  async createOrganization(actor: Actor, input: z.infer<typeof OrganizationBody>) {
    if (!groupsPolicy.can(actor, 'organization.manage')) throw forbidden('Only an admin can create organizations.');
    return this.deps.uow.run(async (tx) => {
      const iso = tx.now.toISOString();
      const row = { id: newId(tx.now.getTime()), name: input.name, description: input.description, created_at: iso, updated_at: iso };
      await this.screenNameAndDescription(tx, actor, 'organization', row.id, input);
      await repo.insertOrganization(tx.trx, row);
      return { org: row, staff: [] };
    });
  }

  async updateOrganization(actor: Actor, id: string, input: z.infer<typeof OrganizationPatchBody>) {
    if (!groupsPolicy.can(actor, 'organization.manage')) throw forbidden('Only an admin can edit organizations.');
    return this.deps.uow.run(async (tx) => {
      const org = await repo.findOrganization(tx.trx, id);
      if (!org) throw notFound('That organization was not found.');
      await this.screenNameAndDescription(tx, actor, 'organization', id, changed(org, input));
      await repo.updateOrganization(tx.trx, id, { ...input, updated_at: tx.now.toISOString() });
      return this.organizationWithStaff(tx.trx, id);
    });
  }

  private async organizationWithStaff(db: Executor, id: string) {
    const org = (await repo.findOrganization(db, id))!;
    return { org, staff: await repo.staffOf(db, [id]) };
  }

  /** Admins see every organization; staff see their own. */
  async listOrganizations(actor: Actor) {
    const db = this.deps.db;
    const ids = hasRole(actor, 'admin') ? ('all' as const) : [...new Set((await repo.organizationsStaffedBy(db, actor.userId)).map((r) => r.organization_id))];
    const orgs = await repo.listOrganizations(db, ids);
    const staff = await repo.staffOf(db, orgs.map((o) => o.id));
    return orgs.map((org) => ({ org, staff: staff.filter((s) => s.organization_id === org.id) }));
  }

  async getOrganization(actor: Actor, id: string) {
    const org = await repo.findOrganization(this.deps.db, id);
    const roles = await repo.staffRolesOf(this.deps.db, actor.userId, id);
    if (!org || !groupsPolicy.can(actor, 'organization.read', { staffRoles: roles })) throw notFound('That organization was not found.');
    return this.organizationWithStaff(this.deps.db, id);
  }

  /**
   * The organization's programs for its staff and admins, invitation-only ones included: the way
   * back to a program nobody can find from the member's list.
   */
  async organizationPrograms(actor: Actor, organizationId: string) {
    const db = this.deps.db;
    const org = await repo.findOrganization(db, organizationId);
    const roles = await repo.staffRolesOf(db, actor.userId, organizationId);
    if (!org || !groupsPolicy.can(actor, 'organization.read', { staffRoles: roles })) throw notFound('That organization was not found.');
    const programs = await repo.programsOfOrganization(db, organizationId);
    const [mine, pending] = await Promise.all([repo.programIdsOf(db, actor.userId), repo.pendingProgramIdsOf(db, actor.userId)]);
    return this.describePrograms(db, actor, programs, new Set(mine), new Set(pending));
  }

  async addStaff(actor: Actor, organizationId: string, userId: string, role: StaffRole) {
    if (!groupsPolicy.can(actor, 'organization.manage')) throw forbidden('Only an admin can name organization staff.');
    return this.deps.uow.run(async (tx) => {
      if (!(await repo.findOrganization(tx.trx, organizationId))) throw notFound('That organization was not found.');
      if (!(await repo.findUser(tx.trx, userId))) throw notFound('That account was not found.');
      await repo.addStaff(tx.trx, { organization_id: organizationId, user_id: userId, role, granted_by: actor.userId, granted_at: tx.now.toISOString() });
      return this.organizationWithStaff(tx.trx, organizationId);
    });
  }

  async removeStaff(actor: Actor, organizationId: string, userId: string, role: StaffRole) {
    if (!groupsPolicy.can(actor, 'organization.manage')) throw forbidden('Only an admin can change organization staff.');
    return this.deps.uow.run(async (tx) => {
      if (!(await repo.removeStaff(tx.trx, organizationId, userId, role))) throw notFound('That person does not hold that role here.');
      return this.organizationWithStaff(tx.trx, organizationId);
    });
  }

  // ── programs ────────────────────────────────────────────────────────────────
  async createProgram(actor: Actor, organizationId: string, input: z.infer<typeof ProgramCreateBody>) {
    if (!groupsPolicy.can(actor, 'program.create')) throw forbidden('Only an admin can create programs.');
    const id = await this.deps.uow.run(async (tx) => {
      if (!(await repo.findOrganization(tx.trx, organizationId))) throw notFound('That organization was not found.');
      const iso = tx.now.toISOString();
      const programId = newId(tx.now.getTime());
      await this.screenNameAndDescription(tx, actor, 'program', programId, input);
      await repo.insertProgram(tx.trx, {
        id: programId,
        name: input.name,
        description: input.description,
        join_policy: input.joinPolicy,
        organization_id: organizationId,
        invitation_code_digest: null,
        created_at: iso,
        updated_at: iso,
      });
      return programId;
    });
    return this.getProgram(actor, id);
  }

  private async programContext(db: Executor, actor: Actor, program: ProgramRow): Promise<GroupContext> {
    const [staffRoles, programMember] = await Promise.all([repo.staffRolesOf(db, actor.userId, program.organization_id), repo.isProgramMember(db, program.id, actor.userId)]);
    return { staffRoles, programMember, joinPolicy: program.join_policy };
  }

  private async readableProgram(db: Executor, actor: Actor, programId: string) {
    const program = await repo.findProgram(db, programId);
    if (!program) throw notFound('That program was not found.');
    const ctx = await this.programContext(db, actor, program);
    if (!groupsPolicy.can(actor, 'program.read', ctx)) throw notFound('That program was not found.');
    return { program, ctx };
  }

  async updateProgram(actor: Actor, programId: string, input: z.infer<typeof ProgramPatchBody>) {
    await this.deps.uow.run(async (tx) => {
      const { program, ctx } = await this.readableProgram(tx.trx, actor, programId);
      if (!groupsPolicy.can(actor, 'program.manage', ctx)) throw forbidden('Only the program lead or an admin can edit this program.');
      await this.screenNameAndDescription(tx, actor, 'program', program.id, changed(program, input));
      await repo.updateProgram(tx.trx, program.id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.joinPolicy !== undefined ? { join_policy: input.joinPolicy } : {}),
        updated_at: tx.now.toISOString(),
      });
    });
    return this.getProgram(actor, programId);
  }

  /** A new invitation code (the old one stops working). Shown once; only its digest is kept. */
  async rotateInvitationCode(actor: Actor, programId: string): Promise<{ code: string; programId: string }> {
    return this.deps.uow.run(async (tx) => {
      const { program, ctx } = await this.readableProgram(tx.trx, actor, programId);
      if (!groupsPolicy.can(actor, 'program.manage', ctx)) throw forbidden('Only the program lead or an admin can make invitation codes.');
      const code = Array.from({ length: 10 }, () => INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)]).join('');
      await repo.updateProgram(tx.trx, program.id, { invitation_code_digest: tokenDigest(`program:${code}`), updated_at: tx.now.toISOString() });
      return { code, programId: program.id };
    });
  }

  async revokeInvitationCode(actor: Actor, programId: string): Promise<void> {
    await this.deps.uow.run(async (tx) => {
      const { program, ctx } = await this.readableProgram(tx.trx, actor, programId);
      if (!groupsPolicy.can(actor, 'program.manage', ctx)) throw forbidden('Only the program lead or an admin can revoke invitation codes.');
      await repo.updateProgram(tx.trx, program.id, { invitation_code_digest: null, updated_at: tx.now.toISOString() });
    });
  }

  /** Programs as one member sees them: the ones they belong to, and the ones they may ask to join. */
  async programsOverview(actor: Actor) {
    const db = this.deps.db;
    const [programs, mine, pending, staffed] = await Promise.all([
      repo.listPrograms(db),
      repo.programIdsOf(db, actor.userId),
      repo.pendingProgramIdsOf(db, actor.userId),
      repo.organizationsStaffedBy(db, actor.userId),
    ]);
    const mineSet = new Set(mine);
    const staffOrgs = new Set(staffed.map((s) => s.organization_id));
    const belongs = programs.filter((p) => mineSet.has(p.id) || (p.organization_id && staffOrgs.has(p.organization_id)));
    const available = programs.filter((p) => !belongs.includes(p) && (p.join_policy === 'open' || p.join_policy === 'request'));
    return {
      mine: await this.describePrograms(db, actor, belongs, mineSet, new Set(pending)),
      available: await this.describePrograms(db, actor, available, mineSet, new Set(pending)),
    };
  }

  async getProgram(actor: Actor, programId: string) {
    const db = this.deps.db;
    const { program } = await this.readableProgram(db, actor, programId);
    const [mine, pending] = await Promise.all([repo.programIdsOf(db, actor.userId), repo.pendingProgramIdsOf(db, actor.userId)]);
    return (await this.describePrograms(db, actor, [program], new Set(mine), new Set(pending)))[0]!;
  }

  private async describePrograms(db: Executor, actor: Actor, programs: ProgramRow[], mine: Set<string>, pending: Set<string>) {
    if (!programs.length) return [];
    const ids = programs.map((p) => p.id);
    const orgIds = [...new Set(programs.map((p) => p.organization_id).filter((x): x is string => !!x))];
    const now = this.deps.clock.now();
    const [orgs, groups, spaces, staffed] = await Promise.all([
      repo.listOrganizations(db, orgIds),
      repo.groupsOfPrograms(db, ids),
      repo.spacesOfPrograms(db, ids),
      repo.organizationsStaffedBy(db, actor.userId),
    ]);
    const groupIds = groups.map((g) => g.id);
    const [facilitators, counts, memberships, accepted, facilitating] = await Promise.all([
      repo.facilitatorsOf(db, groupIds),
      repo.memberCounts(db, groupIds),
      repo.membershipsOf(db, actor.userId, groupIds),
      repo.acceptedVersionsOf(db, actor.userId, groupIds),
      repo.groupIdsOf(db, actor.userId),
    ]);
    return programs.map((p) => {
      const staffRoles = staffed.filter((s) => s.organization_id === p.organization_id).map((s) => s.role);
      const org = orgs.find((o) => o.id === p.organization_id);
      const ctx: GroupContext = { staffRoles, programMember: mine.has(p.id), joinPolicy: p.join_policy };
      // Outsiders see what a program offers (its groups' names and descriptions), never its spaces' insides.
      return {
        id: p.id,
        name: p.name,
        description: p.description,
        joinPolicy: p.join_policy,
        organization: org ? { id: org.id, name: org.name } : null,
        membership: mine.has(p.id) ? ('member' as const) : pending.has(p.id) ? ('pending' as const) : null,
        groups: groups
          .filter((g) => g.program_id === p.id)
          .map((g) => {
            const membership = memberships.find((m) => m.group_id === g.id);
            const facilitator = facilitators.some((f) => f.group_id === g.id && f.id === actor.userId) || (facilitating.includes(g.id) && !membership);
            return presentGroup(g, {
              facilitators: facilitators.filter((f) => f.group_id === g.id),
              memberCount: counts.get(g.id) ?? 0,
              viewer: { userId: actor.userId, member: !!membership, facilitator, acceptedVersion: accepted.get(g.id) ?? null, mutedUntil: membership?.muted_until ?? null, now },
            });
          }),
        spaces: spaces.filter((s) => s.program_id === p.id).map((s) => ({ id: s.id, slug: s.slug, name: s.name })),
        canManage: groupsPolicy.can(actor, 'program.manage', ctx),
      };
    });
  }

  /**
   * Open programs take a member at once; by-request programs record a request for the lead.
   * Joining is idempotent by itself (one membership, one pending request: a second is a 409); with
   * a `clientId` a retry is answered with what the first did, as the person now stands (ADR 042).
   */
  async joinProgram(actor: Actor, programId: string, input: z.infer<typeof JoinRequestBody>): Promise<Created<'member' | 'pending'>> {
    const { clientId, ...request } = input;
    try {
      return await this.deps.creates.run(
        actor.userId,
        clientId,
        { kind: 'groups.program_join', target: programId, body: request },
        (tx) => this.join(tx, actor, programId, request.note),
        () => programId,
        async () => {
          if (await repo.isProgramMember(this.deps.db, programId, actor.userId)) return 'member';
          return (await repo.pendingRequestOf(this.deps.db, programId, actor.userId)) ? 'pending' : undefined;
        },
      );
    } catch (err) {
      // Requests racing past the check in `join` (two tabs, another key): the partial unique index
      // of migration 0038 lets one through, the others are told what the sequential case says.
      if (isUniqueViolationOf(err, 'program_join_requests_one_pending_idx', 'program_join_requests.program_id, program_join_requests.user_id')) throw alreadyAskedToJoin();
      throw err;
    }
  }

  private async join(tx: Tx, actor: Actor, programId: string, note: string | undefined): Promise<'member' | 'pending'> {
    {
      const { program, ctx } = await this.readableProgram(tx.trx, actor, programId);
      if (ctx.programMember) throw conflict('You are already a member of this program.');
      if (program.join_policy === 'invitation') throw forbidden('This program is joined with an invitation code from its organization.');
      if (program.join_policy === 'open') {
        await repo.addProgramMember(tx.trx, program.id, actor.userId, tx.now.toISOString());
        return 'member';
      }
      if (await repo.pendingRequestOf(tx.trx, program.id, actor.userId)) throw alreadyAskedToJoin();
      if (note) await this.screen(tx, actor, 'program_join_request', program.id, note, 'other');
      await repo.insertJoinRequest(tx.trx, {
        id: newId(tx.now.getTime()),
        program_id: program.id,
        user_id: actor.userId,
        note_enc: note ? this.seal(note, `program_join_requests:${program.id}`) : null,
        created_at: tx.now.toISOString(),
      });
      for (const leadId of await repo.staffWithRole(tx.trx, program.organization_id, 'program_lead')) {
        await this.notify(tx, leadId, 'group', `${actor.handle} asked to join the program "${program.name}".`);
      }
      return 'pending';
    }
  }

  /** Any program whose current code this is (codes are case-insensitive). */
  async joinProgramByCode(actor: Actor, code: string): Promise<string> {
    return this.deps.uow.run(async (tx) => {
      const program = await repo.findProgramByCodeDigest(tx.trx, tokenDigest(`program:${code.trim().toUpperCase()}`));
      if (!program) throw notFound('That invitation code is not valid. Check it with the organization that gave it to you.');
      await repo.addProgramMember(tx.trx, program.id, actor.userId, tx.now.toISOString());
      return program.id;
    });
  }

  /** Leaving a program leaves its groups too. */
  async leaveProgram(actor: Actor, programId: string): Promise<void> {
    await this.deps.uow.run(async (tx) => {
      const { program, ctx } = await this.readableProgram(tx.trx, actor, programId);
      if (!ctx.programMember) throw conflict('You are not a member of this program.');
      for (const g of await repo.groupsOfPrograms(tx.trx, [program.id])) {
        if (await repo.removeMember(tx.trx, g.id, actor.userId)) await tx.emit('group.changed', { groupId: g.id, agreementVersion: g.agreement_version }, [`group:${g.id}`]);
      }
      await repo.removeProgramMember(tx.trx, program.id, actor.userId);
      // Their live rooms of the program's spaces and threads end, on every instance (app.ts).
      await tx.emitInternal(PROGRAM_LEFT, { programId: program.id, userId: actor.userId });
    });
  }

  async listJoinRequests(actor: Actor, programId: string) {
    const { program, ctx } = await this.readableProgram(this.deps.db, actor, programId);
    if (!groupsPolicy.can(actor, 'program.manage', ctx)) throw forbidden('Only the program lead or an admin sees join requests.');
    const rows = await repo.listJoinRequests(this.deps.db, program.id, 'pending');
    return rows.map((r) => ({ row: r, note: this.open(r.note_enc, `program_join_requests:${program.id}`) }));
  }

  async decideJoinRequest(actor: Actor, programId: string, requestId: string, decision: 'approve' | 'decline'): Promise<void> {
    await this.deps.uow.run(async (tx) => {
      const { program, ctx } = await this.readableProgram(tx.trx, actor, programId);
      if (!groupsPolicy.can(actor, 'program.manage', ctx)) throw forbidden('Only the program lead or an admin decides join requests.');
      const request = await repo.findJoinRequest(tx.trx, requestId);
      if (!request || request.program_id !== program.id) throw notFound('That request was not found.');
      const status = decision === 'approve' ? 'approved' : 'declined';
      if (!(await repo.decideJoinRequest(tx.trx, request.id, status, actor.userId, tx.now.toISOString()))) throw conflict('This request was already decided.');
      if (status === 'approved') await repo.addProgramMember(tx.trx, program.id, request.user_id, tx.now.toISOString());
      await this.notify(
        tx,
        request.user_id,
        'group',
        status === 'approved' ? `Welcome: you are now a member of the program "${program.name}".` : `Your request to join "${program.name}" was not accepted this time.`,
      );
    });
  }

  // ── groups ──────────────────────────────────────────────────────────────────
  private async checkFacilitators(tx: Tx, program: ProgramRow, userIds: string[]): Promise<void> {
    for (const userId of userIds) {
      const user = await repo.findUser(tx.trx, userId);
      if (!user) throw badRequest('facilitatorIds: no such account', { fields: [{ path: 'facilitatorIds', message: 'names an unknown account' }] });
      // Nobody facilitates untrained, organization staff included.
      await this.deps.certificates.requireCertificate(tx.trx, userId, 'facilitator', tx.now, user.handle);
      const [roles, staffRoles] = await Promise.all([repo.globalRolesOf(tx.trx, userId), repo.staffRolesOf(tx.trx, userId, program.organization_id)]);
      if (!mayFacilitate(roles, staffRoles)) {
        throw badRequest('facilitatorIds: a facilitator must be certified (facilitator role) or on the organization staff as a facilitator', {
          fields: [{ path: 'facilitatorIds', message: 'names someone who is not a facilitator' }],
        });
      }
    }
  }

  async createGroup(actor: Actor, programId: string, input: z.infer<typeof GroupBody>) {
    const id = await this.deps.uow.run(async (tx) => {
      const { program, ctx } = await this.readableProgram(tx.trx, actor, programId);
      if (!groupsPolicy.can(actor, 'group.manage', ctx)) throw forbidden('Only the program lead or an admin can create groups.');
      await this.checkFacilitators(tx, program, input.facilitatorIds);
      const iso = tx.now.toISOString();
      const groupId = newId(tx.now.getTime());
      await this.screenGroupTexts(tx, actor, groupId, { name: input.name, description: input.description, agreement: input.agreement });
      await repo.insertGroup(tx.trx, {
        id: groupId,
        program_id: program.id,
        name: input.name,
        description: input.description,
        time_zone: input.timeZone,
        size_limit: input.sizeLimit,
        agreement_text: input.agreement,
        agreement_version: 1,
        created_by: actor.userId,
        created_at: iso,
        updated_at: iso,
      });
      for (const f of input.facilitatorIds) await repo.addFacilitator(tx.trx, groupId, f, iso);
      return groupId;
    });
    return this.getGroup(actor, id);
  }

  async getGroup(actor: Actor, groupId: string) {
    const a = await this.readable(this.deps.db, actor, groupId, this.deps.clock.now());
    return this.presentGroupFor(this.deps.db, a);
  }

  /** A changed agreement text is a new version: every member accepts it again before taking part. */
  async updateGroup(actor: Actor, groupId: string, input: z.infer<typeof GroupPatchBody>) {
    await this.deps.uow.run(async (tx) => {
      const a = await this.readable(tx.trx, actor, groupId, tx.now);
      const structural = input.name !== undefined || input.description !== undefined || input.sizeLimit !== undefined || input.timeZone !== undefined;
      if (structural && !groupsPolicy.can(actor, 'group.manage', a.ctx)) throw forbidden('Only the program lead or an admin can change the group itself.');
      if (input.agreement !== undefined) this.require(actor, 'group.edit_agreement', a, 'Only the group facilitators, the program lead or an admin can change the agreement.');
      if (input.sizeLimit !== undefined) {
        const count = (await repo.memberCounts(tx.trx, [a.group.id])).get(a.group.id) ?? 0;
        if (input.sizeLimit < count) throw conflict(`The group has ${count} members: the size limit cannot go below that.`);
      }
      const changedAgreement = input.agreement !== undefined && input.agreement !== a.group.agreement_text;
      await this.screenGroupTexts(tx, actor, a.group.id, {
        ...(input.name !== undefined && input.name !== a.group.name ? { name: input.name } : {}),
        ...(input.description !== undefined && input.description !== a.group.description ? { description: input.description } : {}),
        ...(changedAgreement ? { agreement: input.agreement! } : {}),
      });
      const version = changedAgreement ? a.group.agreement_version + 1 : a.group.agreement_version;
      await repo.updateGroup(tx.trx, a.group.id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
        ...(input.sizeLimit !== undefined ? { size_limit: input.sizeLimit } : {}),
        ...(changedAgreement ? { agreement_text: input.agreement!, agreement_version: version } : {}),
        updated_at: tx.now.toISOString(),
      });
      await tx.emit('group.changed', { groupId: a.group.id, agreementVersion: version }, [`group:${a.group.id}`]);
      if (changedAgreement) {
        for (const m of await repo.members(tx.trx, a.group.id)) {
          await this.notify(tx, m.user_id, 'group', `The agreement of "${a.group.name}" has changed. Please read and accept it to keep taking part.`);
        }
      }
    });
    return this.getGroup(actor, groupId);
  }

  async addFacilitator(actor: Actor, groupId: string, userId: string) {
    await this.deps.uow.run(async (tx) => {
      const a = await this.readable(tx.trx, actor, groupId, tx.now);
      if (!groupsPolicy.can(actor, 'group.manage', a.ctx)) throw forbidden('Only the program lead or an admin can name facilitators.');
      await this.checkFacilitators(tx, a.program, [userId]);
      await repo.addFacilitator(tx.trx, a.group.id, userId, tx.now.toISOString());
      await tx.emit('group.changed', { groupId: a.group.id, agreementVersion: a.group.agreement_version }, [`group:${a.group.id}`]);
    });
    return this.getGroup(actor, groupId);
  }

  async removeFacilitator(actor: Actor, groupId: string, userId: string) {
    await this.deps.uow.run(async (tx) => {
      const a = await this.readable(tx.trx, actor, groupId, tx.now);
      if (!groupsPolicy.can(actor, 'group.manage', a.ctx)) throw forbidden('Only the program lead or an admin can change facilitators.');
      if (!(await repo.removeFacilitator(tx.trx, a.group.id, userId))) throw notFound('That person does not facilitate this group.');
      await tx.emit('group.changed', { groupId: a.group.id, agreementVersion: a.group.agreement_version }, [`group:${a.group.id}`]);
    });
    return this.getGroup(actor, groupId);
  }

  /** Records acceptance of the current version (before joining, or again after a change). */
  async acceptAgreement(actor: Actor, groupId: string, version: number) {
    await this.deps.uow.run(async (tx) => {
      const a = await this.readable(tx.trx, actor, groupId, tx.now);
      if (!a.ctx.programMember && !a.ctx.groupMember) throw forbidden('Join the program first to accept this group agreement.');
      if (version !== a.group.agreement_version) {
        throw new HttpError(409, 'agreement_changed', `The agreement is now at version ${a.group.agreement_version}. Please read the current version and accept that one.`, {
          agreementVersion: a.group.agreement_version,
        });
      }
      await repo.recordAcceptance(tx.trx, a.group.id, actor.userId, version, tx.now.toISOString());
    });
    return this.getGroup(actor, groupId);
  }

  /**
   * Joins a group: program members only, after accepting the current agreement (here, or before),
   * and only while there is room. The group row is locked (PostgreSQL) or the one SQLite writer
   * is held, so concurrent joins cannot pass the size limit.
   */
  async joinGroup(actor: Actor, groupId: string, agreementVersion: number | undefined) {
    await this.deps.uow.run(async (tx) => {
      const a = await this.readable(tx.trx, actor, groupId, tx.now, true);
      if (a.ctx.groupMember) throw conflict('You are already a member of this group.');
      if (!groupsPolicy.can(actor, 'group.join', a.ctx)) throw forbidden('Join the program this group belongs to first.');
      if (agreementVersion !== undefined) {
        if (agreementVersion !== a.group.agreement_version) {
          throw new HttpError(409, 'agreement_changed', `The agreement is now at version ${a.group.agreement_version}. Please read the current version and accept that one.`, {
            agreementVersion: a.group.agreement_version,
          });
        }
        await repo.recordAcceptance(tx.trx, a.group.id, actor.userId, agreementVersion, tx.now.toISOString());
      } else if (!a.ctx.agreementCurrent) {
        throw new HttpError(409, 'agreement_required', `Please read and accept the group agreement (version ${a.group.agreement_version}) before joining.`, {
          agreementVersion: a.group.agreement_version,
        });
      }
      const count = (await repo.memberCounts(tx.trx, [a.group.id])).get(a.group.id) ?? 0;
      if (count >= a.group.size_limit) throw new HttpError(409, 'group_full', `This group is full (${a.group.size_limit} members). Ask the facilitator about the next group.`);
      await repo.insertMember(tx.trx, a.group.id, actor.userId, tx.now.toISOString());
      await tx.emit('group.changed', { groupId: a.group.id, agreementVersion: a.group.agreement_version }, [`group:${a.group.id}`]);
    });
    return this.getGroup(actor, groupId);
  }

  async leaveGroup(actor: Actor, groupId: string) {
    await this.deps.uow.run(async (tx) => {
      const a = await this.readable(tx.trx, actor, groupId, tx.now);
      if (!(await repo.removeMember(tx.trx, a.group.id, actor.userId))) throw conflict('You are not a member of this group.');
      await tx.emit('group.changed', { groupId: a.group.id, agreementVersion: a.group.agreement_version }, [`group:${a.group.id}`]);
    });
  }

  async removeMember(actor: Actor, groupId: string, userId: string) {
    await this.deps.uow.run(async (tx) => {
      const a = await this.readable(tx.trx, actor, groupId, tx.now);
      if (!groupsPolicy.can(actor, 'group.manage', a.ctx)) this.require(actor, 'group.facilitate', a, 'Only facilitators and the program lead remove members.');
      if (!(await repo.removeMember(tx.trx, a.group.id, userId))) throw notFound('That person is not a member of this group.');
      await tx.emit('group.changed', { groupId: a.group.id, agreementVersion: a.group.agreement_version }, [`group:${a.group.id}`]);
    });
  }

  // ── meetings ────────────────────────────────────────────────────────────────
  private seriesOf(m: Pick<MeetingRow, 'start_local' | 'time_zone' | 'duration_minutes' | 'frequency' | 'until_date' | 'occurrence_count'>): Series {
    return { startLocal: m.start_local, timeZone: m.time_zone, durationMinutes: m.duration_minutes, frequency: m.frequency, untilDate: m.until_date, count: m.occurrence_count };
  }

  private meetingRow(a: GroupAccess, input: z.infer<typeof MeetingBody>, id: string, actor: Actor, iso: string, createdAt: string): MeetingRow {
    const local = parseLocal(input.startLocal);
    if (!local) throw badRequest('startLocal: is not a real date and time', { fields: [{ path: 'startLocal', message: 'is not a real date and time' }] });
    if (input.untilDate && (!isLocalDate(input.untilDate) || input.untilDate < input.startLocal.slice(0, 10))) {
      throw badRequest('untilDate: must be a real date on or after the first meeting', { fields: [{ path: 'untilDate', message: 'must be on or after the first meeting' }] });
    }
    if (input.frequency === 'none' && (input.untilDate || input.count)) {
      throw badRequest('frequency: a one-off meeting has no end date or count', { fields: [{ path: 'frequency', message: 'is none, so untilDate and count must be empty' }] });
    }
    return {
      id,
      group_id: a.group.id,
      title: input.title,
      mode: input.mode,
      link: input.mode === 'online' ? input.link : null,
      place: input.mode === 'in_person' ? input.place : null,
      start_local: input.startLocal,
      time_zone: a.group.time_zone,
      duration_minutes: input.durationMinutes,
      frequency: input.frequency,
      until_date: input.untilDate,
      occurrence_count: input.count,
      reminder_minutes: input.reminderMinutes,
      first_start_utc: zonedToUtc(local, a.group.time_zone).toISOString(),
      cancelled_at: null,
      created_by: actor.userId,
      created_at: createdAt,
      updated_at: iso,
    };
  }

  async createMeeting(actor: Actor, groupId: string, input: z.infer<typeof MeetingBody>) {
    return this.deps.uow.run(async (tx) => {
      const a = await this.readable(tx.trx, actor, groupId, tx.now);
      this.require(actor, 'group.facilitate', a, 'Only the group facilitators schedule meetings.');
      const iso = tx.now.toISOString();
      const row = this.meetingRow(a, input, newId(tx.now.getTime()), actor, iso, iso);
      await this.screenMeetingTexts(tx, actor, row);
      await repo.insertMeeting(tx.trx, row);
      await tx.emit('group.meetings_changed', { groupId: a.group.id, meetingId: row.id }, [`group:${a.group.id}`]);
      return { meeting: row, insider: true };
    });
  }

  async replaceMeeting(actor: Actor, groupId: string, meetingId: string, input: z.infer<typeof MeetingBody>) {
    return this.deps.uow.run(async (tx) => {
      const a = await this.readable(tx.trx, actor, groupId, tx.now);
      this.require(actor, 'group.facilitate', a, 'Only the group facilitators change meetings.');
      const existing = await repo.findMeeting(tx.trx, meetingId);
      if (!existing || existing.group_id !== a.group.id) throw notFound('That meeting was not found.');
      const row = this.meetingRow(a, input, existing.id, actor, tx.now.toISOString(), existing.created_at);
      await this.screenMeetingTexts(tx, actor, row);
      const { id: _id, created_by: _by, ...patch } = row;
      await repo.updateMeeting(tx.trx, existing.id, patch);
      await tx.emit('group.meetings_changed', { groupId: a.group.id, meetingId: row.id }, [`group:${a.group.id}`]);
      return { meeting: (await repo.findMeeting(tx.trx, existing.id))!, insider: true };
    });
  }

  async cancelMeeting(actor: Actor, groupId: string, meetingId: string, cancelled: boolean) {
    return this.deps.uow.run(async (tx) => {
      const a = await this.readable(tx.trx, actor, groupId, tx.now);
      this.require(actor, 'group.facilitate', a, 'Only the group facilitators cancel meetings.');
      const m = await repo.findMeeting(tx.trx, meetingId);
      if (!m || m.group_id !== a.group.id) throw notFound('That meeting was not found.');
      await repo.updateMeeting(tx.trx, m.id, { cancelled_at: cancelled ? tx.now.toISOString() : null, updated_at: tx.now.toISOString() });
      await tx.emit('group.meetings_changed', { groupId: a.group.id, meetingId: m.id }, [`group:${a.group.id}`]);
      return { meeting: (await repo.findMeeting(tx.trx, m.id))!, insider: true };
    });
  }

  private window(from: string | undefined, to: string | undefined, now: Date): { from: Date; to: Date } {
    const start = from ? new Date(from) : new Date(now.getTime() - DAY_MS);
    const end = to ? new Date(to) : new Date(start.getTime() + 90 * DAY_MS);
    if (end.getTime() <= start.getTime()) throw badRequest('query to: must be after from', { fields: [{ path: 'query to', message: 'must be after from' }] });
    if (end.getTime() - start.getTime() > 400 * DAY_MS) throw badRequest('query to: the window can span at most 400 days', { fields: [{ path: 'query to', message: 'is more than 400 days after from' }] });
    return { from: start, to: end };
  }

  /** Occurrences of these groups' meetings in a window, with RSVP counts and the viewer's own answer. */
  private async occurrences(db: Executor, userId: string, groups: { group: GroupRow; insider: boolean }[], from: Date, to: Date) {
    const meetings = await repo.meetingsOf(db, groups.map((g) => g.group.id), to.toISOString());
    const rsvps = await repo.rsvpsFor(db, meetings.map((m) => m.id));
    const out = [];
    for (const m of meetings) {
      const g = groups.find((x) => x.group.id === m.group_id)!;
      for (const occ of expand(this.seriesOf(m), from, to)) {
        const key = occ.startUtc.toISOString();
        const these = rsvps.filter((r) => r.meeting_id === m.id && r.occurrence === key);
        out.push(
          presentOccurrence(m, occ, {
            groupName: g.group.name,
            insider: g.insider,
            myRsvp: these.find((r) => r.user_id === userId)?.response ?? null,
            rsvps: { yes: these.filter((r) => r.response === 'yes').length, no: these.filter((r) => r.response === 'no').length, maybe: these.filter((r) => r.response === 'maybe').length },
          }),
        );
      }
    }
    return out.sort((x, y) => x.startUtc.localeCompare(y.startUtc) || x.meetingId.localeCompare(y.meetingId));
  }

  async groupOccurrences(actor: Actor, groupId: string, q: { from?: string | undefined; to?: string | undefined }) {
    const now = this.deps.clock.now();
    const a = await this.readable(this.deps.db, actor, groupId, now);
    const { from, to } = this.window(q.from, q.to, now);
    return this.occurrences(this.deps.db, actor.userId, [{ group: a.group, insider: a.viewer.member || a.viewer.facilitator }], from, to);
  }

  async listMeetings(actor: Actor, groupId: string) {
    const now = this.deps.clock.now();
    const a = await this.readable(this.deps.db, actor, groupId, now);
    const meetings = await repo.meetingsOf(this.deps.db, [a.group.id], '9999-12-31');
    return { meetings, insider: a.viewer.member || a.viewer.facilitator };
  }

  /**
   * For the home page: the next meeting of a group the person takes part in (not one they lead),
   * and the next meeting of each group they facilitate, within the next `UPCOMING_DAYS`.
   */
  async upcoming(actor: Actor) {
    const db = this.deps.db;
    const now = this.deps.clock.now();
    const [groups, led] = await Promise.all([this.myGroups(db, actor.userId), repo.groupsFacilitatedBy(db, actor.userId)]);
    const ledIds = new Set(led.map((g) => g.id));
    const all = await this.occurrences(db, actor.userId, groups.map((group) => ({ group, insider: true })), now, new Date(now.getTime() + UPCOMING_DAYS * DAY_MS));
    const facilitated = new Map<string, (typeof all)[number]>();
    for (const o of all) if (ledIds.has(o.groupId) && !facilitated.has(o.groupId)) facilitated.set(o.groupId, o);
    return { next: all.find((o) => !ledIds.has(o.groupId)) ?? null, facilitated: [...facilitated.values()] };
  }

  /** Every meeting of every group the member belongs to or facilitates, in one list. */
  async myOccurrences(actor: Actor, q: { from?: string | undefined; to?: string | undefined }) {
    const now = this.deps.clock.now();
    const { from, to } = this.window(q.from, q.to, now);
    const groups = await this.myGroups(this.deps.db, actor.userId);
    return this.occurrences(this.deps.db, actor.userId, groups.map((group) => ({ group, insider: true })), from, to);
  }

  private async myGroups(db: Executor, userId: string): Promise<GroupRow[]> {
    const ids = await repo.groupIdsOf(db, userId);
    const rows = await Promise.all(ids.map((id) => repo.findGroup(db, id)));
    return rows.filter((g): g is GroupRow => !!g);
  }

  private async occurrenceOf(db: Executor, a: GroupAccess, meetingId: string, occurrence: string): Promise<MeetingRow> {
    const m = await repo.findMeeting(db, meetingId);
    if (!m || m.group_id !== a.group.id) throw notFound('That meeting was not found.');
    if (!isOccurrenceStart(this.seriesOf(m), new Date(occurrence))) {
      throw badRequest('occurrence: is not the start of one of this meeting’s occurrences', { fields: [{ path: 'occurrence', message: 'is not an occurrence of this meeting' }] });
    }
    return m;
  }

  async rsvp(actor: Actor, groupId: string, meetingId: string, occurrence: string, response: 'yes' | 'no' | 'maybe') {
    await this.deps.uow.run(async (tx) => {
      const a = await this.readable(tx.trx, actor, groupId, tx.now);
      this.require(actor, 'group.take_part', a, 'Only members of this group answer its meetings.');
      const m = await this.occurrenceOf(tx.trx, a, meetingId, occurrence);
      if (m.cancelled_at) throw conflict('This meeting was cancelled.');
      await repo.setRsvp(tx.trx, { meeting_id: m.id, occurrence: new Date(occurrence).toISOString(), user_id: actor.userId, response, updated_at: tx.now.toISOString() });
      await tx.emit('group.meetings_changed', { groupId: a.group.id, meetingId: m.id }, [`group:${a.group.id}`]);
    });
  }

  async recordAttendance(actor: Actor, groupId: string, meetingId: string, input: z.infer<typeof AttendanceBody>) {
    await this.deps.uow.run(async (tx) => {
      const a = await this.readable(tx.trx, actor, groupId, tx.now);
      this.require(actor, 'group.facilitate', a, 'Only the group facilitators record attendance.');
      const m = await this.occurrenceOf(tx.trx, a, meetingId, input.occurrence);
      const members = new Set((await repo.members(tx.trx, a.group.id)).map((x) => x.user_id));
      for (const r of input.records) {
        if (!members.has(r.userId)) throw badRequest('records: names someone who is not a member of this group', { fields: [{ path: 'records', message: 'names someone who is not a member' }] });
        await repo.setAttendance(tx.trx, { meeting_id: m.id, occurrence: new Date(input.occurrence).toISOString(), user_id: r.userId, status: r.status, recorded_by: actor.userId, recorded_at: tx.now.toISOString() });
      }
    });
    return this.attendance(actor, groupId, meetingId, input.occurrence);
  }

  /** Attendance and the facilitators' private note for one occurrence: facilitators only. */
  async attendance(actor: Actor, groupId: string, meetingId: string, occurrence: string) {
    const db = this.deps.db;
    const a = await this.readable(db, actor, groupId, this.deps.clock.now());
    this.require(actor, 'group.private_notes', a, 'Only the group facilitators see attendance and notes.');
    const m = await this.occurrenceOf(db, a, meetingId, occurrence);
    const key = new Date(occurrence).toISOString();
    const [records, note] = await Promise.all([repo.attendanceOf(db, m.id, key), repo.findNote(db, m.id, key)]);
    return {
      occurrence: key,
      records: records.map((r) => ({ user: { id: r.user_id, handle: r.handle }, status: r.status })),
      note: note ? this.open(note.body_enc, `meeting_notes:${m.id}`) : null,
    };
  }

  async saveNote(actor: Actor, groupId: string, meetingId: string, occurrence: string, body: string) {
    let notice: SafetyNotice | null = null;
    await this.deps.uow.run(async (tx) => {
      const a = await this.readable(tx.trx, actor, groupId, tx.now);
      this.require(actor, 'group.private_notes', a, 'Only the group facilitators keep meeting notes.');
      const m = await this.occurrenceOf(tx.trx, a, meetingId, occurrence);
      // Facilitators' words about members (ADR 064): no alert against the facilitator; their own crisis answered.
      notice = await this.deps.screener.screenStaffText(tx, { userId: actor.userId, objectType: 'meeting_note', objectId: m.id, text: body, region: actor.region, field: 'body', label: 'The meeting note', notice: true });
      await repo.saveNote(tx.trx, { meeting_id: m.id, occurrence: new Date(occurrence).toISOString(), author_id: actor.userId, body_enc: this.seal(body, `meeting_notes:${m.id}`), updated_at: tx.now.toISOString() });
    });
    return { ...(await this.attendance(actor, groupId, meetingId, occurrence)), notice };
  }

  /**
   * Sends each occurrence's reminder once, `reminder_minutes` before it starts, to members who
   * accepted the current agreement and did not answer "no", and to facilitators. Runs on a timer;
   * tests call it after moving the ManualClock.
   */
  async sweepReminders(): Promise<number> {
    const now = this.deps.clock.now();
    const horizon = new Date(now.getTime() + 7 * DAY_MS + DAY_MS);
    let sent = 0;
    for (const m of await repo.allLiveMeetings(this.deps.db, horizon.toISOString())) {
      if (m.reminder_minutes <= 0) continue;
      const due = expand(this.seriesOf(m), now, new Date(now.getTime() + m.reminder_minutes * 60_000), 5).filter((o) => o.startUtc.getTime() > now.getTime());
      for (const occ of due) {
        sent += await this.deps.uow.run(async (tx) => {
          const key = occ.startUtc.toISOString();
          if (!(await repo.claimReminder(tx.trx, m.id, key, tx.now.toISOString()))) return 0;
          const group = (await repo.findGroup(tx.trx, m.group_id))!;
          const members = await repo.members(tx.trx, group.id);
          const accepted = await repo.acceptedVersions(tx.trx, group.id, members.map((x) => x.user_id));
          const declined = new Set((await repo.rsvpsFor(tx.trx, [m.id])).filter((r) => r.occurrence === key && r.response === 'no').map((r) => r.user_id));
          const facilitators = (await repo.facilitatorsOf(tx.trx, [group.id])).map((f) => f.id);
          const recipients = new Set([...members.filter((x) => accepted.get(x.user_id) === group.agreement_version && !declined.has(x.user_id)).map((x) => x.user_id), ...facilitators]);
          const minutes = Math.round((occ.startUtc.getTime() - tx.now.getTime()) / 60_000);
          const when = minutes >= 120 ? `in about ${Math.round(minutes / 60)} hours` : `in ${minutes} minutes`;
          let n = 0;
          for (const userId of recipients) {
            if (await this.notify(tx, userId, 'meeting_reminder', `"${m.title}" (${group.name}) starts ${when}, at ${occ.startLocal.slice(11)} ${m.time_zone} (${key}).`)) n += 1;
          }
          return n;
        });
      }
    }
    return sent;
  }

  // ── calendar feeds ──────────────────────────────────────────────────────────
  /** A new secret feed URL (the previous one for the same scope stops working). */
  async rotateFeed(actor: Actor, groupId: string | null): Promise<{ id: string; groupId: string | null; token: string; createdAt: string }> {
    return this.deps.uow.run(async (tx) => {
      if (groupId) {
        const a = await this.readable(tx.trx, actor, groupId, tx.now);
        if (!a.viewer.member && !a.viewer.facilitator) throw forbidden('Only members and facilitators of this group subscribe to its calendar.');
      }
      await repo.revokeFeeds(tx.trx, actor.userId, groupId, tx.now.toISOString());
      const token = randomToken();
      const id = newId(tx.now.getTime());
      await repo.insertFeed(tx.trx, { id, user_id: actor.userId, group_id: groupId, token_digest: tokenDigest(`calendar:${token}`), created_at: tx.now.toISOString() });
      return { id, groupId, token, createdAt: tx.now.toISOString() };
    });
  }

  async revokeFeed(actor: Actor, groupId: string | null): Promise<void> {
    await this.deps.uow.run(async (tx) => {
      if (!(await repo.revokeFeeds(tx.trx, actor.userId, groupId, tx.now.toISOString()))) throw notFound('There is no calendar feed to turn off.');
    });
  }

  listFeeds(actor: Actor) {
    return repo.feedsOf(this.deps.db, actor.userId);
  }

  /** The iCalendar text for a feed token, or null (unknown, revoked, or the member left the group). */
  async renderFeed(token: string): Promise<string | null> {
    const db = this.deps.db;
    const feed = await repo.findFeedByDigest(db, tokenDigest(`calendar:${token}`));
    if (!feed) return null;
    const now = this.deps.clock.now();
    const mine = await this.myGroups(db, feed.user_id);
    const groups = feed.group_id ? mine.filter((g) => g.id === feed.group_id) : mine;
    if (feed.group_id && !groups.length) return null;
    const from = new Date(now.getTime() - FEED_PAST_DAYS * DAY_MS);
    const to = new Date(now.getTime() + FEED_AHEAD_DAYS * DAY_MS);
    const meetings = await repo.meetingsOf(db, groups.map((g) => g.id), to.toISOString());
    const events: FeedEvent[] = [];
    for (const m of meetings) {
      const group = groups.find((g) => g.id === m.group_id)!;
      for (const occ of expand(this.seriesOf(m), from, to, 1000)) {
        events.push({
          uid: `${m.id}-${occ.startUtc.toISOString().replace(/[-:.]/g, '')}@kindred`,
          start: occ.startUtc,
          end: occ.endUtc,
          summary: `${group.name}: ${m.title}`,
          description: `${group.name} meets at ${occ.startLocal.slice(11)} ${m.time_zone}.${m.link ? ` Join: ${m.link}` : ''}`,
          location: m.mode === 'in_person' ? m.place : m.link,
          url: m.mode === 'online' ? m.link : null,
        });
      }
    }
    events.sort((x, y) => x.start.getTime() - y.start.getTime());
    const name = feed.group_id ? `${groups[0]!.name} (Kindred)` : 'My Kindred groups';
    return renderCalendar({ name, now, events });
  }

  // ── chat ────────────────────────────────────────────────────────────────────
  private async warningPrefs(db: Executor, userId: string): Promise<Map<string, WarningMode>> {
    const rows = await db.selectFrom('warning_prefs').select(['warning', 'mode']).where('user_id', '=', userId).execute();
    return new Map(rows.map((r) => [r.warning, r.mode]));
  }

  private warningsFor(chosen: readonly ContentWarning[], screening: Screening): string {
    const set = new Set<ContentWarning>(chosen);
    // As in the community: warnings come from the rules that fired at level ≥ 2, not the learned signal.
    for (const r of screening.reasons) {
      if (r.level < 2 || r.code.startsWith('model.') || !r.category) continue;
      const w = WARNING_FOR_CATEGORY[r.category];
      if (w) set.add(w);
    }
    return JSON.stringify(CONTENT_WARNINGS.filter((w) => set.has(w)));
  }

  private openMessage(m: MessageRow): string | null {
    return m.state === 'removed' ? null : this.open(m.body_enc, `group_messages:${m.group_id}`);
  }

  /** A message in the group's chat; a retry with its `clientId` stores nothing (ADR 042). */
  async postMessage(actor: Actor, groupId: string, input: z.infer<typeof GroupMessageBody>) {
    const { clientId, ...request } = input;
    return this.deps.creates.run(
      actor.userId,
      clientId,
      { kind: 'group.message', target: groupId, body: request },
      (tx) => this.writeMessage(tx, actor, groupId, request),
      (written) => written.message.id,
      async (id) => {
        const row = await repo.findMessage(this.deps.db, id);
        if (!row || row.state === 'removed') return undefined;
        const safety = await this.deps.screener.noticeAgain({ text: request.body, surface: 'group_message', region: actor.region }, row.state === 'pending');
        return { message: presentMessage(row, request.body, { userId: actor.userId, prefs: new Map() }), safety };
      },
    );
  }

  private async writeMessage(tx: Tx, actor: Actor, groupId: string, input: Omit<z.infer<typeof GroupMessageBody>, 'clientId'>) {
    const a = await this.readable(tx.trx, actor, groupId, tx.now);
    this.require(actor, 'group.write', a, 'Only members and facilitators of this group write in its chat.');
    const id = newId(tx.now.getTime());
    // Screened before it is stored; what the screen holds waits for a supervisor, seen only by its author.
    const verdict = await this.deps.screener.screenAndRecord(tx, { userId: actor.userId, objectType: 'group_message', objectId: id, text: input.body, surface: 'group_message', region: actor.region });
    const state = verdict.notice.held ? ('pending' as const) : ('visible' as const);
    await repo.insertMessage(tx.trx, {
      id,
      group_id: a.group.id,
      author_id: actor.userId,
      body_enc: this.seal(input.body, `group_messages:${a.group.id}`),
      warnings: this.warningsFor(input.warnings, verdict.screening),
      state,
      pinned_at: null,
      pinned_by: null,
      created_at: tx.now.toISOString(),
    });
    if (state === 'visible') await tx.emit('group.message_created', { groupId: a.group.id, messageId: id }, [`group:${a.group.id}`]);
    const row = (await repo.findMessage(tx.trx, id))!;
    return { message: presentMessage(row, input.body, { userId: actor.userId, prefs: new Map() }), safety: verdict.notice };
  }

  async listMessages(actor: Actor, groupId: string, q: { cursor?: string | undefined; limit: number }) {
    const db = this.deps.db;
    const a = await this.readable(db, actor, groupId, this.deps.clock.now());
    this.require(actor, 'group.take_part', a, 'Only members and facilitators of this group read its chat.');
    if (q.cursor !== undefined && !/^[0-9a-f-]{36}$/.test(q.cursor)) throw badRequest('query cursor: is not a cursor this server gave out', { fields: [{ path: 'query cursor', message: 'is not valid' }] });
    const [rows, pinned, prefs] = await Promise.all([
      repo.listMessages(db, a.group.id, { beforeId: q.cursor ?? null, limit: q.limit, viewerId: actor.userId }),
      q.cursor ? Promise.resolve([]) : repo.pinnedMessages(db, a.group.id),
      this.warningPrefs(db, actor.userId),
    ]);
    const viewer = { userId: actor.userId, prefs };
    return {
      messages: rows.map((m) => presentMessage(m, this.openMessage(m), viewer)),
      pinned: pinned.map((m) => presentMessage(m, this.openMessage(m), viewer)),
      nextCursor: rows.length === q.limit ? rows[rows.length - 1]!.id : null,
    };
  }

  /** The message in this group the actor may read; `locked`: its row locked until the unit of work ends (`repo.lockMessage`). */
  private async messageIn(db: Executor, a: GroupAccess, actor: Actor, messageId: string, locked = false): Promise<MessageRow> {
    const m = locked ? await repo.lockMessage(db, this.deps.dialect, messageId) : await repo.findMessage(db, messageId);
    if (!m || m.group_id !== a.group.id || (m.state === 'pending' && m.author_id !== actor.userId)) throw notFound('That message was not found.');
    return m;
  }

  async getMessage(actor: Actor, groupId: string, messageId: string) {
    const db = this.deps.db;
    const a = await this.readable(db, actor, groupId, this.deps.clock.now());
    this.require(actor, 'group.take_part', a, 'Only members and facilitators of this group read its chat.');
    const m = await this.messageIn(db, a, actor, messageId);
    return presentMessage(m, this.openMessage(m), { userId: actor.userId, prefs: await this.warningPrefs(db, actor.userId) });
  }

  async pinMessage(actor: Actor, groupId: string, messageId: string, pinned: boolean) {
    await this.deps.uow.run(async (tx) => {
      const a = await this.readable(tx.trx, actor, groupId, tx.now);
      this.require(actor, 'group.facilitate', a, 'Only the group facilitators pin messages.');
      // Decided from the locked row (ADR 052, amendment): a take-back, removal or decision on its
      // hold committed since the pin was asked is seen, and a removed message is never pinned.
      const m = await this.messageIn(tx.trx, a, actor, messageId, true);
      if (m.state !== 'visible') throw conflict('Only a visible message can be pinned.');
      await repo.updateMessage(tx.trx, m.id, pinned ? { pinned_at: tx.now.toISOString(), pinned_by: actor.userId } : { pinned_at: null, pinned_by: null });
      await tx.emit('group.message_updated', { groupId: a.group.id, messageId: m.id }, [`group:${a.group.id}`]);
    });
    return this.getMessage(actor, groupId, messageId);
  }

  /** The actor acts on a group's reports as an admin (moderator of last resort), not as its facilitator. */
  private actsAsAdmin(a: GroupAccess): boolean {
    return !(a.ctx.groupFacilitator && a.ctx.facilitatorCertified);
  }

  /**
   * Its author takes a message back; a facilitator removes one from the group; an admin removes one
   * another member reported (audited for its author). The words go.
   */
  async removeMessage(actor: Actor, groupId: string, messageId: string) {
    await this.deps.uow.run(async (tx) => {
      const a = await this.readable(tx.trx, actor, groupId, tx.now);
      const m = await this.messageIn(tx.trx, a, actor, messageId);
      const own = m.author_id === actor.userId;
      if (!own) {
        const reported = await repo.hasOpenReport(tx.trx, m.id);
        this.require(actor, 'group.remove_message', { ...a, ctx: { ...a.ctx, messageReported: reported } }, 'Only its author or a facilitator removes a message; an admin removes one that was reported.');
        if (this.actsAsAdmin(a) && m.author_id) {
          await recordAccess(
            tx.trx,
            { subjectUserId: m.author_id, actorId: actor.userId, actorRole: 'admin', action: 'group.message_removed', objectType: 'group_message', objectId: m.id, reason: `An admin removed a message of yours in "${a.group.name}" after another member reported it.` },
            tx.now,
          );
        }
      }
      await repo.updateMessage(tx.trx, m.id, { state: 'removed', body_enc: this.seal('', `group_messages:${a.group.id}`), pinned_at: null, pinned_by: null });
      await tx.emit('group.message_updated', { groupId: a.group.id, messageId: m.id }, [`group:${a.group.id}`]);
      // Held words taken back leave the review queue (the message's row first, written above, then the
      // item: ADR 052's order), not as a decision: nobody is told one (ADR 055, amendment).
      await this.deps.screener.withdrawHeld(tx, 'group_message', m.id, own ? null : actor.userId);
    });
  }

  /** A retry with the same `clientId` is answered with the first report (ADR 042): facilitators are told once. */
  async reportMessage(actor: Actor, groupId: string, messageId: string, input: z.infer<typeof GroupReportBody>): Promise<Created<{ id: string; notice: SafetyNotice | null }>> {
    const { clientId, ...request } = input;
    return this.deps.creates.run(
      actor.userId,
      clientId,
      { kind: 'groups.report', target: messageId, body: request },
      (tx) => this.insertReport(tx, actor, groupId, messageId, request),
      (written) => written.id,
      async (id) => {
        if ((await repo.findReport(this.deps.db, id))?.reporter_id !== actor.userId) return undefined;
        // A stored note was never held (held text is refused), so the notice is the screen's again.
        const notice = request.note ? await this.deps.screener.noticeAgain({ text: request.note, surface: 'other', region: actor.region }, false) : null;
        return { id, notice };
      },
    );
  }

  /** The note is screened before it is stored: the writer gets their crisis response in the answer (`notice`, null without a note). */
  private async insertReport(tx: Tx, actor: Actor, groupId: string, messageId: string, input: Omit<z.infer<typeof GroupReportBody>, 'clientId'>): Promise<{ id: string; notice: SafetyNotice | null }> {
    {
      const a = await this.readable(tx.trx, actor, groupId, tx.now);
      this.require(actor, 'group.take_part', a, 'Only members of this group report its messages.');
      const m = await this.messageIn(tx.trx, a, actor, messageId);
      if (m.author_id === actor.userId) throw conflict('You cannot report your own message; you can remove it instead.');
      const id = newId(tx.now.getTime());
      const notice = input.note ? await this.screen(tx, actor, 'group_report', id, input.note, 'other') : null;
      await repo.insertReport(tx.trx, {
        id,
        message_id: m.id,
        group_id: a.group.id,
        reporter_id: actor.userId,
        reason: input.reason,
        note_enc: input.note ? this.seal(input.note, `group_message_reports:${a.group.id}`) : null,
        created_at: tx.now.toISOString(),
      });
      // Facilitators act on it; the organization's supervisors hear about it too (not the words).
      const facilitators = (await repo.facilitatorsOf(tx.trx, [a.group.id])).map((f) => f.id);
      const supervisors = await repo.staffWithRole(tx.trx, a.program.organization_id, 'supervisor');
      for (const userId of new Set([...facilitators, ...supervisors])) {
        await this.notify(tx, userId, 'group', `A message in "${a.group.name}" was reported (${input.reason.replace(/_/g, ' ')}).`);
      }
      return { id, notice };
    }
  }

  /**
   * The open reports with the reported messages. A facilitator reads them as part of the group; an
   * admin reads only these messages (never the rest of the chat), and each author sees that read in
   * "Who saw my data".
   */
  async listReports(actor: Actor, groupId: string) {
    const db = this.deps.db;
    const a = await this.readable(db, actor, groupId, this.deps.clock.now());
    this.require(actor, 'group.reports', a, 'Only the group facilitators (or an admin) see its reports.');
    const rows = await repo.listReports(db, a.group.id, 'open');
    const out = [];
    const messages: MessageRow[] = [];
    for (const r of rows) {
      const m = (await repo.findMessage(db, r.message_id))!;
      messages.push(m);
      out.push({
        id: r.id,
        message: presentMessage(m, this.openMessage(m), { userId: actor.userId, prefs: new Map() }),
        reason: r.reason as z.infer<typeof GroupReportBody>['reason'],
        note: this.open(r.note_enc, `group_message_reports:${a.group.id}`),
        status: r.status,
        createdAt: r.created_at,
      });
    }
    if (this.actsAsAdmin(a) && messages.length) {
      // Recorded before the words are returned: no privileged read goes unrecorded.
      await this.deps.uow.run(async (tx) => {
        for (const m of new Map(messages.filter((x) => x.state !== 'removed').map((x) => [x.id, x])).values()) {
          if (!m.author_id) continue; // an account since deleted: nobody to tell
          await recordAccess(
            tx.trx,
            { subjectUserId: m.author_id, actorId: actor.userId, actorRole: 'admin', action: 'group.report_read', objectType: 'group_message', objectId: m.id, reason: `An admin read a message of yours in "${a.group.name}" because another member reported it.` },
            tx.now,
          );
        }
      });
    }
    return out;
  }

  async resolveReport(actor: Actor, groupId: string, reportId: string): Promise<void> {
    await this.deps.uow.run(async (tx) => {
      const a = await this.readable(tx.trx, actor, groupId, tx.now);
      this.require(actor, 'group.reports', a, 'Only the group facilitators (or an admin) resolve its reports.');
      if (!(await repo.resolveReport(tx.trx, reportId, a.group.id, actor.userId, tx.now.toISOString()))) throw notFound('That open report was not found.');
    });
  }

  async mute(actor: Actor, groupId: string, userId: string, minutes: number | null): Promise<{ userId: string; until: string | null }> {
    return this.deps.uow.run(async (tx) => {
      const a = await this.readable(tx.trx, actor, groupId, tx.now);
      this.require(actor, 'group.facilitate', a, 'Only the group facilitators mute members.');
      if (!(await repo.findMembership(tx.trx, a.group.id, userId))) throw notFound('That person is not a member of this group.');
      const until = minutes === null ? null : new Date(tx.now.getTime() + minutes * 60_000).toISOString();
      await repo.setMute(tx.trx, a.group.id, userId, until, until ? actor.userId : null);
      await this.notify(
        tx,
        userId,
        'group',
        until ? `A facilitator paused your messages in "${a.group.name}" until ${until}. You can still read the group.` : `You can write in "${a.group.name}" again.`,
      );
      await tx.emit('group.changed', { groupId: a.group.id, agreementVersion: a.group.agreement_version }, [`group:${a.group.id}`]);
      return { userId, until };
    });
  }

  /** How a supervisor's decision on a held group message is applied (with the read recorded for its author). */
  heldMessageHandler(): HeldContentHandler {
    return heldMessageHandler<MessageRow>({
      objectType: 'group_message',
      surface: 'group_message',
      find: (tx, id) => repo.findMessage(tx.trx, id),
      lock: (tx, id) => repo.lockMessage(tx.trx, this.deps.dialect, id),
      update: (tx, id, patch) => repo.updateMessage(tx.trx, id, patch),
      open: (m) => this.openMessage(m),
      seal: (m, text) => this.seal(text, `group_messages:${m.group_id}`),
      audit: {
        action: 'groups.held_message_reviewed',
        reason: 'The safety screen held a message you wrote in a support group, so the supervisors’ review list showed it to decide whether it can be shown.',
      },
      announce: (tx, m, as) => tx.emit(as === 'created' ? 'group.message_created' : 'group.message_updated', { groupId: m.group_id, messageId: m.id }, [`group:${m.group_id}`]),
      replacedHeldIsNew: true,
    });
  }

  // ── goals ───────────────────────────────────────────────────────────────────
  private async goalsView(db: Executor, a: GroupAccess, actor: Actor, goalIds?: string[]) {
    const goals = (await repo.goalsOf(db, a.group.id)).filter((g) => !goalIds || goalIds.includes(g.id));
    const [logs, counts] = await Promise.all([repo.goalLogs(db, goals.map((g) => g.id)), repo.memberCounts(db, [a.group.id])]);
    return goals.map((g) =>
      presentGoal(g, this.open(g.title_enc, `group_goals:${a.group.id}`)!, { memberCount: counts.get(a.group.id) ?? 0, logs: logs.filter((l) => l.goal_id === g.id), viewerId: actor.userId }),
    );
  }

  /** A retry with the same `clientId` is answered with the first goal (ADR 042). */
  async createGoal(actor: Actor, groupId: string, input: z.infer<typeof GoalBody>) {
    const { clientId, ...request } = input;
    const written = await this.deps.creates.run(
      actor.userId,
      clientId,
      { kind: 'groups.goal', target: groupId, body: request },
      (tx) => this.insertGoal(tx, actor, groupId, request),
      (id) => id,
      async (id) => ((await repo.findGoal(this.deps.db, id)) ? id : undefined),
    );
    return { ...written, result: (await this.listGoals(actor, groupId, [written.result]))[0]! };
  }

  private async insertGoal(tx: Tx, actor: Actor, groupId: string, input: Omit<z.infer<typeof GoalBody>, 'clientId'>): Promise<string> {
    {
      const a = await this.readable(tx.trx, actor, groupId, tx.now);
      this.require(actor, 'group.write', a, 'Only members and facilitators of this group set its goals.');
      const goalId = newId(tx.now.getTime());
      await this.screen(tx, actor, 'group_goal', goalId, `${input.title}\n${input.unit}`, 'other');
      await repo.insertGoal(tx.trx, {
        id: goalId,
        group_id: a.group.id,
        title_enc: this.seal(input.title, `group_goals:${a.group.id}`),
        target_per_member: input.targetPerMember,
        unit: input.unit,
        ends_on: input.endsOn,
        created_by: actor.userId,
        created_at: tx.now.toISOString(),
      });
      await tx.emit('group.goal_progress', { groupId: a.group.id, goalId }, [`group:${a.group.id}`]);
      return goalId;
    }
  }

  async listGoals(actor: Actor, groupId: string, only?: string[]) {
    const db = this.deps.db;
    const a = await this.readable(db, actor, groupId, this.deps.clock.now());
    this.require(actor, 'group.take_part', a, 'Only members and facilitators of this group see its goals.');
    return this.goalsView(db, a, actor, only);
  }

  /**
   * Progress is private by default: the group then sees it only as part of the total. A retry with
   * the same `clientId` is answered with the goal as it is now, the progress counted once (ADR 042),
   * and only to who still takes part in the group.
   */
  async logProgress(actor: Actor, groupId: string, goalId: string, input: z.infer<typeof GoalLogBody>) {
    const { clientId, ...request } = input;
    const written = await this.deps.creates.run(
      actor.userId,
      clientId,
      { kind: 'groups.goal_progress', target: `${groupId}/${goalId}`, body: request },
      (tx) => this.insertGoalLog(tx, actor, groupId, goalId, request),
      (id) => id,
      async (id) => {
        const log = await repo.findGoalLog(this.deps.db, id);
        if (!log || log.user_id !== actor.userId || log.goal_id !== goalId) return undefined;
        // Refused as the create itself refuses someone who no longer takes part.
        const a = await this.readable(this.deps.db, actor, groupId, this.deps.clock.now());
        this.require(actor, 'group.take_part', a, 'Only members of this group log progress on its goals.');
        return id;
      },
    );
    return { ...written, result: (await this.listGoals(actor, groupId, [goalId]))[0]! };
  }

  private async insertGoalLog(tx: Tx, actor: Actor, groupId: string, goalId: string, input: Omit<z.infer<typeof GoalLogBody>, 'clientId'>): Promise<string> {
    {
      const a = await this.readable(tx.trx, actor, groupId, tx.now);
      this.require(actor, 'group.take_part', a, 'Only members of this group log progress on its goals.');
      const goal = await repo.findGoal(tx.trx, goalId);
      if (!goal || goal.group_id !== a.group.id) throw notFound('That goal was not found.');
      const id = newId(tx.now.getTime());
      if (input.note) await this.screen(tx, actor, 'group_goal_log', id, input.note, 'checkin_note');
      await repo.insertGoalLog(tx.trx, {
        id,
        goal_id: goal.id,
        user_id: actor.userId,
        amount: input.amount,
        note_enc: input.note ? this.seal(input.note, `group_goal_logs:${goal.id}`) : null,
        visibility: input.visibility,
        created_at: tx.now.toISOString(),
      });
      await tx.emit('group.goal_progress', { groupId: a.group.id, goalId: goal.id }, [`group:${a.group.id}`]);
      return id;
    }
  }

  async deleteGoal(actor: Actor, groupId: string, goalId: string): Promise<void> {
    await this.deps.uow.run(async (tx) => {
      const a = await this.readable(tx.trx, actor, groupId, tx.now);
      const goal = await repo.findGoal(tx.trx, goalId);
      if (!goal || goal.group_id !== a.group.id || !groupsPolicy.can(actor, 'group.take_part', a.ctx)) throw notFound('That goal was not found.');
      if (goal.created_by !== actor.userId) this.require(actor, 'group.facilitate', a, 'Only whoever set the goal or a facilitator removes it.');
      await repo.deleteGoal(tx.trx, goal.id);
      await tx.emit('group.goal_progress', { groupId: a.group.id, goalId: goal.id }, [`group:${a.group.id}`]);
    });
  }

  // ── facilitator tools ───────────────────────────────────────────────────────
  async dashboard(actor: Actor, groupId: string) {
    const db = this.deps.db;
    const now = this.deps.clock.now();
    const a = await this.readable(db, actor, groupId, now);
    this.require(actor, 'group.dashboard', a, 'Only facilitators, the program lead and the organization’s supervisors see the dashboard.');
    const members = await repo.members(db, a.group.id);
    const [accepted, attendance, alerts, requested, openReports] = await Promise.all([
      repo.acceptedVersions(db, a.group.id, members.map((m) => m.user_id)),
      repo.attendanceOfGroup(db, a.group.id),
      repo.openAlertsInGroup(db, a.group.id),
      repo.openSupervisorRequestMembers(db, a.group.id),
      repo.openReportCount(db, a.group.id),
    ]);
    const trend = new Map<string, { occurrence: string; present: number; absent: number; excused: number }>();
    for (const r of attendance) {
      const t = trend.get(r.occurrence) ?? { occurrence: r.occurrence, present: 0, absent: 0, excused: 0 };
      t[r.status] += 1;
      trend.set(r.occurrence, t);
    }
    const iso = now.toISOString();
    return {
      group: await this.presentGroupFor(db, a),
      members: members.map((m) => {
        const mine = attendance.filter((r) => r.user_id === m.user_id);
        const alert = alerts.filter((x) => x.user_id === m.user_id).at(-1);
        const version = accepted.get(m.user_id) ?? null;
        return {
          user: { id: m.user_id, handle: m.handle },
          joinedAt: m.joined_at,
          acceptedVersion: version,
          agreementCurrent: version === a.group.agreement_version,
          mutedUntil: m.muted_until && m.muted_until > iso ? m.muted_until : null,
          attended: mine.filter((r) => r.status === 'present').length,
          recorded: mine.length,
          openAlert: alert ? { alertId: alert.id, level: alert.level, createdAt: alert.created_at } : null,
          supervisorRequested: requested.has(m.user_id),
        };
      }),
      attendanceTrend: [...trend.values()].sort((x, y) => x.occurrence.localeCompare(y.occurrence)).slice(-12),
      upcoming: (await this.occurrences(db, actor.userId, [{ group: a.group, insider: a.viewer.member || a.viewer.facilitator }], now, new Date(now.getTime() + 30 * DAY_MS))).slice(0, 10),
      openReports,
    };
  }

  /**
   * "Bring in a supervisor": a facilitator asks the organization's supervisors (or, with none on
   * staff, every supervisor) to look at a member of the group, pointing at the member's open
   * alert from this group's chat when there is one. The member sees it on "Who saw my data".
   */
  async requestSupervisor(actor: Actor, groupId: string, memberId: string, input: z.infer<typeof SupervisorRequestBody>): Promise<Created<{ id: string; alertId: string | null }>> {
    const { clientId, ...request } = input;
    // A retry with the same `clientId` answers with the first request (ADR 042): one request, one
    // audit line for the member, one notice to each supervisor; and only to a facilitator still.
    return this.deps.creates.run(
      actor.userId,
      clientId,
      { kind: 'groups.supervisor_request', target: `${groupId}/${memberId}`, body: request },
      (tx) => this.insertSupervisorRequest(tx, actor, groupId, memberId, request.note),
      (out) => out.id,
      async (id) => {
        const r = await repo.findSupervisorRequest(this.deps.db, id);
        if (!r || r.requested_by !== actor.userId || r.group_id !== groupId || r.member_id !== memberId) return undefined;
        const a = await this.readable(this.deps.db, actor, groupId, this.deps.clock.now());
        this.require(actor, 'group.facilitate', a, 'Only the group facilitators bring in a supervisor.');
        return { id: r.id, alertId: r.alert_id };
      },
    );
  }

  private async insertSupervisorRequest(tx: Tx, actor: Actor, groupId: string, memberId: string, note: string | undefined): Promise<{ id: string; alertId: string | null }> {
    {
      const a = await this.readable(tx.trx, actor, groupId, tx.now);
      this.require(actor, 'group.facilitate', a, 'Only the group facilitators bring in a supervisor.');
      if (!(await repo.findMembership(tx.trx, a.group.id, memberId))) throw notFound('That person is not a member of this group.');
      const alert = (await repo.openAlertsInGroup(tx.trx, a.group.id)).filter((x) => x.user_id === memberId).at(-1) ?? null;
      const id = newId(tx.now.getTime());
      if (note) await this.screen(tx, actor, 'supervisor_request', id, note, 'other');
      await repo.insertSupervisorRequest(tx.trx, {
        id,
        group_id: a.group.id,
        member_id: memberId,
        alert_id: alert?.id ?? null,
        requested_by: actor.userId,
        note_enc: note ? this.seal(note, `group_supervisor_requests:${a.group.id}`) : null,
        created_at: tx.now.toISOString(),
      });
      await recordAccess(
        tx.trx,
        {
          subjectUserId: memberId,
          actorId: actor.userId,
          actorRole: 'facilitator',
          action: 'groups.supervisor_requested',
          objectType: 'support_group',
          objectId: a.group.id,
          reason: `A facilitator of "${a.group.name}" asked a supervisor to check in with you${alert ? ' after something you wrote suggested you might be struggling' : ''}.`,
        },
        tx.now,
      );
      const staffSupervisors = await repo.staffWithRole(tx.trx, a.program.organization_id, 'supervisor');
      const supervisors = staffSupervisors.length ? staffSupervisors : await repo.usersWithGlobalRole(tx.trx, 'supervisor');
      for (const userId of supervisors) {
        if (userId === actor.userId) continue;
        await this.notify(tx, userId, 'group', `A facilitator of "${a.group.name}" asks a supervisor to check in with a member${alert ? ` (open safety alert, level ${alert.level})` : ''}.`);
      }
      return { id, alertId: alert?.id ?? null };
    }
  }

  private async supervisedGroupIds(db: Executor, actor: Actor): Promise<string[] | undefined> {
    if (hasRole(actor, 'supervisor', 'admin')) return undefined;
    const orgs = (await repo.organizationsStaffedBy(db, actor.userId)).filter((s) => s.role === 'supervisor').map((s) => s.organization_id);
    if (!orgs.length) throw forbidden('Only supervisors see supervisor requests.');
    const programs = (await repo.listPrograms(db)).filter((p) => p.organization_id && orgs.includes(p.organization_id)).map((p) => p.id);
    return (await repo.groupsOfPrograms(db, programs)).map((g) => g.id);
  }

  async listSupervisorRequests(actor: Actor, status: 'open' | 'taken') {
    const db = this.deps.db;
    const groupIds = await this.supervisedGroupIds(db, actor);
    const rows = await repo.supervisorRequests(db, { ...(groupIds ? { groupIds } : {}), status });
    return rows.map((r) => ({ row: r, note: this.open(r.note_enc, `group_supervisor_requests:${r.group_id}`) }));
  }

  async takeSupervisorRequest(actor: Actor, requestId: string): Promise<void> {
    await this.deps.uow.run(async (tx) => {
      const groupIds = await this.supervisedGroupIds(tx.trx, actor);
      const r = await repo.findSupervisorRequest(tx.trx, requestId);
      if (!r || (groupIds && !groupIds.includes(r.group_id))) throw notFound('That request was not found.');
      if (!(await repo.takeSupervisorRequest(tx.trx, r.id, actor.userId, tx.now.toISOString()))) throw conflict('Another supervisor has already taken this request.');
      if (r.requested_by) await this.notify(tx, r.requested_by, 'group', `${actor.handle} (supervisor) is taking up your request and will check in with the member.`);
    });
  }

  // ── shared helpers ──────────────────────────────────────────────────────────
  /**
   * An organization's or program's name and description are staff words shown to members: screened
   * field by field (ADR 064), held words refused naming the field, no alert and no crisis notice (a
   * program about suicide loss names a topic, not its writer's crisis). Empty descriptions are not screened.
   */
  private async screenNameAndDescription(tx: Tx, actor: Actor, kind: 'organization' | 'program', objectId: string, texts: { name?: string | undefined; description?: string | undefined }): Promise<void> {
    const fields = [
      { field: 'name', text: texts.name, label: `The ${kind}’s name` },
      { field: 'description', text: texts.description, label: `The ${kind}’s description` },
    ] as const;
    for (const f of fields) {
      if (!f.text) continue;
      await this.deps.screener.screenStaffText(tx, { userId: actor.userId, objectType: `${kind}_${f.field}`, objectId, text: f.text, region: actor.region, field: f.field, label: f.label, notice: false });
    }
  }

  /**
   * A group's name, description and agreement are staff words shown to its members (ADR 064): screened
   * field by field as staff text, method detail and harassment refused naming the field, no alert and
   * no crisis notice ("Self-harm recovery" is a topic, not its writer's crisis).
   */
  private async screenGroupTexts(tx: Tx, actor: Actor, groupId: string, texts: { name?: string; description?: string; agreement?: string }): Promise<void> {
    const fields = [
      { field: 'name', text: texts.name, label: 'The group’s name' },
      { field: 'description', text: texts.description, label: 'The group’s description' },
      { field: 'agreement', text: texts.agreement, label: 'The group agreement' },
    ] as const;
    for (const f of fields) {
      if (!f.text) continue;
      await this.deps.screener.screenStaffText(tx, { userId: actor.userId, objectType: `group_${f.field}`, objectId: groupId, text: f.text, region: actor.region, field: f.field, label: f.label, notice: false });
    }
  }

  /** A meeting's title and place, a facilitator's words shown to the group: as a group's name (ADR 064). */
  private async screenMeetingTexts(tx: Tx, actor: Actor, row: { id: string; title: string; place: string | null }): Promise<void> {
    const fields = [
      { field: 'title', text: row.title, label: 'The meeting’s title' },
      { field: 'place', text: row.place, label: 'The meeting’s place' },
    ] as const;
    for (const f of fields) {
      if (!f.text) continue;
      await this.deps.screener.screenStaffText(tx, { userId: actor.userId, objectType: `meeting_${f.field}`, objectId: row.id, text: f.text, region: actor.region, field: f.field, label: f.label, notice: false });
    }
  }

  /** Screens and records the text; refuses what the screen would hold; answers the writer's notice (their crisis response). */
  private async screen(tx: Tx, actor: Actor, objectType: string, objectId: string, text: string, surface: 'other' | 'checkin_note'): Promise<SafetyNotice> {
    const verdict = await this.deps.screener.screenAndRecord(tx, { userId: actor.userId, objectType, objectId, text, surface, region: actor.region });
    // Structural texts (names, agreements, notes) cannot wait in a review queue: method details are refused.
    if (verdict.notice.held) {
      throw new HttpError(422, 'held_by_safety', 'This text cannot be saved as written: please leave out details of methods or harm. If you are struggling, the crisis lines are there for you.', {
        safety: verdict.notice,
      });
    }
    return verdict.notice;
  }

  private notify(tx: Tx, userId: string, kind: 'group' | 'meeting_reminder', message: string): Promise<boolean> {
    return this.deps.notifications.notify(tx, { userId, kind, threadId: null, postId: null, actorId: null, actorAnonymous: false, message });
  }

  // ── events from other modules ───────────────────────────────────────────────

  consumers(): OutboxConsumer[] {
    return [
      {
        name: 'groups.facilitator_certificate_lapsed',
        types: [CERTIFICATE_LAPSED],
        // A facilitator's certificate expired or was withdrawn: the program leads (and the other
        // facilitators) of each group they facilitate hear it, so the group is looked after. Why
        // it lapsed stays between the facilitator and their supervisor.
        handle: async (event, tx) => {
          const { userId, kind } = event.data as CertificateLapsedEvent;
          if (kind !== 'facilitator') return;
          const who = (await repo.findUser(tx.trx, userId))?.handle ?? 'A facilitator';
          for (const g of await repo.groupsFacilitatedBy(tx.trx, userId)) {
            const leads = await repo.staffWithRole(tx.trx, g.organization_id, 'program_lead');
            const others = (await repo.facilitatorsOf(tx.trx, [g.id])).map((f) => f.id);
            for (const recipient of new Set([...leads, ...others])) {
              if (recipient === userId) continue;
              await this.notify(tx, recipient, 'group', `${who}’s facilitator certificate is no longer valid, so they cannot facilitate "${g.name}" until they renew it. Please make sure the group has a facilitator meanwhile.`);
            }
          }
        },
      },
    ];
  }

  // ── personal data ───────────────────────────────────────────────────────────
  contributor(): PersonalDataContributor {
    return {
      name: 'groups',
      export: async (tx, userId) => {
        const db = tx.trx;
        const [messages, logs, acceptances, rsvps, attendance, requests, reports, memberships, staff, feeds] = await Promise.all([
          repo.messagesBy(db, userId),
          repo.goalLogsBy(db, userId),
          repo.acceptancesOf(db, userId),
          repo.rsvpsOf(db, userId),
          repo.attendanceAbout(db, userId),
          repo.joinRequestsOf(db, userId),
          repo.reportsBy(db, userId),
          repo.memberships(db, userId),
          repo.organizationsStaffedBy(db, userId),
          repo.feedsOf(db, userId),
        ]);
        return {
          groupMemberships: memberships.map((m) => ({ groupId: m.group_id, joinedAt: m.joined_at, mutedUntil: m.muted_until })),
          agreementAcceptances: acceptances.map((x) => ({ groupId: x.group_id, version: x.version, acceptedAt: x.accepted_at })),
          messages: messages.map((m) => ({ id: m.id, groupId: m.group_id, body: m.state === 'removed' ? null : this.open(m.body_enc, `group_messages:${m.group_id}`), state: m.state, at: m.created_at })),
          goalProgress: logs.map((l) => ({ goalId: l.goal_id, amount: l.amount, visibility: l.visibility, note: this.open(l.note_enc, `group_goal_logs:${l.goal_id}`), at: l.created_at })),
          rsvps: rsvps.map((r) => ({ meetingId: r.meeting_id, occurrence: r.occurrence, response: r.response })),
          attendance: attendance.map((r) => ({ meetingId: r.meeting_id, occurrence: r.occurrence, status: r.status })),
          programJoinRequests: requests.map((r) => ({ programId: r.program_id, status: r.status, note: this.open(r.note_enc, `program_join_requests:${r.program_id}`), at: r.created_at })),
          reportsMade: reports.map((r) => ({ messageId: r.message_id, reason: r.reason, status: r.status, at: r.created_at })),
          organizationRoles: staff.map((s) => ({ organizationId: s.organization_id, role: s.role })),
          calendarFeeds: feeds.map((f) => ({ groupId: f.group_id, createdAt: f.created_at })),
        };
      },
      erase: (tx, userId) => repo.eraseUser(tx.trx, userId),
      // A message or meeting note of theirs that arrived while the erasure ran: 409, not left behind
      // anonymous (ADR 061). meeting_notes.author_id has no index: one scan of a small table (a row
      // per meeting occurrence with notes), as `eraseUser`'s delete of their notes already makes.
      erased: (tx, userId) =>
        nothingWrittenMeanwhile(tx, userId, [
          ['group_messages', 'author_id'],
          ['meeting_notes', 'author_id'],
        ]),
    };
  }
}

/** The name and description a patch changes (unchanged words are not screened again). */
function changed(row: { name: string; description: string }, input: { name?: string | undefined; description?: string | undefined }): { name?: string; description?: string } {
  return {
    ...(input.name !== undefined && input.name !== row.name ? { name: input.name } : {}),
    ...(input.description !== undefined && input.description !== row.description ? { description: input.description } : {}),
  };
}
