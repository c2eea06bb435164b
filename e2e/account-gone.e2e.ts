/**
 * ADR 061 in real Chromium: a member's account is deleted from another device while their page is
 * open on a second instance (same database, a bus of its own: its session cache has not heard, as a
 * request let in a moment before the erasure is). What they post next is refused: they see the
 * deleted-account page, not a sign-in form, and, as they wrote of a crisis, the crisis lines.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContextApi } from './api.js';
import { ORGANISER, useCast } from './cast.js';
import { checkA11y, heading, startServer, type RunningServer } from './harness.js';

const MEMBER = { handle: 'leaving_heron', password: 'leaving heron password long enough', region: 'GB' };
const CRISIS = 'I want to kill myself';

const cast = useCast({ organiser: ORGANISER, member: MEMBER });
let second: RunningServer;
let page: Page;

beforeAll(async () => {
  second = await startServer({ sameFilesAs: cast.server });
});
afterAll(async () => {
  await second?.stop();
});

describe('a post from an account deleted meanwhile', () => {
  it('shows the deleted-account page with the crisis lines, and asks no one to sign in', async () => {
    // Their laptop, on the first instance, signed in first (its sign-in's session event is long
    // delivered by the time the page below has filled the second instance's cache).
    const laptop = await cast.newContext();
    const laptopApi = new ContextApi(laptop);
    await laptopApi.expect('POST', '/api/auth/sign-in', { handle: MEMBER.handle, password: MEMBER.password });
    // The member's page, on the second instance (the session cookie is the same for both ports).
    page = await cast.open(cast.member);
    await page.goto(`${second.baseURL}/community`);
    await heading(page, 'Community');
    await page.getByRole('link', { name: 'Anxiety' }).click();
    await heading(page, 'Anxiety');
    await page.getByRole('link', { name: 'Start a thread' }).click();
    await heading(page, 'Start a thread');
    await page.getByRole('radio', { name: 'What helped' }).check();
    await page.getByLabel('Title').fill('Tonight');
    await page.getByLabel('What you would like to share').fill(CRISIS);

    // Meanwhile, on their laptop, they delete their account.
    await laptopApi.expect('POST', '/api/me/erase', { password: MEMBER.password, publicPosts: 'delete', confirm: 'DELETE' });
    await laptop.close();

    await page.getByRole('button', { name: 'Post thread' }).click();
    await heading(page, 'Your account has been deleted');
    await page.getByText('so nothing was saved').waitFor();
    const panel = page.locator('section.crisis-panel');
    await panel.waitFor();
    const call = panel.getByRole('link', { name: 'Call Samaritans on 116 123' });
    await call.waitFor();
    expect(await call.getAttribute('href')).toBe('tel:116123');
    // The other resources are one click away.
    await panel.getByText('More ways to get help').click();
    await panel.getByRole('heading', { name: 'Emergency services' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/account-deleted');
    expect(page.url()).not.toContain('kill');
    expect(await page.getByRole('button', { name: 'Sign in' }).count()).toBe(0);
    // No peer supporter to offer without an account.
    expect(await panel.getByRole('link', { name: 'Talk to a peer supporter now' }).count()).toBe(0);
    await checkA11y(page, 'deleted-account page with the crisis response');
  });
});
