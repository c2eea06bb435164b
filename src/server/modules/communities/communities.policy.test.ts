import { describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/accounts.js';
import type { Actor } from '../../platform/actor.js';
import { communitiesPolicy, type CommunityAction } from './communities.policy.js';

const actor = (roles: Role[], userId = 'me'): Actor => ({ userId, handle: userId, roles, sessionId: 's', region: null });
const ROLES: Role[][] = [['member'], ['member', 'peer_supporter'], ['member', 'facilitator'], ['member', 'supervisor'], ['member', 'admin']];
const name = (roles: Role[]) => roles.at(-1)!;
const open = { space: { visibility: 'members' as const, programId: null } };
const program = { space: { visibility: 'program' as const, programId: 'p1' } };

describe('communities policy matrix (role × action × owner/non-owner)', () => {
  const expectations: [CommunityAction, Record<string, unknown>, (role: string, own: boolean) => boolean][] = [
    ['space.read', open, () => true],
    ['space.read', program, (r) => r === 'supervisor' || r === 'admin'],
    ['space.read', { ...program, actorPrograms: ['p1'] }, () => true],
    ['thread.read', { ...open, state: 'visible' }, () => true],
    ['thread.read', { ...open, state: 'pending' }, (r, own) => own || r === 'supervisor' || r === 'admin'],
    ['thread.read', { ...open, state: 'hidden' }, (r, own) => own || r === 'supervisor' || r === 'admin'],
    ['thread.read', { ...program, state: 'visible' }, (r) => r === 'supervisor' || r === 'admin'],
    ['thread.reply', { ...open, state: 'visible' }, () => true],
    ['thread.reply', { ...open, state: 'hidden' }, (r) => r === 'supervisor' || r === 'admin'],
    ['thread.mark_helped', open, (_r, own) => own],
    ['post.edit', { state: 'visible' }, (_r, own) => own],
    ['post.edit', { state: 'deleted' }, () => false],
    ['post.delete', { state: 'pending' }, (_r, own) => own],
    ['post.react', { ...open, state: 'visible' }, () => true],
    ['post.react', { ...open, state: 'pending' }, () => false],
    ['post.reactors', {}, (_r, own) => own],
    ['post.report', { ...open, state: 'visible' }, () => true],
    ['post.history', {}, (r) => r === 'supervisor' || r === 'admin'],
    ['post.moderate', {}, (r) => r === 'supervisor' || r === 'admin'],
    ['post.reveal_author', {}, (r) => r === 'supervisor' || r === 'admin'],
    ['user.moderate', {}, (r) => r === 'supervisor' || r === 'admin'],
    ['thread.slow_mode', {}, (r) => r === 'supervisor' || r === 'admin'],
    ['queue.work', {}, (r) => r === 'supervisor' || r === 'admin'],
    ['space.manage', {}, (r) => r === 'admin'],
    ['program.manage', {}, (r) => r === 'admin'],
    ['settings.manage', {}, (r) => r === 'admin'],
  ];
  for (const [action, object, allowed] of expectations) {
    it(`${action} ${JSON.stringify(object)}`, () => {
      for (const roles of ROLES) {
        for (const own of [true, false]) {
          const got = communitiesPolicy.can(actor(roles), action, { ...object, authorId: own ? 'me' : 'someone' });
          expect(got, `${name(roles)} ${own ? 'owner' : 'non-owner'}`).toBe(allowed(name(roles), own));
        }
      }
      expect(communitiesPolicy.can(null, action, object)).toBe(false);
    });
  }
});

describe('reading a thread only widens with roles, programs and authorship', () => {
  // The notification fan-out relies on it: when a member with none of them may read a thread, it
  // skips looking up each recipient's roles and programs.
  it('lets everyone read what a plain member may read', () => {
    const spaces = [open, program, { space: { visibility: 'program' as const, programId: null } }];
    for (const object of spaces) {
      for (const state of ['visible', 'deleted', 'pending', 'hidden', 'removed']) {
        const plain = communitiesPolicy.can(actor([]), 'thread.read', { ...object, actorPrograms: [], authorId: 'someone', state });
        if (!plain) continue;
        for (const roles of ROLES) {
          for (const actorPrograms of [[], ['p1']]) {
            for (const authorId of ['me', 'someone']) expect(communitiesPolicy.can(actor(roles), 'thread.read', { ...object, actorPrograms, authorId, state })).toBe(true);
          }
        }
      }
    }
  });
});
