import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerMessage } from '../../src/contracts/events.js';
import { HttpSession, signUp, startServerProcess, type HttpResult } from '../server-process.js';

/**
 * SIGTERM on the real server process: requests already being handled finish with 2xx, open
 * WebSockets get the `reconnect` hint and then close 1012, the process exits 0, and a new
 * process on the same database has every write that was acknowledged.
 */
describe('graceful restart (real server process, SQLite file)', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  it('finishes in-flight requests, sends sockets a reconnect hint and close 1012, exits 0, and loses no acknowledged write', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindred-graceful-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const server = await startServerProcess(dir);
    cleanups.push(() => server.kill());

    const author = await signUp(server.baseURL, 'gr_author');
    const spaces = (await author.session.get('/api/spaces')).body as { spaces: { id: string; slug: string }[] };
    const space = spaces.spaces.find((s) => s.slug === 'anxiety')!;
    const thread = await author.session.post(`/api/spaces/${space.id}/threads`, { kind: 'story', title: 'Small steps this week', body: 'I managed a short walk most mornings.' });
    expect(thread.status).toBe(201);
    const threadId = (thread.body as { thread: { id: string } }).thread.id;

    // A real WebSocket, subscribed to the thread.
    const messages: ServerMessage[] = [];
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/realtime`, { headers: { cookie: author.session.cookieHeader } });
    const closed = new Promise<{ code: number; reason: string; messagesBefore: number }>((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString(), messagesBefore: messages.length })),
    );
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const subscribed = new Promise<void>((resolve) =>
      ws.on('message', (raw) => {
        const msg = JSON.parse(String(raw)) as ServerMessage;
        messages.push(msg);
        if (msg.type === 'subscribed') resolve();
      }),
    );
    ws.send(JSON.stringify({ type: 'subscribe', room: `thread:${threadId}` }));
    await subscribed;

    // In flight at SIGTERM: sign-ins (each a memory-hard Argon2id hash, the slowest honest request
    // there is) and replies, all sent at once. Each is a write when it succeeds (a session, a post).
    const before = server.output().length;
    const signIns = Array.from({ length: 10 }, () => new HttpSession(server.baseURL).post('/api/auth/sign-in', { handle: author.handle, password: author.password }));
    const replies = Array.from({ length: 10 }, (_, i) => author.session.post(`/api/threads/${threadId}/posts`, { body: `Reply number ${i} sent just before the restart.` }));
    const all: Promise<HttpResult>[] = [...signIns, ...replies];

    // Wait until the server has started handling every sign-in, so each is truly in flight.
    const started = () => server.output().slice(before).split('\n').filter((l) => l.includes('"incoming request"') && l.includes('/api/auth/sign-in')).length;
    while (started() < signIns.length) await new Promise((r) => setTimeout(r, 5));
    server.child.kill('SIGTERM');

    // The reconnect hint comes first, then the close with 1012 (service restart).
    const close = await closed;
    expect(close.code).toBe(1012);
    expect(messages.at(-1)).toEqual({ type: 'reconnect', afterMs: expect.any(Number) });
    expect(close.messagesBefore).toBe(messages.length);

    // New connections are no longer served while the old requests finish.
    const late = await fetch(`${server.baseURL}/api/health`).then(
      (r) => r.status,
      () => 'refused' as const,
    );
    expect([503, 'refused']).toContain(late);

    const results = await Promise.all(all);
    expect(results.map((r) => r.status)).toEqual([...signIns.map(() => 200), ...replies.map(() => 201)]);
    const exit = await server.exited;
    expect(exit).toEqual({ code: 0, signal: null });

    // The requests really were in flight: the server finished some of them after it began shutting down.
    const log = server.logLines();
    const shutdownAt = log.findIndex((l) => l.msg === 'shutting down');
    expect(shutdownAt).toBeGreaterThan(-1);
    expect(log.slice(shutdownAt).filter((l) => l.msg === 'request completed').length).toBeGreaterThan(0);
    expect(log.some((l) => l.msg === 'shut down cleanly')).toBe(true);
    // Nothing had to be cut off: finished keep-alive connections closed at once, not at the grace limit.
    expect(log.some((l) => String(l.msg).includes('grace period'))).toBe(false);

    // A new process on the same database has every acknowledged write.
    const restarted = await startServerProcess(dir);
    cleanups.push(() => restarted.kill());
    const reader = new HttpSession(restarted.baseURL);
    expect((await reader.post('/api/auth/sign-in', { handle: author.handle, password: author.password })).status).toBe(200);
    const page = (await reader.get(`/api/threads/${threadId}/posts?limit=50`)).body as { posts: { id: string }[] };
    const replyIds = results.slice(signIns.length).map((r) => (r.body as { post: { id: string } }).post.id);
    const ids = new Set(page.posts.map((p) => p.id));
    for (const id of replyIds) expect(ids.has(id)).toBe(true);
    const sessions = (await reader.get('/api/me/sessions')).body as { sessions: unknown[] };
    // The sign-up's session, the ten sign-ins, and this reader's own.
    expect(sessions.sessions.length).toBe(1 + signIns.length + 1);

    restarted.child.kill('SIGTERM');
    expect(await restarted.exited).toEqual({ code: 0, signal: null });
  }, 60_000); // two process starts: generous on a busy machine, never a timing assertion
});
