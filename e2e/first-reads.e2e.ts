/**
 * Issue 9: the server names what a thread or a conversation page needs first (its module and its
 * API reads) in a `Link` header, so a slow phone fetches them while the app's script arrives. The
 * hints are worth something only if the page then uses them: each hinted read must reach the
 * server once (the browser hands the preloaded answer to the app's fetch), and no preload may go
 * unused or mismatch (Chromium says so in the console). Signed out, no read is hinted (it would
 * only answer 401 or "signed out"). Also: the page and its scripts come compressed, and the words
 * still arrive, and a visitor's first page logs no error (the session check answers 200).
 */
import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { arrangeMentorship } from './api.js';
import { useCast } from './cast.js';
import { checkA11y, heading, trackRequests, watchConsole } from './harness.js';

const TITLE = 'Small things that got me through the week';
const BODY = 'Going for a short walk after lunch and texting one friend each evening helped more than I expected.';
const MESSAGE = 'Hello, I read your request. I am here to listen whenever you are ready.';

const cast = useCast({
  admin: { handle: 'first_admin', region: 'GB' },
  supporter: { handle: 'steady_oak', region: 'GB' },
  member: { handle: 'morning_wren', region: 'GB', width: 390 },
});
let threadId: string;
let mentorshipId: string;

beforeAll(async () => {
  const memberApi = cast.api.member;
  const space = ((await memberApi.expect('GET', '/api/spaces')).body.spaces as { id: string }[])[0]!;
  threadId = (await memberApi.expect('POST', `/api/spaces/${space.id}/threads`, { kind: 'what_helped', title: TITLE, body: BODY })).body.thread.id as string;
  mentorshipId = await arrangeMentorship(cast.api.admin, { api: cast.api.supporter, id: cast.id.supporter }, memberApi, 'Finding my feet after a hard month');
  await cast.api.supporter.expect('POST', `/api/mentoring/mentorships/${mentorshipId}/messages`, { body: MESSAGE, clientId: randomUUID() });
});

/** Opens `url` in a fresh tab and records what it asked the server for, and what Chromium said. */
async function open(context: BrowserContext, url: string): Promise<{ page: Page; requests: string[]; console: string[]; link: string; problems: string[] }> {
  const page = await context.newPage();
  const network = trackRequests(page);
  const problems = watchConsole(page);
  const requests: string[] = [];
  const console: string[] = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname + new URL(r.url()).search));
  page.on('console', (m) => console.push(`${m.type()}: ${m.text()}`));
  const res = await page.goto(url);
  await network.settled();
  return { page, requests, console, link: res?.headers()['link'] ?? '', problems };
}

const hintedReads = (link: string) => [...link.matchAll(/<([^>]+)>; rel=preload; as=fetch/g)].map((m) => m[1]!);
const hintedModules = (link: string) => [...link.matchAll(/<([^>]+)>; rel=modulepreload/g)].map((m) => m[1]!);

describe('preload hints on the pages people spend their time on', () => {
  it('a thread: its module and reads are hinted, each read reaches the server once, and nothing preloaded goes to waste', async () => {
    const { page, requests, console, link, problems } = await open(cast.member, `/community/threads/${threadId}`);
    await heading(page, TITLE);
    await page.getByText(BODY).waitFor();
    expect(hintedReads(link)).toEqual(['/api/auth/session', `/api/threads/${threadId}`]);
    expect(hintedModules(link).some((href) => /\/assets\/community-thread-[\w-]+\.js$/.test(href))).toBe(true);
    for (const read of hintedReads(link)) expect(requests.filter((r) => r === read), read).toHaveLength(1);
    expect(console.filter((line) => /preload/i.test(line))).toEqual([]);
    expect(problems).toEqual([]);
    await checkA11y(page, 'thread opened with preload hints');
    await page.close();
  });

  it('a conversation: the mentorship and its newest messages are hinted and used, once each', async () => {
    const { page, requests, console, link, problems } = await open(cast.member, `/support/mentorships/${mentorshipId}`);
    await page.getByText(MESSAGE).waitFor();
    expect(hintedReads(link)).toEqual(['/api/auth/session', `/api/mentoring/mentorships/${mentorshipId}`, `/api/mentoring/mentorships/${mentorshipId}/messages?limit=30`]);
    for (const read of hintedReads(link)) expect(requests.filter((r) => r === read), read).toHaveLength(1);
    expect(console.filter((line) => /preload/i.test(line))).toEqual([]);
    expect(problems).toEqual([]);
    await checkA11y(page, 'conversation opened with preload hints');
    await page.close();
  });

  it('the signed-in home: its "today" chunk and read are hinted, the read reaches the server once, nothing goes to waste', async () => {
    const { page, requests, console, link, problems } = await open(cast.member, '/');
    await page.getByRole('region', { name: 'Waiting for you' }).waitFor();
    expect(hintedReads(link)).toEqual(['/api/auth/session', '/api/me/today']);
    expect(hintedModules(link).some((href) => /\/assets\/today-[\w-]+\.js$/.test(href))).toBe(true);
    for (const read of hintedReads(link)) expect(requests.filter((r) => r === read), read).toHaveLength(1);
    expect(console.filter((line) => /preload/i.test(line))).toEqual([]);
    expect(problems).toEqual([]);
    await checkA11y(page, 'home opened with preload hints');
    await page.close();
  });

  it('signed out: no read is hinted, and the page and its script arrive compressed', async () => {
    const visitor = await cast.newContext();
    const page = await visitor.newPage();
    const encodings = new Map<string, string>();
    page.on('response', (r) => encodings.set(new URL(r.url()).pathname, r.headers()['content-encoding'] ?? 'none'));
    const res = await page.goto(`/community/threads/${threadId}`);
    expect(hintedReads(res?.headers()['link'] ?? '')).toEqual([]);
    await heading(page, 'Sign in');
    expect(encodings.get(`/community/threads/${threadId}`)).toBe('br');
    const entry = [...encodings].find(([path]) => /^\/assets\/index-[\w-]+\.js$/.test(path));
    expect(entry?.[1]).toBe('br');
    await visitor.close();
  });

  it('signed out: the home page asks who is signed in without a failed request, so the console stays clean', async () => {
    const visitor = await cast.newContext();
    const { page, requests, console, link, problems } = await open(visitor, '/');
    await page.getByRole('navigation').getByRole('link', { name: 'Sign in' }).waitFor();
    // Nor the signed-in home's chunk or counts.
    expect(hintedReads(link)).toEqual([]);
    expect(hintedModules(link)).toEqual([]);
    expect(requests).toContain('/api/auth/session');
    expect(requests).not.toContain('/api/me');
    expect(console.filter((line) => line.startsWith('error'))).toEqual([]);
    expect(problems).toEqual([]);
    await visitor.close();
  });
});
