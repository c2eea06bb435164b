import { hasRole, type Actor } from '../../platform/actor.js';

export type SupervisionAction =
  | 'assignments.manage'
  | 'dashboard.view'
  | 'supporter.oversee'
  | 'notes.read'
  | 'notes.write'
  | 'supervision.self'
  | 'request.take_part';

/** What the policy needs to know; the service fills it from the rows. */
export interface SupervisionObject {
  /** The supporter's assigned supervisor now (null: nobody). */
  assignedSupervisorId?: string | null;
  /** A supervision request: whose it is (who it was first made to does not matter, see `request.take_part`). */
  request?: { supporterId: string };
}

export const isSupporterRole = (actor: Actor | null) => hasRole(actor, 'peer_supporter', 'facilitator');

/**
 * Who may do what in supervision. Admins assign supervisors and see the load, nothing more:
 * they do not read check-ins, notes or replies (they run the deployment, not the care). A
 * supervisor sees only the supporters assigned to them, and everything about those (load,
 * check-ins, supervision notes, quality review, empathy trend, coaching) — another supervisor sees
 * none of it. Supervision notes are never shown to the supporter they are about (ADR 010).
 * A supporter sees their own check-ins, coaching notes and trend, and talks with their supervisor
 * in a request that only the two of them can open. Access follows the current assignment: after a
 * reassignment the new supervisor reads the supporter's earlier requests (the supervision record
 * moves with the supporter) and the former supervisor reads none of them.
 */
export const supervisionPolicy = {
  can(actor: Actor | null, action: SupervisionAction, o: SupervisionObject = {}): boolean {
    if (!actor) return false;
    const assignedToMe = hasRole(actor, 'supervisor') && !!o.assignedSupervisorId && o.assignedSupervisorId === actor.userId;
    switch (action) {
      case 'assignments.manage':
        return hasRole(actor, 'admin');
      case 'dashboard.view':
        return hasRole(actor, 'supervisor');
      case 'supporter.oversee':
      case 'notes.read':
      case 'notes.write':
        return assignedToMe;
      case 'supervision.self':
        return isSupporterRole(actor);
      case 'request.take_part':
        return !!o.request && (o.request.supporterId === actor.userId || assignedToMe);
    }
  },
};
