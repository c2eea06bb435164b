import { describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/accounts.js';
import type { Actor } from '../../platform/actor.js';
import { trainingPolicy, type TrainingAction } from './training.policy.js';

const actor = (roles: Role[]): Actor => ({ userId: 'me', handle: 'me', roles, sessionId: 's', region: null });
const PEOPLE: Record<string, Role[]> = {
  member: ['member'],
  supporter: ['member', 'peer_supporter'],
  facilitator: ['member', 'facilitator'],
  supervisor: ['member', 'supervisor'],
  admin: ['member', 'admin'],
};

/** Who may act on someone else's training or certificate; and on their own (nobody vouches for themselves). */
const EXPECTED: Record<TrainingAction, { others: string[]; own: string[] }> = {
  'training.take': { others: ['member', 'supporter', 'facilitator', 'supervisor', 'admin'], own: ['member', 'supporter', 'facilitator', 'supervisor', 'admin'] },
  'signoff.review': { others: ['supervisor', 'admin'], own: ['supervisor', 'admin'] },
  'signoff.decide': { others: ['supervisor', 'admin'], own: [] },
  'certificates.list': { others: ['supervisor', 'admin'], own: ['supervisor', 'admin'] },
  'certificate.record_prior': { others: ['admin'], own: [] },
  'certificate.revoke': { others: ['supervisor', 'admin'], own: [] },
};

describe('training policy matrix (role × action × own/other)', () => {
  for (const [action, expected] of Object.entries(EXPECTED) as [TrainingAction, { others: string[]; own: string[] }][]) {
    it(action, () => {
      for (const [name, roles] of Object.entries(PEOPLE)) {
        expect(trainingPolicy.can(actor(roles), action, { ownerId: 'someone-else' }), `${name}, other`).toBe(expected.others.includes(name));
        expect(trainingPolicy.can(actor(roles), action, { ownerId: 'me' }), `${name}, own`).toBe(expected.own.includes(name));
      }
      expect(trainingPolicy.can(null, action, { ownerId: 'someone-else' })).toBe(false);
    });
  }

  it('signoff.decide: the trainee\'s assigned supervisor or an admin; the shared queue when they have none', () => {
    const supervisor = actor(PEOPLE.supervisor!);
    const admin = actor(PEOPLE.admin!);
    expect(trainingPolicy.can(supervisor, 'signoff.decide', { ownerId: 'trainee', supervisorId: 'me' })).toBe(true);
    expect(trainingPolicy.can(supervisor, 'signoff.decide', { ownerId: 'trainee', supervisorId: null })).toBe(true);
    expect(trainingPolicy.can(supervisor, 'signoff.decide', { ownerId: 'trainee', supervisorId: 'a-colleague' })).toBe(false);
    expect(trainingPolicy.can(admin, 'signoff.decide', { ownerId: 'trainee', supervisorId: 'a-colleague' })).toBe(true);
    expect(trainingPolicy.can(admin, 'signoff.decide', { ownerId: 'me', supervisorId: null })).toBe(false);
  });
});
