import { describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/accounts.js';
import type { Actor } from '../../platform/actor.js';
import { supervisionPolicy, type SupervisionAction, type SupervisionObject } from './supervision.policy.js';

const actor = (roles: Role[]): Actor => ({ userId: 'me', handle: 'me', roles, sessionId: 's', region: null });
const ROLES: Role[][] = [['member'], ['member', 'peer_supporter'], ['member', 'facilitator'], ['member', 'supervisor'], ['member', 'admin']];
const name = (roles: Role[]) => roles.at(-1)!;

/** How the actor stands to the supporter (or request) in question. */
type Relation = 'assigned_supervisor' | 'former_supervisor' | 'the_supporter' | 'outsider';
const RELATIONS: Relation[] = ['assigned_supervisor', 'former_supervisor', 'the_supporter', 'outsider'];
/** A former supervisor is, to the policy, someone else's supporter's outsider: only the assignment now counts. */
const assignment = (rel: Relation): SupervisionObject => ({ assignedSupervisorId: rel === 'assigned_supervisor' ? 'me' : 'someone-else' });
const request = (rel: Relation): SupervisionObject => ({ request: { supporterId: rel === 'the_supporter' ? 'me' : 'sup' }, ...assignment(rel) });

type Rule = (role: string, rel: Relation) => boolean;

describe('supervision policy matrix (role × action × relation)', () => {
  const cases: [SupervisionAction, (rel: Relation) => SupervisionObject, Rule][] = [
    ['assignments.manage', () => ({}), (r) => r === 'admin'],
    ['dashboard.view', () => ({}), (r) => r === 'supervisor'],
    // Only the assigned supervisor: not another supervisor, not an admin, never the supporter.
    ['supporter.oversee', assignment, (r, rel) => r === 'supervisor' && rel === 'assigned_supervisor'],
    ['notes.read', assignment, (r, rel) => r === 'supervisor' && rel === 'assigned_supervisor'],
    ['notes.write', assignment, (r, rel) => r === 'supervisor' && rel === 'assigned_supervisor'],
    ['supporter.oversee', () => ({ assignedSupervisorId: null }), () => false],
    ['supervision.self', () => ({}), (r) => r === 'peer_supporter' || r === 'facilitator'],
    // The supporter, and whoever supervises them now (not the supervisor a request was first made to).
    ['request.take_part', request, (r, rel) => rel === 'the_supporter' || (rel === 'assigned_supervisor' && r === 'supervisor')],
  ];
  for (const [action, object, rule] of cases) {
    for (const roles of ROLES) {
      for (const rel of RELATIONS) {
        const expected = rule(name(roles), rel);
        it(`${name(roles)} (${rel}) ${expected ? 'may' : 'may not'} ${action}`, () => {
          expect(supervisionPolicy.can(actor(roles), action, object(rel))).toBe(expected);
        });
      }
    }
  }
  it('nobody signed out may do anything', () => {
    for (const [action, object] of cases) expect(supervisionPolicy.can(null, action, object('assigned_supervisor'))).toBe(false);
  });
});
