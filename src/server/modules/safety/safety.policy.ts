import { hasRole, type Actor } from '../../platform/actor.js';

export type SafetyAction = 'alerts.work' | 'held.review' | 'resources.read';

/** Who may do what in the safety module. Crisis resources are for everyone, signed in or not. */
export const safetyPolicy = {
  can(actor: Actor | null, action: SafetyAction): boolean {
    switch (action) {
      case 'resources.read':
        return true;
      case 'alerts.work':
      case 'held.review':
        return hasRole(actor, 'supervisor', 'admin');
    }
  },
};
