import { describe, expect, it } from 'vitest';
import { useInvite } from './circles/api.js';
import { hookOf, sendFourTimes } from './create-retry-harness.js';
import { useCreateGoal, useJoinProgram, useLogProgress, useReportMessage, useRequestSupervisor } from './groups/api.js';
import { useSuggestResource, useWriteStrategy } from './library/api.js';
import { useAskForSupport, useEscalate, useProposeHandover, useReportMentorship } from './mentoring/api.js';
import { useAddNote as useAddAlertNote } from './supervision/api.js';
import { useAddCoaching, useAddNote as useAddSupervisionNote, useCheckIn, useRequestSupervision, useSendMessage } from './supervision/supervision-api.js';
import { usePractise } from './training/api.js';

/**
 * The create hooks that took a clientId last (ADR 042, amendment 2026-11-27), as the browser runs
 * them, against a stand-in for `fetch` (the server's side is tested for real in
 * test/api/idempotent-creates-more.test.ts and idempotent-creates-rest.test.ts): sent again after a
 * 503 or a network error they carry the same clientId; the next one after a success a new one.
 */
const ID = '0190b2c4-0000-7000-8000-000000000001';

interface Case {
  name: string;
  mutate(): { mutateAsync(v: never): Promise<unknown> };
  input: unknown;
  answer: unknown;
}

const CASES: Case[] = [
  { name: 'a support request', mutate: () => hookOf(() => useAskForSupport(() => undefined)) as never, input: { topic: 'Exam stress', preferences: { experienceTags: [], languages: [], supporterGender: null, timeZoneOverlap: false } }, answer: { request: { id: 'r1' }, notice: null } },
  { name: 'a coping strategy', mutate: () => hookOf(() => useWriteStrategy()) as never, input: { title: 'Box breathing', steps: ['Breathe in for four'], whenItHelps: 'Before an exam' }, answer: { strategy: { id: 's1' }, safety: null } },
  { name: 'a circle invitation', mutate: () => hookOf(() => useInvite(ID)) as never, input: 72, answer: { id: 'i1', token: 't', path: '/circles/join#t' } },
  { name: 'a suggested resource', mutate: () => hookOf(() => useSuggestResource()) as never, input: { kind: 'hotline', name: 'Night line', region: 'GB', languages: ['en'], cost: 'free', phone: '0800 000 000', description: 'Listening through the night.' }, answer: { resource: { id: 'r1' }, safety: null } },
  { name: 'a request to join a program', mutate: () => hookOf(() => useJoinProgram()) as never, input: { id: ID, note: 'I would like to join.' }, answer: { membership: 'pending' } },
  { name: 'a report of a group message', mutate: () => hookOf(() => useReportMessage(ID)) as never, input: { messageId: ID, reason: 'spam' }, answer: { id: 'rep1' } },
  { name: 'a group goal', mutate: () => hookOf(() => useCreateGoal(ID)) as never, input: { title: 'Walk', targetPerMember: 3, unit: 'walks', endsOn: null }, answer: { id: 'g1' } },
  { name: 'a report of a mentorship', mutate: () => hookOf(() => useReportMentorship(ID)) as never, input: { reason: 'inappropriate' }, answer: { id: 'mr1', notice: null } },
  { name: 'a note on a safety alert', mutate: () => hookOf(() => useAddAlertNote(ID)) as never, input: 'Called them back.', answer: { ok: true } },
  { name: 'a supervisor’s note', mutate: () => hookOf(() => useAddSupervisionNote(ID)) as never, input: 'Spoke about boundaries.', answer: { note: { id: 'n1' }, safety: null } },
  { name: 'a supervision check-in', mutate: () => hookOf(() => useCheckIn()) as never, input: { energy: 2, manageable: 3, supported: 2 }, answer: { checkin: { id: 'c1' }, safety: null, supervisorTold: false } },
  { name: 'a request for supervision', mutate: () => hookOf(() => useRequestSupervision()) as never, input: 'Can we talk today?', answer: { request: { id: 'q1' }, message: { id: 'm1' }, safety: null } },
  { name: 'a message in a supervision request', mutate: () => hookOf(() => useSendMessage(ID)) as never, input: 'Yes, at four.', answer: { request: { id: 'q1' }, message: { id: 'm2' }, safety: null } },
  { name: 'a coaching note', mutate: () => hookOf(() => useAddCoaching(ID)) as never, input: { itemKind: 'post', itemId: ID, body: 'Lovely reflection here.' }, answer: { note: { id: 'cn1' }, safety: null } },
  { name: 'a mentorship handover', mutate: () => hookOf(() => useProposeHandover(ID)) as never, input: { toSupporterId: ID, note: 'They would like evening hours.' }, answer: { handover: { id: 'h1' }, notice: null } },
  { name: 'a mentorship escalation', mutate: () => hookOf(() => useEscalate(ID)) as never, input: { note: 'They mentioned not feeling safe.' }, answer: { mentorship: { id: ID }, notice: null } },
  { name: 'group goal progress', mutate: () => hookOf(() => useLogProgress(ID)) as never, input: { goalId: ID, amount: 1, visibility: 'private' }, answer: { id: ID } },
  { name: 'a request to bring in a supervisor', mutate: () => hookOf(() => useRequestSupervisor(ID)) as never, input: { userId: ID, note: 'Please check in with them.' }, answer: { id: 'sr1', alertId: null } },
  { name: 'a training practice reply', mutate: () => hookOf(() => usePractise('listening', 'first-post')) as never, input: 'That sounds really hard.', answer: { practice: { id: 'p1' } } },
];

describe.each(CASES)('$name sent again', (c) => {
  it('carries the same clientId after a 503 and a network error, and a new one after a success', async () => {
    const { clientIds: sent } = await sendFourTimes(c.mutate(), c.input as never, [c.answer, c.answer]);
    expect(sent).toHaveLength(4);
    expect(sent[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[1]).toBe(sent[0]);
    expect(sent[2]).toBe(sent[0]);
    expect(sent[3]).not.toBe(sent[0]);
  });
});
