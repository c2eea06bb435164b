import { hasRole, type Actor } from '../../platform/actor.js';

export type AccountAction = 'users.list' | 'roles.grant' | 'profile.view';

/** Who may do what with accounts. Own-object rules (sessions, profile) are enforced by scoping queries to the actor. */
export const accountsPolicy = {
  can(actor: Actor | null, action: AccountAction): boolean {
    switch (action) {
      case 'users.list':
      case 'roles.grant':
        return hasRole(actor, 'admin');
      case 'profile.view':
        return !!actor;
    }
  },
};
