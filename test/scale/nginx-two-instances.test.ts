import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerMessage } from '../../src/contracts/events.js';
import { ensurePostgresSchema } from '../../src/server/platform/db.js';
import { nginxBin, startNginx } from '../nginx.js';

/**
 * Two real server processes (`node --import tsx src/server/main.ts`, production mode) on one
 * PostgreSQL schema and one Redis, behind a real nginx running deploy/nginx.conf (only its ports
 * changed). Proves what docs/scaling.md promises: a session moves between instances without
 * signing in again, and a live event caused on one instance reaches a WebSocket on the other.
 *
 * Opt-in (it starts three processes): KINDRED_NGINX_TEST=1, with TEST_DATABASE_URL,
 * TEST_REDIS_URL and nginx at /usr/sbin/nginx (Debian's nginx-light; NGINX_PATH overrides).
 * CI sets all of them. Once asked for, a missing piece fails the test instead of skipping it.
 */
const requested = process.env.KINDRED_NGINX_TEST === '1';
const rootDir = path.resolve(import.meta.dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

interface Proc {
  child: ChildProcess;
  output: () => string;
}

function watch(child: ChildProcess): Proc {
  let out = '';
  const keep = (b: Buffer) => (out = (out + b.toString()).slice(-6000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { child, output: () => out };
}

async function stopProcess(p: Proc | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    p.child.once('exit', () => resolve());
    p.child.kill(signal);
    setTimeout(() => p.child.kill('SIGKILL'), 10_000).unref();
  });
}

async function waitHealthy(url: string, proc: Proc, what: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`${what} exited early (${proc.child.exitCode}):\n${proc.output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${what} did not answer ${url} in time:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** One browser's worth of state: cookies (session + CSRF secret) and the CSRF token, through nginx only. */
class Browser {
  private readonly jar = new Map<string, string>();
  private csrf = '';
  /** Which instance answered each request (x-kindred-instance). */
  readonly served: { method: string; path: string; status: number; instance: string }[] = [];

  constructor(private readonly base: string) {}

  get cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** `T`: the shape of the answer the caller expects (checked by the assertions that read it). */
  async request<T = unknown>(method: string, urlPath: string, body?: unknown): Promise<{ status: number; json: T; instance: string }> {
    if (method !== 'GET' && !this.csrf) this.csrf = (await this.request<{ token: string }>('GET', '/api/auth/csrf')).json.token;
    const res = await fetch(this.base + urlPath, {
      method,
      headers: {
        cookie: this.cookieHeader,
        ...(method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      this.jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    const text = await res.text();
    const instance = res.headers.get('x-kindred-instance') ?? '(none)';
    this.served.push({ method, path: urlPath, status: res.status, instance });
    return { status: res.status, json: (text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T, instance };
  }

  instancesFor(method: string, status: number): Set<string> {
    return new Set(this.served.filter((s) => s.method === method && s.status === status).map((s) => s.instance));
  }
}

/** A real WebSocket through nginx; `instance` is the x-kindred-instance of its handshake. */
async function openSocket(wsUrl: string, cookie: string): Promise<{ ws: WebSocket; instance: string; messages: ServerMessage[]; next: (match: (m: ServerMessage) => boolean) => Promise<ServerMessage> }> {
  const ws = new WebSocket(wsUrl, { headers: { cookie } });
  const messages: ServerMessage[] = [];
  let waiters: { match: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];
  ws.on('message', (raw) => {
    const msg = JSON.parse(String(raw)) as ServerMessage;
    messages.push(msg);
    waiters = waiters.filter((w) => (w.match(msg) ? (w.resolve(msg), false) : true));
  });
  const instance = await new Promise<string>((resolve, reject) => {
    let fromHandshake = '(none)';
    ws.once('upgrade', (res) => (fromHandshake = String(res.headers['x-kindred-instance'] ?? '(none)')));
    ws.once('open', () => resolve(fromHandshake));
    ws.once('error', reject);
  });
  const next = (match: (m: ServerMessage) => boolean) => {
    const seen = messages.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise<ServerMessage>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching message on the socket held by ${instance}; got ${JSON.stringify(messages)}`)), 10_000);
      waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  };
  return { ws, instance, messages, next };
}

