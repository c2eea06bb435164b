import type { LightMyRequestResponse } from 'fastify';
import type { KindredApp } from '../src/server/app.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A browser-like client over `app.inject`: keeps cookies, fetches and sends the CSRF token,
 * so API tests exercise the same protections a browser goes through.
 */
export class TestClient {
  private readonly cookies = new Map<string, string>();
  private csrf: string | null = null;
  constructor(
    readonly app: KindredApp,
    readonly ip = '127.0.0.1',
  ) {}

  get cookieHeader(): string {
    // Send values encoded, as a browser sends back the Set-Cookie bytes it was given.
    return [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; ");
  }

  sessionToken(): string | undefined {
    return this.cookies.get('kindred_session');
  }

  private absorb(res: LightMyRequestResponse): void {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  async csrfToken(): Promise<string> {
    if (!this.csrf) {
      const res = await this.app.inject({ method: 'GET', url: '/api/auth/csrf', headers: { cookie: this.cookieHeader }, remoteAddress: this.ip });
      this.absorb(res);
      this.csrf = (res.json() as { token: string }).token;
    }
    return this.csrf;
  }

  async request(method: Method, url: string, body?: unknown, opts: { csrf?: boolean; rawBody?: string; headers?: Record<string, string> } = {}) {
    const csrf = method !== 'GET' && opts.csrf !== false ? await this.csrfToken() : null;
    const headers: Record<string, string> = { cookie: this.cookieHeader, 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0', ...opts.headers };
    if (csrf) headers['x-csrf-token'] = csrf;
    let payload: string | undefined;
    if (opts.rawBody !== undefined) {
      payload = opts.rawBody;
      headers['content-type'] ??= 'application/json';
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const res = await this.app.inject({ method, url, headers, remoteAddress: this.ip, ...(payload !== undefined ? { payload } : {}) });
    this.absorb(res);
    return res;
  }

  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: unknown, opts?: Parameters<TestClient['request']>[3]) {
    return this.request('POST', url, body, opts);
  }
  put(url: string, body?: unknown) {
    return this.request('PUT', url, body);
  }
  patch(url: string, body?: unknown) {
    return this.request('PATCH', url, body);
  }
  delete(url: string) {
    return this.request('DELETE', url);
  }
}
