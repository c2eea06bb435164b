import { describe, expect, it } from 'vitest';
import { hookOf, sendFourTimes } from '../create-retry-harness.js';
import { useReply } from './api.js';

/**
 * The reply form's hook, as the browser runs it, against a stand-in for `fetch` (the browser's
 * network: the server's side of a repeated clientId is tested for real in
 * src/server/modules/communities/idempotent-writes.routes.test.ts). ADR 042: Post pressed again
 * after a 503 or a network error sends the same clientId; the next reply after a success a new one.
 */
describe('a reply sent again', () => {
  it('carries the same clientId after a 503 and a network error, and a new one after a success', async () => {
    const reply = hookOf(() => useReply('0190b2c4-0000-7000-8000-000000000001'));
    const draft = { body: 'You are not alone in this.', warnings: [], anonymous: false };
    const { clientIds: sent, succeeded } = await sendFourTimes(reply, draft, [
      { post: { id: 'p1' }, safety: null },
      { post: { id: 'p2' }, safety: null },
    ]);
    expect(succeeded[0]).toMatchObject({ post: { id: 'p1' } });
    expect(sent).toHaveLength(4);
    expect(sent[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[1]).toBe(sent[0]);
    expect(sent[2]).toBe(sent[0]);
    // The same words posted again after a success are a new reply, not a retry.
    expect(sent[3]).not.toBe(sent[0]);
  });
});
