import { randomBytes } from 'node:crypto';
import type { KindredApp } from '../src/server/app.js';
import { buildUser, ensureAdmin, type BuiltUser } from './factories.js';

/** The admin makes `supervisor` the supporter's supervisor, through the real route. */
export async function assignSupervisor(app: KindredApp, supporter: { id: string }, supervisor: { id: string }): Promise<void> {
  const admin = await ensureAdmin(app);
  const res = await admin.client.put(`/api/supervision/assignments/${supporter.id}`, { supervisorId: supervisor.id });
  if (res.statusCode !== 200) throw new Error(`assign supervisor: ${res.statusCode} ${res.body}`);
}

const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '00:00', end: '24:00' }));

/**
 * A peer supporter (made, or given) with a supporter profile in a language pool of its own
 * (matching filters on language, so no other test's supporter takes the request), matched with a
 * new member through the real request and accept routes.
 */
export async function matchedPair(app: KindredApp, opts: { supporter?: BuiltUser; capacity?: number } = {}) {
  const lang = `en-x${randomBytes(3).toString('hex')}`;
  const supporter = opts.supporter ?? (await buildUser(app, { roles: ['peer_supporter'] }));
  const profile = await supporter.client.put('/api/mentoring/supporter-profile', {
    experienceTags: ['anxiety'],
    languages: [lang],
    timeZone: 'Europe/London',
    availability: ALL_WEEK,
    capacity: opts.capacity ?? 3,
  });
  if (profile.statusCode !== 200) throw new Error(`profile: ${profile.statusCode} ${profile.body}`);
  const member = await buildUser(app, { region: 'GB' });
  const asked = await member.client.post('/api/mentoring/requests', { topic: 'I would like to talk about exam stress.', preferences: { languages: [lang] } });
  if (asked.statusCode !== 201) throw new Error(`request: ${asked.statusCode} ${asked.body}`);
  const accepted = await supporter.client.post(`/api/mentoring/offers/${asked.json().request.id}/accept`);
  if (accepted.statusCode !== 200) throw new Error(`accept: ${accepted.statusCode} ${accepted.body}`);
  return { supporter, member, mentorshipId: accepted.json().id as string };
}
