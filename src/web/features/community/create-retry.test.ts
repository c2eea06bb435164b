import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useReply } from './api.js';

/**
 * The reply form's hook, as the browser runs it, against a stand-in for `fetch` (the browser's
 * network: the server's side of a repeated clientId is tested for real in
 * src/server/modules/communities/idempotent-writes.routes.test.ts). ADR 042: Post pressed again
 * after a 503 or a network error sends the same clientId; the next reply after a success a new one.
 */
function replyHook() {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  let hook: ReturnType<typeof useReply> | null = null;
  function Probe() {
    hook = useReply('0190b2c4-0000-7000-8000-000000000001');
    return null;
  }
  renderToString(createElement(QueryClientProvider, { client }, createElement(Probe)));
  return hook!;
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('a reply sent again', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('carries the same clientId after a 503 and a network error, and a new one after a success', async () => {
    const sent: string[] = [];
    const answers: (() => Response)[] = [
      () => json(503, { error: { code: 'unavailable', message: 'Try again in a moment.' } }),
      () => {
        throw new TypeError('Failed to fetch');
      },
      () => json(201, { post: { id: 'p1' }, safety: null }),
      () => json(201, { post: { id: 'p2' }, safety: null }),
    ];
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      if (url === '/api/auth/csrf') return json(200, { token: 'csrf' });
      sent.push((JSON.parse(String(init?.body)) as { clientId: string }).clientId);
      return answers.shift()!();
    });
    const reply = replyHook();
    const draft = { body: 'You are not alone in this.', warnings: [], anonymous: false };
    await expect(reply.mutateAsync(draft)).rejects.toMatchObject({ status: 503 });
    await expect(reply.mutateAsync(draft)).rejects.toMatchObject({ code: 'network' });
    await expect(reply.mutateAsync(draft)).resolves.toMatchObject({ post: { id: 'p1' } });
    await reply.mutateAsync(draft);
    expect(sent).toHaveLength(4);
    expect(sent[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[1]).toBe(sent[0]);
    expect(sent[2]).toBe(sent[0]);
    // The same words posted again after a success are a new reply, not a retry.
    expect(sent[3]).not.toBe(sent[0]);
  });
});
