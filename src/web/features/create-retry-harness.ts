import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { expect, vi } from 'vitest';

/**
 * Test-only harness for the create hooks that carry a clientId (ADR 042): create-retry.test.ts
 * (the reply) and create-retry-more.test.ts (the hooks that took one later) drive their hooks
 * through it, so both press "send" again the same way.
 */

/** What `use` returns, rendered once as the browser would (mutations not retried: the test sends again itself). */
export function hookOf<H>(use: () => H): H {
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

export interface SentFourTimes {
  /** The clientId of each send, in order. */
  clientIds: string[];
  /** What the third and fourth sends resolved to. */
  succeeded: unknown[];
}

/**
 * Sends `input` four times through `mutation` against a stand-in for `fetch` (the browser's network;
 * the server's side of a repeated clientId is tested for real in the API tests) that answers a 503,
 * then fails as a dropped connection does, then `created[0]`, then `created[1]`. The first two sends
 * must reject as the 503 and the network error they met. `fetch` is restored afterwards.
 */
export async function sendFourTimes<I>(mutation: { mutateAsync(input: I): Promise<unknown> }, input: I, created: [unknown, unknown]): Promise<SentFourTimes> {
  const clientIds: string[] = [];
  const answers: (() => Response)[] = [
    () => json(503, { error: { code: 'unavailable', message: 'Try again in a moment.' } }),
    () => {
      throw new TypeError('Failed to fetch');
    },
    () => json(201, created[0]),
    () => json(201, created[1]),
  ];
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    if (url === '/api/auth/csrf') return json(200, { token: 'csrf' });
    clientIds.push((JSON.parse(String(init?.body)) as { clientId: string }).clientId);
    return answers.shift()!();
  });
  try {
    await expect(mutation.mutateAsync(input)).rejects.toMatchObject({ status: 503 });
    await expect(mutation.mutateAsync(input)).rejects.toMatchObject({ code: 'network' });
    const succeeded = [await mutation.mutateAsync(input), await mutation.mutateAsync(input)];
    return { clientIds, succeeded };
  } finally {
    vi.unstubAllGlobals();
  }
}
