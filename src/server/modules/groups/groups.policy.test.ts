import { describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/accounts.js';
import type { Actor } from '../../platform/actor.js';
import type { StaffRole } from '../../platform/schema.js';
import { groupsPolicy, mayFacilitate, type GroupAction, type GroupContext } from './groups.policy.js';

const actor = (roles: Role[]): Actor => ({ userId: 'me', handle: 'me', roles, sessionId: 's', region: null });

/** Who the actor is to the object: global role × relationship. */
const PEOPLE: { name: string; roles: Role[]; ctx: GroupContext }[] = [
  { name: 'stranger', roles: ['member'], ctx: { joinPolicy: 'invitation' } },
  { name: 'program member', roles: ['member'], ctx: { programMember: true } },
  { name: 'group member (current agreement)', roles: ['member'], ctx: { programMember: true, groupMember: true, agreementCurrent: true } },
  { name: 'group member (old agreement)', roles: ['member'], ctx: { programMember: true, groupMember: true, agreementCurrent: false } },
  { name: 'muted member', roles: ['member'], ctx: { programMember: true, groupMember: true, agreementCurrent: true, muted: true } },
  { name: 'group facilitator', roles: ['member', 'facilitator'], ctx: { groupFacilitator: true, facilitatorCertified: true } },
  // Named facilitator, certificate expired or withdrawn: still in the group, no longer facilitating it.
  { name: 'lapsed facilitator', roles: ['member', 'facilitator'], ctx: { groupFacilitator: true, facilitatorCertified: false } },
  { name: 'program lead', roles: ['member'], ctx: { staffRoles: ['program_lead'] as StaffRole[] } },
  { name: 'org supervisor', roles: ['member'], ctx: { staffRoles: ['supervisor'] as StaffRole[] } },
  { name: 'global supervisor', roles: ['member', 'supervisor'], ctx: { joinPolicy: 'invitation' } },
  { name: 'admin', roles: ['member', 'admin'], ctx: { joinPolicy: 'invitation' } },
];

const EXPECTED: Record<GroupAction, string[]> = {
  'organization.manage': ['admin'],
  'program.create': ['admin'],
  'organization.read': ['program lead', 'org supervisor', 'admin'],
  'program.manage': ['program lead', 'admin'],
  'program.read': ['program member', 'group member (current agreement)', 'group member (old agreement)', 'muted member', 'program lead', 'org supervisor', 'admin'],
  'program.join': [],
  'group.read': ['program member', 'group member (current agreement)', 'group member (old agreement)', 'muted member', 'group facilitator', 'lapsed facilitator', 'program lead', 'org supervisor', 'admin'],
  'group.manage': ['program lead', 'admin'],
  'group.edit_agreement': ['group facilitator', 'program lead', 'admin'],
  'group.join': ['program member'],
  // Nobody outside the group's members and facilitators takes part in (reads) its chat: not admins, not supervisors.
  'group.take_part': ['group member (current agreement)', 'muted member', 'group facilitator', 'lapsed facilitator'],
  'group.write': ['group member (current agreement)', 'group facilitator', 'lapsed facilitator'],
  'group.facilitate': ['group facilitator'],
  'group.private_notes': ['group facilitator'],
  // An admin is the moderator of last resort: the open reports (only the reported messages, audited).
  'group.reports': ['group facilitator', 'admin'],
  // Without an open report on the message: only a facilitator removes someone else's message.
  'group.remove_message': ['group facilitator'],
  'group.dashboard': ['group facilitator', 'program lead', 'org supervisor', 'admin'],
  'supervisor_request.take': ['org supervisor', 'global supervisor', 'admin'],
};

describe('groups policy matrix (person × action)', () => {
  for (const [action, allowed] of Object.entries(EXPECTED) as [GroupAction, string[]][]) {
    it(action, () => {
      for (const p of PEOPLE) expect(groupsPolicy.can(actor(p.roles), action, p.ctx), p.name).toBe(allowed.includes(p.name));
      expect(groupsPolicy.can(null, action, { groupFacilitator: true, staffRoles: ['program_lead'] })).toBe(false);
    });
  }

  it('lets outsiders see and ask to join open and by-request programs, never invitation ones', () => {
    const someone = actor(['member']);
    expect(groupsPolicy.can(someone, 'program.read', { joinPolicy: 'open' })).toBe(true);
    expect(groupsPolicy.can(someone, 'program.join', { joinPolicy: 'request' })).toBe(true);
    expect(groupsPolicy.can(someone, 'program.read', { joinPolicy: 'invitation' })).toBe(false);
    expect(groupsPolicy.can(someone, 'program.join', { joinPolicy: 'invitation' })).toBe(false);
    expect(groupsPolicy.can(someone, 'program.join', { joinPolicy: 'open', programMember: true })).toBe(false);
  });

  it('lets an admin remove a message only while it has an open report', () => {
    const admin = actor(['member', 'admin']);
    expect(groupsPolicy.can(admin, 'group.remove_message', { messageReported: true })).toBe(true);
    expect(groupsPolicy.can(admin, 'group.remove_message', { messageReported: false })).toBe(false);
    for (const who of [actor(['member', 'supervisor']), actor(['member'])]) expect(groupsPolicy.can(who, 'group.remove_message', { messageReported: true, staffRoles: ['program_lead', 'supervisor'] })).toBe(false);
    // A lapsed facilitator does not moderate, reported or not.
    expect(groupsPolicy.can(actor(['member', 'facilitator']), 'group.remove_message', { groupFacilitator: true, facilitatorCertified: false, messageReported: true })).toBe(false);
  });

  it('counts certified facilitators and organization facilitators as facilitators, nobody else', () => {
    expect(mayFacilitate(['member', 'facilitator'], [])).toBe(true);
    expect(mayFacilitate(['member'], ['facilitator'])).toBe(true);
    expect(mayFacilitate(['member', 'supervisor', 'admin'], ['program_lead', 'supervisor'])).toBe(false);
  });
});
