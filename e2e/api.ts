import type { APIResponse, BrowserContext } from 'playwright-core';
import { signUpViaApi } from './harness.js';

export interface ApiResult {
  status: number;
  // The tests read a few fields of many different answers; the status is what they check first.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/**
 * The API as one browser context sees it (its cookie jar, so its session), for arranging data a
 * test needs but whose UI it is not about. Sends the CSRF token on every write.
 */
export class ContextApi {
  private csrf: string | null = null;

  constructor(readonly context: BrowserContext) {}

  async request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, data?: unknown): Promise<ApiResult> {
    const headers: Record<string, string> = {};
    if (method !== 'GET') {
      this.csrf ??= ((await (await this.context.request.get('/api/auth/csrf')).json()) as { token: string }).token;
      headers['x-csrf-token'] = this.csrf;
    }
    const res: APIResponse = await this.context.request.fetch(url, { method, headers, ...(data !== undefined ? { data } : {}) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status(), body };
  }

  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, data?: unknown) {
    return this.request('POST', url, data ?? {});
  }
  put(url: string, data?: unknown) {
    return this.request('PUT', url, data ?? {});
  }
  patch(url: string, data: unknown) {
    return this.request('PATCH', url, data);
  }

  /** Like `request`, but fails the test unless the answer is one of `ok` (2xx by default). */
  async expect(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, data?: unknown, ok: number[] = [200, 201, 202, 204]): Promise<ApiResult> {
    const res = await this.request(method, url, method === 'GET' ? undefined : (data ?? {}));
    if (!ok.includes(res.status)) throw new Error(`${method} ${url} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res;
  }
}

/** Signs `context` up as `handle` and returns its API, with the new account's id. */
export async function signUpWithApi(context: BrowserContext, handle: string, region = 'GB'): Promise<{ api: ContextApi; id: string }> {
  await signUpViaApi(context, { handle, password: `${handle} password long enough`, region });
  const api = new ContextApi(context);
  const me = await api.expect('GET', '/api/me');
  return { api, id: (me.body as { id: string }).id };
}

/**
 * Makes `supporter` a peer supporter available all week (by the admin), has `member` ask for support
 * with `topic`, and the supporter accept the offer. Returns the mentorship's id.
 */
export async function arrangeMentorship(admin: ContextApi, supporter: { api: ContextApi; id: string }, member: ContextApi, topic: string): Promise<string> {
  // Prior training recorded by the admin: the certificate, and the peer supporter role with it.
  await admin.expect('POST', '/api/admin/certificates', { userId: supporter.id, kind: 'peer_supporter', note: 'Trained before joining Kindred.' });
  await supporter.api.expect('PUT', '/api/mentoring/supporter-profile', {
    experienceTags: ['anxiety'],
    languages: ['en'],
    timeZone: 'Europe/London',
    // Every day, all day: no "outside their hours" note depends on when the test runs.
    availability: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '00:00', end: '24:00' })),
    capacity: 3,
  });
  await member.expect('POST', '/api/mentoring/requests', { topic, preferences: { experienceTags: ['anxiety'] } });
  const offers = (await supporter.api.expect('GET', '/api/mentoring/offers')).body.offers as { requestId: string }[];
  if (offers.length !== 1) throw new Error(`expected one offer for the supporter, got ${offers.length}`);
  return (await supporter.api.expect('POST', `/api/mentoring/offers/${offers[0]!.requestId}/accept`)).body.id as string;
}
