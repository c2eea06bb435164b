import { hasRole, type Actor } from '../../platform/actor.js';

export type CommunityAction =
  | 'space.read'
  | 'space.manage'
  | 'program.manage'
  | 'thread.read'
  | 'thread.reply'
  | 'thread.mark_helped'
  | 'thread.slow_mode'
  | 'post.edit'
  | 'post.delete'
  | 'post.react'
  | 'post.reactors'
  | 'post.report'
  | 'post.history'
  | 'post.moderate'
  | 'post.reveal_author'
  | 'user.moderate'
  | 'settings.manage'
  | 'queue.work';

/** What the policy needs to know about the object; services fill it from the rows. */
export interface CommunityObject {
  /** The space: open to every member, or to a program's members. */
  space?: { visibility: 'members' | 'program'; programId: string | null };
  /** The programs the actor belongs to (for program-only spaces). */
  actorPrograms?: readonly string[];
  /** The author of the post or thread in question. */
  authorId?: string | null;
  /** State of the post or thread in question. */
  state?: string;
}

export const isModerator = (actor: Actor | null) => hasRole(actor, 'supervisor', 'admin');

function canSeeSpace(actor: Actor, o: CommunityObject): boolean {
  if (!o.space) return false;
  if (o.space.visibility === 'members') return true;
  if (isModerator(actor)) return true;
  return !!o.space.programId && (o.actorPrograms ?? []).includes(o.space.programId);
}

/**
 * Who may do what in the community. Every read needs a visible space; a pending (held) object is
 * its author's and the moderators' only; moderators (supervisors, admins) review and act.
 */
export const communitiesPolicy = {
  can(actor: Actor | null, action: CommunityAction, o: CommunityObject = {}): boolean {
    if (!actor) return false;
    const own = !!o.authorId && o.authorId === actor.userId;
    switch (action) {
      case 'space.read':
        return canSeeSpace(actor, o);
      case 'thread.read':
        if (!canSeeSpace(actor, o)) return false;
        if (o.state === 'visible' || o.state === 'deleted') return true;
        return own || isModerator(actor);
      case 'thread.reply':
        return canSeeSpace(actor, o) && (o.state === 'visible' || o.state === 'deleted' || isModerator(actor));
      case 'thread.mark_helped':
        return canSeeSpace(actor, o) && own;
      case 'post.edit':
      case 'post.delete':
        return own && o.state !== 'removed' && o.state !== 'deleted';
      case 'post.react':
      case 'post.report':
        return canSeeSpace(actor, o) && o.state === 'visible';
      case 'post.reactors':
        return own;
      case 'space.manage':
      case 'program.manage':
      case 'settings.manage':
        return hasRole(actor, 'admin');
      case 'thread.slow_mode':
      case 'post.history':
      case 'post.moderate':
      case 'post.reveal_author':
      case 'user.moderate':
      case 'queue.work':
        return isModerator(actor);
    }
  },
};
