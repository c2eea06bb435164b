/**
 * A followed thread's notice in real Chromium against the real server: a member who replied in a
 * thread (and so follows it) gets one notice for the replies that came after, saying how many
 * ("3 new replies in …"), and the count grows with later replies while the notice stays one
 * (ADR 012). axe-core checks the page.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpWithApi, type ContextApi } from './api.js';
import { checkA11y, heading, launchBrowser, newContext, startServer, watchConsole, type RunningServer } from './harness.js';

const TITLE = 'Sunday evenings after visiting mum';
const FOLLOWER = 'lantern_moth';

let server: RunningServer;
let browser: Browser;
let follower: BrowserContext;
let author: ContextApi;
let others: ContextApi;
let followerApi: ContextApi;
let threadId: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // The first account on a fresh install is the admin: it is only another voice in the thread here.
  others = (await signUpWithApi(await newContext(browser, server.baseURL), 'organiser')).api;
  author = (await signUpWithApi(await newContext(browser, server.baseURL), 'willow_path')).api;
  follower = await newContext(browser, server.baseURL, { locale: 'en-GB' });
  followerApi = (await signUpWithApi(follower, FOLLOWER)).api;
  const spaces = (await author.expect('GET', '/api/spaces')).body.spaces as { id: string; slug: string }[];
  const carers = spaces.find((s) => s.slug === 'carers')!.id;
  threadId = (await author.expect('POST', `/api/spaces/${carers}/threads`, { kind: 'story', title: TITLE, body: 'Visiting mum on Sundays leaves me drained for the evening.' })).body.thread.id;
  // Replying follows the thread.
  await followerApi.expect('POST', `/api/threads/${threadId}/posts`, { body: 'Same here; I keep the evening free for a bath and a film.' });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a followed thread in the notifications', () => {
  it('says how many new replies arrived, in one notice that keeps counting', async () => {
    for (const [who, body] of [
      [author, 'Thank you, that sounds like a kind plan.'],
      [others, 'A short walk before driving home helps me.'],
      [author, 'I will try the walk next week.'],
    ] as const) {
      await who.expect('POST', `/api/threads/${threadId}/posts`, { body });
    }
    const page: Page = await follower.newPage();
    const problems = watchConsole(page);
    await page.goto('/');
    // Three replies, one notice.
    await page.getByRole('link', { name: 'Notifications, 1 unread' }).click();
    await heading(page, 'Notifications');
    await page.getByText(`3 new replies in “${TITLE}”, which you follow.`).waitFor();
    await checkA11y(page, 'notifications (a followed thread with three new replies)');

    await others.expect('POST', `/api/threads/${threadId}/posts`, { body: 'Thinking of you this Sunday.' });
    await page.reload();
    await heading(page, 'Notifications');
    await page.getByText(`4 new replies in “${TITLE}”, which you follow.`).waitFor();
    await page.getByRole('link', { name: 'Notifications, 1 unread' }).waitFor();
    expect(problems).toEqual([]);
  });
});
