import { hasRole, type Actor } from '../../platform/actor.js';
import type { StaffRole } from '../../platform/schema.js';

export type GroupAction =
  | 'organization.manage'
  | 'organization.read'
  | 'program.create'
  | 'program.manage'
  | 'program.read'
  | 'program.join'
  | 'group.read'
  | 'group.manage'
  | 'group.edit_agreement'
  | 'group.join'
  | 'group.take_part'
  | 'group.write'
  | 'group.facilitate'
  | 'group.dashboard'
  | 'group.private_notes'
  | 'group.reports'
  | 'group.remove_message'
  | 'supervisor_request.take';

/** What the policy needs to know about the actor's place in the organization, program and group. */
export interface GroupContext {
  /** The actor's staff roles in the group's (or program's) organization. */
  staffRoles?: readonly StaffRole[];
  /** The program's join policy (for `program.read`/`program.join` by outsiders). */
  joinPolicy?: 'open' | 'request' | 'invitation';
  programMember?: boolean;
  groupMember?: boolean;
  groupFacilitator?: boolean;
  /** The group facilitator's facilitator certificate is valid now (facilitating needs it). */
  facilitatorCertified?: boolean;
  /** The member accepted the group agreement's current version. */
  agreementCurrent?: boolean;
  /** The member is muted at this moment. */
  muted?: boolean;
  /** The chat message acted on has an open report (for `group.remove_message`). */
  messageReported?: boolean;
}

const isAdmin = (actor: Actor) => hasRole(actor, 'admin');
const staff = (o: GroupContext, role: StaffRole) => (o.staffRoles ?? []).includes(role);
const anyStaff = (o: GroupContext) => (o.staffRoles ?? []).length > 0;

/**
 * Who may do what in formal programs. Admins set up organizations and programs; program leads run
 * their organization's programs; facilitators run their own groups; organization supervisors see
 * dashboards and answer supervisor requests. Facilitating (and naming someone facilitator) needs a
 * valid facilitator certificate; a lead or admin managing a group is not facilitating it. A member takes part in a group (chat, RSVP, goals)
 * only while they have accepted the agreement's current version. Nobody outside a group's
 * members and facilitators reads its chat: not admins, not supervisors. An admin is the moderator
 * of last resort: they see a group's open reports (only the reported messages, audited for their
 * authors), resolve them and remove a reported message, for when no facilitator can
 * (docs/adr/018-admins-act-on-group-chat-reports.md).
 */
export const groupsPolicy = {
  can(actor: Actor | null, action: GroupAction, o: GroupContext = {}): boolean {
    if (!actor) return false;
    const lead = isAdmin(actor) || staff(o, 'program_lead');
    const participant = (!!o.groupMember && !!o.agreementCurrent) || !!o.groupFacilitator;
    // Facilitating needs a valid certificate; a facilitator whose certificate lapsed still takes part.
    const facilitating = !!o.groupFacilitator && !!o.facilitatorCertified;
    switch (action) {
      case 'organization.manage':
      case 'program.create':
        return isAdmin(actor);
      case 'organization.read':
        return isAdmin(actor) || anyStaff(o);
      case 'program.manage':
        return lead;
      case 'program.read':
        return isAdmin(actor) || anyStaff(o) || !!o.programMember || o.joinPolicy === 'open' || o.joinPolicy === 'request';
      case 'program.join':
        return !o.programMember && (o.joinPolicy === 'open' || o.joinPolicy === 'request');
      case 'group.read':
        return isAdmin(actor) || anyStaff(o) || !!o.programMember || !!o.groupMember || !!o.groupFacilitator;
      case 'group.manage':
        return lead;
      case 'group.edit_agreement':
        return lead || facilitating;
      case 'group.join':
        return !!o.programMember && !o.groupMember;
      case 'group.take_part':
        return participant;
      case 'group.write':
        return participant && !(o.muted && !o.groupFacilitator);
      case 'group.facilitate':
      case 'group.private_notes':
        return facilitating;
      case 'group.reports':
        return facilitating || isAdmin(actor);
      case 'group.remove_message':
        return facilitating || (isAdmin(actor) && !!o.messageReported);
      case 'group.dashboard':
        return facilitating || lead || staff(o, 'supervisor');
      case 'supervisor_request.take':
        return staff(o, 'supervisor') || hasRole(actor, 'supervisor', 'admin');
    }
  },
};

/**
 * Someone may be named facilitator when they hold the role (it comes with the certificate) or are
 * staffed as one by the organization; either way the service also asks for a valid certificate.
 */
export function mayFacilitate(roles: readonly string[], staffRoles: readonly StaffRole[]): boolean {
  return roles.includes('facilitator') || staffRoles.includes('facilitator');
}
