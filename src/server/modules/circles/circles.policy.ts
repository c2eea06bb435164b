import { hasRole, type Actor } from '../../platform/actor.js';

export type CircleAction =
  | 'circle.read'
  | 'circle.write'
  | 'circle.manage'
  | 'circle.invite'
  | 'message.remove'
  | 'escalation.read';

/** What the policy needs to know: the actor's place in the circle, and the escalation at hand. */
export interface CircleContext {
  member?: boolean;
  owner?: boolean;
  /** The message or check-in in question is the actor's own. */
  author?: boolean;
  /** A safety alert was raised by the object and this actor acknowledged it (is working it). */
  workingAlert?: boolean;
}

/**
 * Who may do what in a circle. A circle exists only for its members: no role opens it, not admin,
 * not supervisor. The one way in from outside is a safety alert raised by something written in
 * it, for the supervisor working that alert, for that item and its context only (audited).
 */
export const circlesPolicy = {
  can(actor: Actor | null, action: CircleAction, o: CircleContext = {}): boolean {
    if (!actor) return false;
    switch (action) {
      case 'circle.read':
      case 'circle.write':
        return !!o.member;
      case 'circle.manage':
      case 'circle.invite':
        return !!o.member && !!o.owner;
      case 'message.remove':
        return !!o.member && !!o.author;
      case 'escalation.read':
        return hasRole(actor, 'supervisor', 'admin') && !!o.workingAlert;
    }
  },
};
