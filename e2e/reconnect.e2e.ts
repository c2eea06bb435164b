/**
 * Graceful restarts in real Chromium (issue 10): a member has a thread and their one-to-one
 * conversation open in two tabs; the server is restarted as an operator does it (SIGTERM, then
 * started again on the same port and database). Each tab is told to reconnect (a `reconnect` hint,
 * then close code 1012) and says it is reconnecting. A reply and a message are posted by other
 * people while the tabs are still offline; when the tabs reconnect (with backoff) they catch up and
 * show both, without a reload. A reply posted afterwards arrives live again.
 *
 * "Still offline" is made certain, not left to timing: each tab's socket goes through a Playwright
 * route that passes every frame through unchanged, and refuses new sockets (as an unreachable
 * server would) until the test has posted. Without it the tab might reconnect before the post, and
 * the test would prove live delivery instead of catching up.
 */
import { randomUUID } from 'node:crypto';
import type { Page, WebSocketRoute } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { arrangeMentorship } from './api.js';
import { useCast } from './cast.js';
import { checkA11y, heading } from './harness.js';

const TITLE = 'Getting through the first week back at work';
const REPLY_WHILE_DOWN = 'I went back after a long break too. Small tasks first helped me.';
const MESSAGE_WHILE_DOWN = 'Hello again. I saw you had a hard week; I am here when you want to talk.';
const REPLY_AFTER = 'Checking in tomorrow morning as well, you are not alone in this.';

const THREAD_LIVE = 'New replies and reactions appear here as they happen.';
const THREAD_CONNECTING = 'Connecting live updates… New replies may appear only after a reload.';
const CHAT_LIVE = 'New messages appear here as they are sent.';

// The first account on a fresh install is the admin.
const cast = useCast({
  admin: { handle: 'organiser', region: 'GB' },
  supporter: { handle: 'steady_oak', region: 'GB' },
  member: { handle: 'river_stone', region: 'GB', locale: 'en-GB' },
  replier: { handle: 'harbour_light', region: 'GB' },
});
let threadId: string;
let mentorshipId: string;

beforeAll(async () => {
  const member = cast.api.member;
  const spaces = (await member.expect('GET', '/api/spaces')).body.spaces as { id: string; slug: string }[];
  const space = spaces.find((s) => s.slug === 'anxiety')!;
  const created = await member.expect('POST', `/api/spaces/${space.id}/threads`, {
    kind: 'question',
    title: TITLE,
    body: 'The first week back is harder than I expected. How did you pace yourselves?',
  });
  threadId = created.body.thread.id;
  mentorshipId = await arrangeMentorship(cast.api.admin, { api: cast.api.supporter, id: cast.id.supporter }, member, 'Going back to work after time off');
});

interface RealtimeTap {
  /** While true, new sockets are refused as if the server could not be reached. */
  offline: boolean;
  /** Frames the server sent, as text. */
  frames: string[];
  /** Close codes the server sent. */
  closeCodes: number[];
  /** Sockets refused while offline. */
  refused: number;
  /** Sockets passed through so far. */
  opened: number;
  /** Closes the page's current socket as the server does, with this code and reason (the server's side too). */
  closeFromServer(code: number, reason: string): void;
}

/** Routes the page's realtime socket through unchanged, recording what the server sends (see the file comment). */
async function tapRealtime(page: Page): Promise<RealtimeTap> {
  let current: { ws: WebSocketRoute; upstream: WebSocketRoute } | null = null;
  const tap: RealtimeTap = {
    offline: false,
    frames: [],
    closeCodes: [],
    refused: 0,
    opened: 0,
    closeFromServer(code, reason) {
      void current?.ws.close({ code, reason });
      void current?.upstream.close();
    },
  };
  await page.routeWebSocket(/\/api\/realtime$/, (ws) => {
    if (tap.offline) {
      tap.refused += 1;
      ws.close({ code: 1011, reason: 'unreachable' });
      return;
    }
    const upstream = ws.connectToServer();
    current = { ws, upstream };
    tap.opened += 1;
    upstream.onMessage((m) => {
      tap.frames.push(typeof m === 'string' ? m : m.toString('utf8'));
      ws.send(m);
    });
    upstream.onClose((code, reason) => {
      tap.closeCodes.push(code ?? 1005);
      void ws.close({ code, reason });
    });
    ws.onMessage((m) => upstream.send(m));
    ws.onClose((code, reason) => void upstream.close({ code, reason }));
  });
  return tap;
}

