import { describe, expect, it } from 'vitest';
import { DraftKey, newClientId } from './draft-key.js';
import { ClientId } from '../../contracts/common.js';

// ADR 042: the web client's side of "a retried post is stored once" (the server's is tested in
// src/server/modules/communities/idempotent-writes.routes.test.ts).
describe('DraftKey', () => {
  it('keeps one key while the same request is sent again (a retry after a 503 or a lost answer)', () => {
    const draft = new DraftKey();
    const first = draft.for({ threadId: 't1', body: 'Thank you for this.', anonymous: false });
    expect(draft.for({ threadId: 't1', body: 'Thank you for this.', anonymous: false })).toBe(first);
    expect(ClientId.safeParse(first).success).toBe(true);
  });

  it('makes a new key for a changed draft, and for the next draft after a success', () => {
    let n = 0;
    const draft = new DraftKey(() => `key-${String(++n).padStart(16, '0')}`);
    const first = draft.for({ body: 'one' });
    const changed = draft.for({ body: 'one, edited' });
    expect(changed).not.toBe(first);
    draft.sent(changed);
    // The same words again after a success are a new post, not a retry.
    expect(draft.for({ body: 'one, edited' })).not.toBe(changed);
  });

  it('keeps a newer draft’s key when an earlier send succeeds late (A in flight, B sent, A answered)', async () => {
    let n = 0;
    const draft = new DraftKey(() => `key-${String(++n).padStart(16, '0')}`);
    let answerA!: () => void;
    const sentA = draft.send({ body: 'A' }, () => new Promise<void>((resolve) => (answerA = resolve)));
    const keyB = draft.for({ body: 'B' });
    // B's answer is lost; then A's answer comes.
    await expect(draft.send({ body: 'B' }, () => Promise.reject(new Error('network')))).rejects.toThrow('network');
    answerA();
    await sentA;
    // Retrying B is the same request: the same key, so the server stores it once.
    expect(draft.for({ body: 'B' })).toBe(keyB);
    await draft.send({ body: 'B' }, async () => undefined);
    expect(draft.for({ body: 'B' })).not.toBe(keyB);
  });

  it('makes keys the server accepts, with or without crypto.randomUUID', () => {
    expect(ClientId.safeParse(newClientId()).success).toBe(true);
    const randomUUID = crypto.randomUUID;
    try {
      Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
      const fallback = newClientId();
      expect(fallback).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(ClientId.safeParse(fallback).success).toBe(true);
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: randomUUID, configurable: true });
    }
  });
});
