import { describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/accounts.js';
import type { Actor } from '../../platform/actor.js';
import { circlesPolicy, type CircleAction, type CircleContext } from './circles.policy.js';

const actor = (roles: Role[]): Actor => ({ userId: 'me', handle: 'me', roles, sessionId: 's', region: null });
const ROLES: Role[][] = [['member'], ['member', 'peer_supporter'], ['member', 'facilitator'], ['member', 'supervisor'], ['member', 'admin']];
const PLACES: { name: string; ctx: CircleContext }[] = [
  { name: 'outsider', ctx: {} },
  { name: 'member', ctx: { member: true } },
  { name: 'author', ctx: { member: true, author: true } },
  { name: 'owner', ctx: { member: true, owner: true } },
  { name: 'working alert', ctx: { workingAlert: true } },
];

describe('circles policy matrix (role × place × action)', () => {
  const expectations: Record<CircleAction, (role: Role, place: string) => boolean> = {
    // No role opens a circle: only being in it does.
    'circle.read': (_r, p) => p === 'member' || p === 'author' || p === 'owner',
    'circle.write': (_r, p) => p === 'member' || p === 'author' || p === 'owner',
    'circle.manage': (_r, p) => p === 'owner',
    'circle.invite': (_r, p) => p === 'owner',
    'message.remove': (_r, p) => p === 'author',
    // The one way in from outside: a supervisor (or admin) working the alert the item raised.
    'escalation.read': (r, p) => p === 'working alert' && (r === 'supervisor' || r === 'admin'),
  };
  for (const [action, allowed] of Object.entries(expectations) as [CircleAction, (r: Role, p: string) => boolean][]) {
    it(action, () => {
      for (const roles of ROLES) {
        for (const place of PLACES) {
          expect(circlesPolicy.can(actor(roles), action, place.ctx), `${roles.at(-1)} ${place.name}`).toBe(allowed(roles.at(-1)!, place.name));
        }
      }
      expect(circlesPolicy.can(null, action, { member: true, owner: true, author: true, workingAlert: true })).toBe(false);
    });
  }
});
