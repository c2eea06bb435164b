import { describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/accounts.js';
import type { Actor } from '../../platform/actor.js';
import { recoveryPolicy, type RecoveryAction } from '../recovery/recovery.policy.js';
import { libraryPolicy, type LibraryAction } from './library.policy.js';

const actor = (roles: Role[], userId = 'u-actor'): Actor => ({ userId, handle: 'h', roles, sessionId: 's', region: null });
const member = actor(['member']);
const supervisor = actor(['member', 'supervisor']);
const admin = actor(['member', 'admin']);

describe('library policy matrix', () => {
  const cases: [string, Actor, LibraryAction, Parameters<typeof libraryPolicy.can>[2], boolean][] = [
    ['member reads visible', member, 'strategy.read', { state: 'visible' }, true],
    ['member reads someone’s pending', member, 'strategy.read', { state: 'pending' }, false],
    ['author reads own pending', member, 'strategy.read', { state: 'pending', author: true }, true],
    ['supervisor reads pending', supervisor, 'strategy.read', { state: 'pending' }, true],
    ['nobody reads removed', admin, 'strategy.read', { state: 'removed' }, false],
    ['member marks visible', member, 'strategy.mark', { state: 'visible' }, true],
    ['author cannot mark own pending', member, 'strategy.mark', { state: 'pending', author: true }, false],
    ['member removes own', member, 'strategy.remove', { state: 'visible', author: true }, true],
    ['member removes other’s', member, 'strategy.remove', { state: 'visible' }, false],
    ['supervisor removes', supervisor, 'strategy.remove', { state: 'visible' }, true],
    ['member reviews', member, 'strategy.review', {}, false],
    ['supervisor reviews', supervisor, 'strategy.review', {}, true],
    ['admin reviews', admin, 'strategy.review', {}, true],
    ['member creates a strategy', member, 'strategy.create', {}, true],
    ['suspended member creates a strategy', member, 'strategy.create', { suspended: true }, false],
    ['suspended supervisor creates a strategy', supervisor, 'strategy.create', { suspended: true }, false],
    ['member suggests', member, 'resource.suggest', {}, true],
    ['member curates', member, 'resource.curate', {}, false],
    ['supervisor curates', supervisor, 'resource.curate', {}, true],
    ['admin curates', admin, 'resource.curate', {}, true],
  ];
  it.each(cases)('%s', (_name, who, action, ctx, expected) => {
    expect(libraryPolicy.can(who, action, ctx)).toBe(expected);
  });
  it('refuses everything signed out', () => {
    expect(libraryPolicy.can(null, 'strategy.read', { state: 'visible' })).toBe(false);
    expect(libraryPolicy.can(null, 'resource.read')).toBe(false);
  });
});

describe('recovery policy matrix: the owner and nobody else, whatever the role', () => {
  const actions: RecoveryAction[] = ['plan.read', 'plan.write', 'checkin.read', 'checkin.write', 'journal.read', 'journal.write', 'summary.make'];
  for (const action of actions) {
    it(action, () => {
      expect(recoveryPolicy.can(member, action, { ownerId: member.userId })).toBe(true);
      for (const other of [actor(['member'], 'u-other'), actor(['member', 'supervisor'], 'u-sup'), actor(['member', 'admin'], 'u-admin'), actor(['member', 'peer_supporter', 'facilitator'], 'u-fac')]) {
        expect(recoveryPolicy.can(other, action, { ownerId: member.userId })).toBe(false);
      }
      expect(recoveryPolicy.can(null, action, { ownerId: member.userId })).toBe(false);
    });
  }
});
