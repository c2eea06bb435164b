import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useInvite } from './circles/api.js';
import { useWriteStrategy } from './library/api.js';
import { useAskForSupport } from './mentoring/api.js';

/**
 * The create hooks that took a clientId last (ADR 042, amendment 2026-11-27), as the browser runs
 * them, against a stand-in for `fetch` (the server's side is tested for real in
 * test/api/idempotent-creates-more.test.ts): sent again after a 503 or a network error they carry
 * the same clientId; the next one after a success a new one.
 */
function hookOf<H>(use: () => H): H {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  let hook: H | null = null;
  function Probe() {
    hook = use();
    return null;
  }
  renderToString(createElement(QueryClientProvider, { client }, createElement(Probe)));
  return hook!;
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

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
  afterEach(() => vi.unstubAllGlobals());

  it('carries the same clientId after a 503 and a network error, and a new one after a success', async () => {
    const sent: string[] = [];
    const answers: (() => Response)[] = [
      () => json(503, { error: { code: 'unavailable', message: 'Try again in a moment.' } }),
      () => {
        throw new TypeError('Failed to fetch');
      },
      () => json(201, c.answer),
      () => json(201, c.answer),
    ];
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      if (url === '/api/auth/csrf') return json(200, { token: 'csrf' });
      sent.push((JSON.parse(String(init?.body)) as { clientId: string }).clientId);
      return answers.shift()!();
    });
    const hook = c.mutate();
    const input = c.input as never;
    await expect(hook.mutateAsync(input)).rejects.toMatchObject({ status: 503 });
    await expect(hook.mutateAsync(input)).rejects.toMatchObject({ code: 'network' });
    await hook.mutateAsync(input);
    await hook.mutateAsync(input);
    expect(sent).toHaveLength(4);
    expect(sent[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[1]).toBe(sent[0]);
    expect(sent[2]).toBe(sent[0]);
    expect(sent[3]).not.toBe(sent[0]);
  });
});
