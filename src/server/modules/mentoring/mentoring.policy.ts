import { hasRole, type Actor } from '../../platform/actor.js';

export type MentoringAction =
  | 'supporter_profile.manage'
  | 'supporter.view'
  | 'supporters.browse'
  | 'request.create'
  | 'offer.respond'
  | 'mentorship.read'
  | 'mentorship.end'
  | 'mentorship.switch'
  | 'mentorship.report'
  | 'handover.propose'
  | 'handover.accept'
  | 'handover.consent'
  | 'handover.cancel'
  | 'feedback.give'
  | 'feedback.read'
  | 'supervisor.consent'
  | 'supervisor.escalate'
  | 'conversation.read'
  | 'reports.work';

/** What the policy needs to know about the object; the service fills it from the rows. */
export interface MentoringObject {
  mentorship?: { memberId: string | null; supporterId: string | null; status: 'active' | 'ended' };
  /** A supervisor access grant on the mentorship is current (not revoked, not expired). */
  activeGrant?: boolean;
  /** The supporter being viewed: the actor was ever matched with them (continuity). */
  everMatched?: boolean;
  /** The supporter being viewed is the actor. */
  self?: boolean;
  handover?: { fromSupporterId: string | null; toSupporterId: string | null; memberId: string | null; status: string };
}

export const isSupporter = (actor: Actor | null) => hasRole(actor, 'peer_supporter');
export const isSupervisor = (actor: Actor | null) => hasRole(actor, 'supervisor');

/**
 * Who may do what in one-to-one mentoring. Only peer supporters take offers and keep a supporter
 * profile; only the two participants act in a mentorship (each side only on its own rights); a
 * supervisor reads a conversation only while a consent or escalation grant is current; private
 * feedback and reports are for supervisors only (admins run the deployment, not the care).
 */
export const mentoringPolicy = {
  can(actor: Actor | null, action: MentoringAction, o: MentoringObject = {}): boolean {
    if (!actor) return false;
    const m = o.mentorship;
    const isMember = !!m && m.memberId === actor.userId;
    const isTheirSupporter = !!m && m.supporterId === actor.userId;
    const active = m?.status === 'active';
    switch (action) {
      case 'supporter_profile.manage':
      case 'offer.respond':
        return isSupporter(actor);
      case 'supporter.view':
        // A member sees a supporter they were matched with (to ask for them again); supporters see
        // colleagues (handover); supervisors see everyone they oversee.
        return !!o.self || !!o.everMatched || isSupporter(actor) || isSupervisor(actor);
      case 'supporters.browse':
        return true;
      case 'request.create':
        return true;
      case 'mentorship.read':
        return isMember || isTheirSupporter || (isSupervisor(actor) && !!o.activeGrant);
      case 'conversation.read':
        return isMember || isTheirSupporter || (isSupervisor(actor) && !!o.activeGrant);
      case 'mentorship.end':
        return (isMember || isTheirSupporter) && active;
      case 'mentorship.switch':
        return isMember && active;
      case 'mentorship.report':
        return isMember || isTheirSupporter;
      case 'handover.propose':
        return isTheirSupporter && active && isSupporter(actor);
      case 'handover.accept':
        return !!o.handover && o.handover.toSupporterId === actor.userId && o.handover.status === 'proposed' && isSupporter(actor);
      case 'handover.consent':
        return !!o.handover && o.handover.memberId === actor.userId && o.handover.status === 'accepted_by_supporter';
      case 'handover.cancel':
        return !!o.handover && o.handover.fromSupporterId === actor.userId && (o.handover.status === 'proposed' || o.handover.status === 'accepted_by_supporter');
      case 'feedback.give':
        return isMember && m?.status === 'ended';
      case 'feedback.read':
      case 'reports.work':
        return isSupervisor(actor);
      case 'supervisor.consent':
        return isMember;
      case 'supervisor.escalate':
        return isTheirSupporter;
    }
  },
};
