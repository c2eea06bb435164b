import { describe, expect, it } from 'vitest';
import { useInvite } from './circles/api.js';
import { hookOf, sendFourTimes } from './create-retry-harness.js';
import { useWriteStrategy } from './library/api.js';
import { useAskForSupport } from './mentoring/api.js';

/**
 * The create hooks that took a clientId last (ADR 042, amendment 2026-11-27), as the browser runs
 * them, against a stand-in for `fetch` (the server's side is tested for real in
 * test/api/idempotent-creates-more.test.ts): sent again after a 503 or a network error they carry
 * the same clientId; the next one after a success a new one.
 */
interface Case {
  name: string;
  mutate(): { mutateAsync(v: never): Promise<unknown> };
  input: unknown;
  answer: unknown;
}

const CASES: Case[] = [
  { name: 'a support request', mutate: () => hookOf(() => useAskForSupport(() => undefined)) as never, input: { topic: 'Exam stress', preferences: { experienceTags: [], languages: [], supporterGender: null, timeZoneOverlap: false } }, answer: { request: { id: 'r1' }, notice: null } },
  { name: 'a coping strategy', mutate: () => hookOf(() => useWriteStrategy()) as never, input: { title: 'Box breathing', steps: ['Breathe in for four'], whenItHelps: 'Before an exam' }, answer: { strategy: { id: 's1' }, safety: null } },
  { name: 'a circle invitation', mutate: () => hookOf(() => useInvite('0190b2c4-0000-7000-8000-000000000001')) as never, input: 72, answer: { id: 'i1', token: 't', path: '/circles/join#t' } },
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
