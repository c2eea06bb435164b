import type { Actor } from '../../platform/actor.js';

export type RecoveryAction = 'plan.read' | 'plan.write' | 'checkin.read' | 'checkin.write' | 'journal.read' | 'journal.write' | 'summary.make';

/**
 * A recovery plan, safety plan, check-ins and journal belong to one member and nobody else: no
 * role opens them, not supervisor, not admin. (No escalation path reads them: an alert raised by
 * a journal entry tells a supervisor to reach out, it never shows the words.)
 */
export const recoveryPolicy = {
  can(actor: Actor | null, _action: RecoveryAction, o: { ownerId: string }): boolean {
    return !!actor && actor.userId === o.ownerId;
  },
};
