import { describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/accounts.js';
import type { Actor } from '../../platform/actor.js';
import { mentoringPolicy, type MentoringAction, type MentoringObject } from './mentoring.policy.js';

const actor = (roles: Role[]): Actor => ({ userId: 'me', handle: 'me', roles, sessionId: 's', region: null });
const ROLES: Role[][] = [['member'], ['member', 'peer_supporter'], ['member', 'facilitator'], ['member', 'supervisor'], ['member', 'admin']];
const name = (roles: Role[]) => roles.at(-1)!;

/** How the actor stands to the mentorship in question. */
type Relation = 'member' | 'supporter' | 'outsider';
const RELATIONS: Relation[] = ['member', 'supporter', 'outsider'];
const mentorship = (rel: Relation, status: 'active' | 'ended') => ({
  memberId: rel === 'member' ? 'me' : 'm',
  supporterId: rel === 'supporter' ? 'me' : 's',
  status,
});

type Rule = (role: string, rel: Relation) => boolean;
const participant: Rule = (_r, rel) => rel !== 'outsider';

describe('mentoring policy matrix (role × action × relation to the mentorship)', () => {
  const cases: [MentoringAction, (rel: Relation) => MentoringObject, Rule][] = [
    ['supporter_profile.manage', () => ({}), (r) => r === 'peer_supporter'],
    ['offer.respond', () => ({}), (r) => r === 'peer_supporter'],
    ['request.create', () => ({}), () => true],
    ['supporters.browse', () => ({}), () => true],
    // Members see a supporter only after being matched with them; supporters and supervisors see colleagues.
    ['supporter.view', () => ({}), (r) => r === 'peer_supporter' || r === 'supervisor'],
    ['supporter.view', () => ({ everMatched: true }), () => true],
    ['supporter.view', () => ({ self: true }), () => true],
    ['mentorship.read', (rel) => ({ mentorship: mentorship(rel, 'active') }), participant],
    ['mentorship.read', (rel) => ({ mentorship: mentorship(rel, 'ended') }), participant],
    ['mentorship.read', (rel) => ({ mentorship: mentorship(rel, 'active'), activeGrant: true }), (r, rel) => rel !== 'outsider' || r === 'supervisor'],
    // Nobody but the two participants reads the conversation; a supervisor only under a current grant; an admin never.
    ['conversation.read', (rel) => ({ mentorship: mentorship(rel, 'active') }), participant],
    ['conversation.read', (rel) => ({ mentorship: mentorship(rel, 'active'), activeGrant: true }), (r, rel) => rel !== 'outsider' || r === 'supervisor'],
    ['mentorship.end', (rel) => ({ mentorship: mentorship(rel, 'active') }), participant],
    ['mentorship.end', (rel) => ({ mentorship: mentorship(rel, 'ended') }), () => false],
    ['mentorship.switch', (rel) => ({ mentorship: mentorship(rel, 'active') }), (_r, rel) => rel === 'member'],
    ['mentorship.switch', (rel) => ({ mentorship: mentorship(rel, 'ended') }), () => false],
    ['mentorship.report', (rel) => ({ mentorship: mentorship(rel, 'ended') }), participant],
    ['handover.propose', (rel) => ({ mentorship: mentorship(rel, 'active') }), (r, rel) => rel === 'supporter' && r === 'peer_supporter'],
    ['handover.propose', (rel) => ({ mentorship: mentorship(rel, 'ended') }), () => false],
    ['feedback.give', (rel) => ({ mentorship: mentorship(rel, 'ended') }), (_r, rel) => rel === 'member'],
    ['feedback.give', (rel) => ({ mentorship: mentorship(rel, 'active') }), () => false],
    ['feedback.read', () => ({}), (r) => r === 'supervisor'],
    ['reports.work', () => ({}), (r) => r === 'supervisor'],
    ['supervisor.consent', (rel) => ({ mentorship: mentorship(rel, 'active') }), (_r, rel) => rel === 'member'],
    ['supervisor.escalate', (rel) => ({ mentorship: mentorship(rel, 'active') }), (_r, rel) => rel === 'supporter'],
  ];
  for (const [action, object, allowed] of cases) {
    it(`${action} ${JSON.stringify(object('outsider'))}`, () => {
      for (const roles of ROLES) {
        for (const rel of RELATIONS) {
          expect(mentoringPolicy.can(actor(roles), action, object(rel)), `${name(roles)} as ${rel}`).toBe(allowed(name(roles), rel));
        }
      }
      expect(mentoringPolicy.can(null, action, object('member'))).toBe(false);
    });
  }

  it('handover steps belong to one person each: the colleague answers, the member consents, the proposer cancels', () => {
    const h = (status: string) => ({ handover: { fromSupporterId: 'from', toSupporterId: 'to', memberId: 'mem', status } });
    const as = (userId: string, roles: Role[] = ['member', 'peer_supporter']): Actor => ({ ...actor(roles), userId });
    expect(mentoringPolicy.can(as('to'), 'handover.accept', h('proposed'))).toBe(true);
    expect(mentoringPolicy.can(as('to', ['member']), 'handover.accept', h('proposed'))).toBe(false);
    expect(mentoringPolicy.can(as('to'), 'handover.accept', h('accepted_by_supporter'))).toBe(false);
    expect(mentoringPolicy.can(as('from'), 'handover.accept', h('proposed'))).toBe(false);
    expect(mentoringPolicy.can(as('mem', ['member']), 'handover.consent', h('accepted_by_supporter'))).toBe(true);
    expect(mentoringPolicy.can(as('mem', ['member']), 'handover.consent', h('proposed'))).toBe(false);
    expect(mentoringPolicy.can(as('to'), 'handover.consent', h('accepted_by_supporter'))).toBe(false);
    expect(mentoringPolicy.can(as('from'), 'handover.cancel', h('accepted_by_supporter'))).toBe(true);
    expect(mentoringPolicy.can(as('from'), 'handover.cancel', h('consented'))).toBe(false);
    expect(mentoringPolicy.can(as('mem'), 'handover.cancel', h('proposed'))).toBe(false);
  });
});
