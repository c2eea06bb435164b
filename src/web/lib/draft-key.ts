import { useRef } from 'react';

/** A random UUID (v4) also where crypto.randomUUID is missing (plain-HTTP deployments). */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * One idempotency key per draft (ADR 042). The same request sent again — Post pressed again after
 * a 503, a network error or an answer that never came — carries the same key, so the server stores
 * it once and answers with the first; a changed draft is a new request with a new key (the server
 * refuses one key for two different requests), and so is the next draft after a success.
 *
 * A success forgets only its own key: with A still in flight the person may edit and send B; A's
 * answer must not drop B's key, or a retry of B would carry a new key and could be stored twice.
 */
export class DraftKey {
  private current: { key: string; request: string } | null = null;

  constructor(private readonly make: () => string = newClientId) {}

  /** The key for this request: kept while the request stays the same, new when it changed. */
  for(request: unknown): string {
    const asked = JSON.stringify(request);
    if (this.current?.request !== asked) this.current = { key: this.make(), request: asked };
    return this.current.key;
  }

  /** The request sent with `key` was stored: the next one is a new draft, unless the draft already moved on. */
  sent(key: string): void {
    if (this.current?.key === key) this.current = null;
  }

  /** Sends `request` with its key (`post`), and forgets that key once it was stored. */
  async send<T>(request: unknown, post: (clientId: string) => Promise<T>): Promise<T> {
    const key = this.for(request);
    const answer = await post(key);
    this.sent(key);
    return answer;
  }
}

/** A component's (or a mutation hook's) DraftKey, kept across renders. */
export function useDraftKey(): DraftKey {
  const ref = useRef<DraftKey | null>(null);
  ref.current ??= new DraftKey();
  return ref.current;
}