const title = requested
  ? 'two instances behind nginx (PostgreSQL + Redis)'
  : 'two instances behind nginx (skipped: set KINDRED_NGINX_TEST=1 with TEST_DATABASE_URL, TEST_REDIS_URL and nginx installed; CI does)';

describe.skipIf(!requested)(title, () => {
  let dir = '';
  const servers: Proc[] = [];
  let nginx: Proc | undefined;
  let base = '';

  beforeAll(async () => {
    const databaseUrl = process.env.TEST_DATABASE_URL;
    const redisUrl = process.env.TEST_REDIS_URL;
    const missing = [
      ...(databaseUrl ? [] : ['TEST_DATABASE_URL (PostgreSQL)']),
      ...(redisUrl ? [] : ['TEST_REDIS_URL (Redis)']),
      ...(fs.existsSync(nginxBin) ? [] : [`nginx at ${nginxBin} (apt-get install nginx-light)`]),
    ];
    if (missing.length) throw new Error(`KINDRED_NGINX_TEST=1 but this machine lacks: ${missing.join(', ')}`);

    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindred-nginx-'));
    // A fresh schema, dropped with the run's other test schemas by test/global-setup.ts.
    const schema = `t_${inject('testRunId')}_nginx`;
    await ensurePostgresSchema(databaseUrl!, schema);
    const sharedEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      DATABASE_URL: `${databaseUrl}${databaseUrl!.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      REDIS_URL: redisUrl,
      // Same secret on every instance: the session and CSRF cookies are signed with keys derived from it.
      KINDRED_SECRET: randomBytes(36).toString('base64url'),
      KINDRED_KEY_FILE: path.join(dir, 'unused.key'),
      TRUST_PROXY: 'true',
      LOG_LEVEL: 'warn',
    };
    const ports: [number, number] = [await freePort(), await freePort()];
    // One after the other: the first runs the migrations (and builds the web app if dist/web is missing).
    for (const [i, id] of (['a', 'b'] as const).entries()) {
      const server = watch(spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { cwd: rootDir, env: { ...sharedEnv, PORT: String(ports[i]), KINDRED_INSTANCE_ID: id }, stdio: ['ignore', 'pipe', 'pipe'] }));
      servers.push(server);
      await waitHealthy(`http://127.0.0.1:${ports[i]}/api/ready`, server, `instance ${id}`);
    }

    const listenPort = await freePort();
    nginx = watch(startNginx(dir, listenPort, ports));
    base = `http://127.0.0.1:${listenPort}`;
    await waitHealthy(`${base}/api/health`, nginx, 'nginx', 20_000);
  }, 240_000);

  afterAll(async () => {
    // SIGQUIT: nginx's graceful stop; then the instances, as a deployment would.
    await stopProcess(nginx, 'SIGQUIT');
    await Promise.all(servers.map((s) => stopProcess(s)));
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('keeps one session signed in on both instances, reads and writes, without signing in again', async () => {
    const browser = new Browser(base);
    const handle = `nginx_${randomBytes(4).toString('hex')}`;
    const signUp = await browser.request('POST', '/api/auth/sign-up', { handle, password: `pw-${randomBytes(8).toString('hex')}`, ageConfirmed: true });
    expect(signUp.status, JSON.stringify(signUp.json)).toBe(201);
    const signedUpOn = signUp.instance;

    // nginx balances round-robin, so consecutive requests alternate between the instances.
    for (let i = 0; i < 4; i++) {
      const me = await browser.request<{ handle: string }>('GET', '/api/me');
      expect(me.status).toBe(200);
      expect(me.json.handle).toBe(handle);
    }
    // State changes too: the CSRF token and its signed cookie come from one instance, are checked by either.
    for (let i = 0; i < 4; i++) expect((await browser.request('PUT', '/api/me/content-warnings', { prefs: {} })).status).toBe(200);

    expect(browser.instancesFor('GET', 200)).toEqual(new Set(['a', 'b']));
    expect(browser.instancesFor('PUT', 200)).toEqual(new Set(['a', 'b']));
    expect(['a', 'b']).toContain(signedUpOn);
    // Not one request was refused: there was no second sign-in, and no sticky routing either.
    expect(browser.served.filter((s) => s.status >= 400)).toEqual([]);
    expect(browser.served.filter((s) => s.path === '/api/auth/sign-in')).toEqual([]);
  });

  it('delivers a reply written on one instance to a WebSocket held by the other', async () => {
    const author = new Browser(base);
    const replier = new Browser(base);
    for (const [b, name] of [[author, 'author'], [replier, 'replier']] as const) {
      const res = await b.request('POST', '/api/auth/sign-up', { handle: `${name}_${randomBytes(4).toString('hex')}`, password: `pw-${randomBytes(8).toString('hex')}`, ageConfirmed: true });
      expect(res.status, JSON.stringify(res.json)).toBe(201);
    }
    const space = (await author.request<{ spaces: { id: string }[] }>('GET', '/api/spaces')).json.spaces[0]!.id;
    const thread = await author.request<{ thread: { id: string } }>('POST', `/api/spaces/${space}/threads`, { kind: 'story', title: 'Across two instances', body: 'Written through nginx.' });
    expect(thread.status, JSON.stringify(thread.json)).toBe(201);
    const threadId = thread.json.thread.id;

    // Two tabs of the author, one on each instance (round-robin puts consecutive handshakes apart).
    const wsUrl = `${base.replace('http', 'ws')}/api/realtime`;
    const sockets: Awaited<ReturnType<typeof openSocket>>[] = [];
    try {
      for (let i = 0; i < 6 && new Set(sockets.map((s) => s.instance)).size < 2; i++) sockets.push(await openSocket(wsUrl, author.cookieHeader));
      const onA = sockets.find((s) => s.instance === 'a');
      const onB = sockets.find((s) => s.instance === 'b');
      expect(onA && onB, `handshakes answered by ${sockets.map((s) => s.instance).join(', ')}`).toBeTruthy();
      for (const s of [onA!, onB!]) {
        s.ws.send(JSON.stringify({ type: 'subscribe', room: `thread:${threadId}` }));
        expect(await s.next((m) => m.type === 'subscribed' || m.type === 'denied')).toMatchObject({ type: 'subscribed', room: `thread:${threadId}` });
      }

      const reply = await replier.request<{ post: { id: string } }>('POST', `/api/threads/${threadId}/posts`, { body: 'A reply that travels through Redis.' });
      expect(reply.status, JSON.stringify(reply.json)).toBe(201);
      const postId = reply.json.post.id;
      // The socket on the instance that did NOT serve the write: only Redis can have brought it the event.
      const other = reply.instance === 'a' ? onB! : onA!;
      expect(other.instance).not.toBe(reply.instance);
      const crossed = await other.next((m) => m.type === 'event' && m.event.type === 'community.post_created');
      expect(crossed).toMatchObject({ room: `thread:${threadId}`, event: { data: { post: { id: postId } } } });
      // And the author's notification, in the author's own room, on the other instance as well.
      const note = await other.next((m) => m.type === 'event' && m.event.type === 'notification.created');
      expect(note).toMatchObject({ event: { data: { notification: { kind: 'reply' } } } });
    } finally {
      for (const s of sockets) s.ws.close();
    }
  });

  it('serves the web app through nginx, its scripts compressed and the build manifest not at all', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const entry = /<script type="module"[^>]*src="([^"]+)"/.exec(html)?.[1];
    expect(entry, html).toBeTruthy();
    const script = await fetch(base + entry!, { headers: { 'accept-encoding': 'gzip' } });
    expect(script.status).toBe(200);
    expect(script.headers.get('content-encoding')).toBe('gzip');
    // API answers are never compressed (BREACH: CSRF tokens beside text a visitor can influence).
    const csrf = await fetch(`${base}/api/auth/csrf`, { headers: { 'accept-encoding': 'gzip' } });
    expect(csrf.headers.get('content-encoding')).toBeNull();
    expect((await fetch(`${base}/.vite/manifest.json`)).status).toBe(404);
  });
});