describe('a graceful restart in the browser', () => {
  let threadPage: Page;
  let chatPage: Page;
  let threadTap: RealtimeTap;
  let chatTap: RealtimeTap;

  it('shows the thread and the conversation live before the restart', async () => {
    threadPage = await cast.open(cast.member);
    threadTap = await tapRealtime(threadPage);
    await threadPage.goto(`/community/threads/${threadId}`);
    await heading(threadPage, TITLE);
    await threadPage.getByText(THREAD_LIVE).waitFor();

    chatPage = await cast.open(cast.member);
    chatTap = await tapRealtime(chatPage);
    await chatPage.goto(`/support/mentorships/${mentorshipId}`);
    await chatPage.getByText(CHAT_LIVE).waitFor();
    await checkA11y(chatPage, 'conversation before the restart');

    // Survives only if the tabs are not reloaded.
    for (const p of [threadPage, chatPage]) await p.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  });

  it('tells both tabs to reconnect, and they say so while the server is down', async () => {
    threadTap.offline = true;
    chatTap.offline = true;
    await cast.server.restart(async () => {
      for (const tap of [threadTap, chatTap]) {
        expect(tap.frames.map((f) => JSON.parse(f) as { type: string }).some((f) => f.type === 'reconnect')).toBe(true);
        expect(tap.closeCodes).toContain(1012);
      }
      await threadPage.getByText(THREAD_CONNECTING).waitFor();
      await checkA11y(threadPage, 'thread page while reconnecting');
    });
  });

  it('brings the reply and the message posted while the tabs were offline, without a reload', async () => {
    // The server is back; the tabs are still offline (their sockets refused), so neither can hear of these.
    await cast.api.replier.expect('POST', `/api/threads/${threadId}/posts`, { body: REPLY_WHILE_DOWN });
    await cast.api.supporter.expect('POST', `/api/mentoring/mentorships/${mentorshipId}/messages`, { body: MESSAGE_WHILE_DOWN, clientId: randomUUID() });
    expect(await threadPage.getByText(REPLY_WHILE_DOWN).count()).toBe(0);
    expect(await chatPage.getByText(MESSAGE_WHILE_DOWN).count()).toBe(0);
    // Both tabs tried while the server was down or the test was posting, and were turned away.
    await expect.poll(() => threadTap.refused > 0 && chatTap.refused > 0).toBe(true);

    threadTap.offline = false;
    chatTap.offline = false;
    // Backoff: the next attempt may be several seconds away (up to 30 s by design).
    await threadPage.getByRole('article').filter({ hasText: REPLY_WHILE_DOWN }).waitFor({ timeout: 60_000 });
    await chatPage.getByRole('article').filter({ hasText: MESSAGE_WHILE_DOWN }).waitFor({ timeout: 60_000 });
    await threadPage.getByText(THREAD_LIVE).waitFor();
    await chatPage.getByText(CHAT_LIVE).waitFor();
    for (const p of [threadPage, chatPage]) expect(await p.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await checkA11y(threadPage, 'thread page after catching up');
    await checkA11y(chatPage, 'conversation after catching up');
  });

  it('delivers live again after the reconnect (the rooms were joined again)', async () => {
    await cast.api.replier.expect('POST', `/api/threads/${threadId}/posts`, { body: REPLY_AFTER });
    await threadPage.getByRole('article').filter({ hasText: REPLY_AFTER }).waitFor();
    expect(cast.problems).toEqual([]);
  });
});

/**
 * A socket the server closes as "session ended" (4401) while the session still holds: the server's
 * check after joining can lose a race (a rotation committed meanwhile, ADR 036), and a tab left
 * without live updates would miss alerts until reloaded. The tab asks the session check: still
 * signed in, it reconnects and is live again; signed out, it signs out and stays so.
 */
describe('a socket closed as "session ended"', () => {
  it('reconnects while the session check still answers signed in, and delivers live again', async () => {
    const page = await cast.open(cast.member);
    const tap = await tapRealtime(page);
    await page.goto(`/community/threads/${threadId}`);
    await page.getByText(THREAD_LIVE).waitFor();
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    expect(tap.opened).toBe(1);

    tap.closeFromServer(4401, 'session ended');
    await expect.poll(() => tap.opened, { timeout: 30_000 }).toBe(2);
    await page.getByText(THREAD_LIVE).waitFor();
    const reply = 'Still here with you, one small step at a time.';
    await cast.api.replier.expect('POST', `/api/threads/${threadId}/posts`, { body: reply });
    await page.getByRole('article').filter({ hasText: reply }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect(new URL(page.url()).pathname).toBe(`/community/threads/${threadId}`);
    await page.close();
  });

  it('signs the tab out when the session really ended', async () => {
    const page = await cast.open(cast.member);
    const tap = await tapRealtime(page);
    await page.goto(`/community/threads/${threadId}`);
    await page.getByText(THREAD_LIVE).waitFor();
    await page.context().clearCookies();

    tap.closeFromServer(4401, 'session ended');
    await page.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('reason') === 'ended');
    await page.close();
  });
});
