import { hasRole, type Actor } from '../../platform/actor.js';

export type TrainingAction =
  | 'training.take'
  | 'signoff.review'
  | 'signoff.decide'
  | 'certificates.list'
  | 'certificate.record_prior'
  | 'certificate.revoke';

/** What the policy needs to know about the object: whose training or certificate it is. */
export interface TrainingObject {
  ownerId?: string;
  /** The trainee's assigned supervisor now (supervision module); null or absent: nobody. */
  supervisorId?: string | null;
}

/**
 * Who may do what in training and certification. Every signed-in person may take the training.
 * A sign-off is decided by the trainee's assigned supervisor; a trainee with no supervisor (a new
 * trainee, as a rule) is in the shared queue any supervisor may take; an admin may decide any.
 * Admins record prior training (not their own); supervisors and admins see certificates and
 * revoke them (not their own). Nobody vouches for themselves.
 */
export const trainingPolicy = {
  can(actor: Actor | null, action: TrainingAction, o: TrainingObject = {}): boolean {
    if (!actor) return false;
    const own = o.ownerId !== undefined && o.ownerId === actor.userId;
    switch (action) {
      case 'training.take':
        return true;
      case 'signoff.review':
        return hasRole(actor, 'supervisor', 'admin');
      case 'signoff.decide': {
        if (own) return false;
        if (hasRole(actor, 'admin')) return true;
        const supervisorId = o.supervisorId ?? null;
        return hasRole(actor, 'supervisor') && (supervisorId === null || supervisorId === actor.userId);
      }
      case 'certificates.list':
        return hasRole(actor, 'supervisor', 'admin');
      case 'certificate.record_prior':
        return hasRole(actor, 'admin') && !own;
      case 'certificate.revoke':
        return hasRole(actor, 'supervisor', 'admin') && !own;
    }
  },
};
