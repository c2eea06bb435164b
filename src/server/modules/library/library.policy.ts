import { hasRole, type Actor } from '../../platform/actor.js';

export type LibraryAction =
  | 'strategy.read'
  | 'strategy.create'
  | 'strategy.mark'
  | 'strategy.remove'
  | 'strategy.review'
  | 'resource.read'
  | 'resource.suggest'
  | 'resource.curate';

export interface LibraryContext {
  state?: 'visible' | 'pending' | 'removed';
  /** The strategy is the actor's own. */
  author?: boolean;
  /** The actor is suspended now: a community suspension stops new strategies as it stops posts (ADR 005). */
  suspended?: boolean;
}

const curator = (actor: Actor) => hasRole(actor, 'supervisor', 'admin');

/**
 * Who may do what in the shared library. Any signed-in member reads visible strategies and the
 * verified directory, writes strategies (not while suspended) and suggests resources; a held
 * strategy is seen by its author and the supervisors only; supervisors (and admins) review strategies and curate the
 * directory (verify, edit, remove, see pending and stale entries).
 */
export const libraryPolicy = {
  can(actor: Actor | null, action: LibraryAction, o: LibraryContext = {}): boolean {
    if (!actor) return false;
    switch (action) {
      case 'strategy.read':
        return o.state === 'visible' || (o.state === 'pending' && (!!o.author || curator(actor)));
      case 'strategy.mark':
        return o.state === 'visible';
      case 'strategy.create':
        return !o.suspended;
      case 'resource.read':
      case 'resource.suggest':
        return true;
      case 'strategy.remove':
        return o.state !== 'removed' && (!!o.author || curator(actor));
      case 'strategy.review':
      case 'resource.curate':
        return curator(actor);
    }
  },
};
