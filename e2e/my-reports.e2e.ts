/**
 * "Your reports" in real Chromium against the real server: a member reports a post from the thread
 * page, follows the confirmation's link to the list and sees the report waiting; a supervisor
 * decides it; the member follows the outcome notification's link and reads the outcome, in words,
 * beside the post. Nothing names the moderator or carries the moderator's note to the author.
 * A member with more reports than a page loads more: no "Load more" when a page ended at the last
 * one, and focus moves to the first report that came in. axe-core checks every state of the page.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ORGANISER, useCast } from './cast.js';
import { checkA11y, heading } from './harness.js';

const TITLE = 'Sunday walks by the canal';
const BODY = 'Walking by the canal on Sundays clears my head. Anyone who disagrees is an idiot and should keep quiet.';
const MOD_NOTE = 'Private note for the author: please keep it kind, lark.';

const cast = useCast({
  admin: ORGANISER,
  supervisor: { handle: 'canal_supervisor', roles: ['member', 'supervisor'] },
  author: { handle: 'canal_walker' },
  reader: { handle: 'towpath_reader', locale: 'en-GB', width: 390 },
  many: { handle: 'heron_reporter' },
});
let pageB: Page;
let postId: string;

beforeAll(async () => {
  const spaces = (await cast.api.author.expect('GET', '/api/spaces')).body.spaces as { id: string; slug: string }[];
  const created = await cast.api.author.expect('POST', `/api/spaces/${spaces.find((s) => s.slug === 'anxiety')!.id}/threads`, { kind: 'what_helped', title: TITLE, body: BODY });
  postId = created.body.post.id;
});

describe('a member’s own reports in the browser', () => {
  it('shows an empty list calmly before any report', async () => {
    pageB = await cast.open(cast.reader);
    await pageB.goto('/community');
    await heading(pageB, 'Community');
    await pageB.getByRole('link', { name: 'Your reports' }).click();
    await heading(pageB, 'Your reports');
    await pageB.getByText('You have not reported any posts.', { exact: false }).waitFor();
    await checkA11y(pageB, 'your reports, empty');
  });

  it('lets the member report a post and find the report waiting, with the post’s words', async () => {
    await pageB.goto('/community');
    await pageB.getByRole('link', { name: TITLE }).click();
    await heading(pageB, TITLE);
    await pageB.getByRole('button', { name: 'Report post by canal_walker' }).click();
    const dialog = pageB.getByRole('dialog', { name: 'Report a post' });
    await dialog.getByLabel('Harassment or unkindness').check();
    await dialog.getByLabel('Anything the moderator should know (optional)').fill('Calling people idiots is not kind.');
    await dialog.getByRole('button', { name: 'Send report' }).click();
    await dialog.getByText(/Thank you\. A moderator will review this post/).waitFor();
    await checkA11y(pageB, 'report dialog, sent');
    await dialog.getByRole('link', { name: 'See your reports and what was decided' }).click();

    await heading(pageB, 'Your reports');
    const list = pageB.getByRole('list').filter({ has: pageB.getByRole('article') });
    const item = list.getByRole('listitem').getByRole('article', { name: 'Reported for: Harassment or unkindness' });
    await item.waitFor();
    expect(await list.getByRole('listitem').count()).toBe(1);
    await item.getByText('Waiting for review').waitFor();
    await item.getByText('A moderator has not looked at this yet.', { exact: false }).waitFor();
    await item.getByText('Calling people idiots is not kind.').waitFor();
    await item.getByText(TITLE, { exact: true }).waitFor();
    await item.getByText(/^Walking by the canal on Sundays clears my head\./).waitFor();
    await checkA11y(pageB, 'your reports, one waiting (phone width)');
  });

  it('tells the member the outcome through the notification and the list, without the moderator or their note', async () => {
    const queue = await cast.api.supervisor.expect('GET', '/api/moderation/queue');
    const report = (queue.body.reports as { id: string; post: { id: string } }[]).find((r) => r.post.id === postId)!;
    await cast.api.supervisor.expect('POST', `/api/moderation/reports/${report.id}/resolve`, { action: 'warn', note: MOD_NOTE });

    await pageB.getByRole('link', { name: 'Notifications, 1 unread' }).click();
    await heading(pageB, 'Notifications');
    await pageB.getByText('From the moderators: Thank you for your report. A moderator reviewed it: the author was warned.').waitFor();
    await checkA11y(pageB, 'notifications with the outcome and its link');
    await pageB.getByRole('link', { name: 'See your reports' }).click();

    await heading(pageB, 'Your reports');
    const item = pageB.getByRole('article', { name: 'Reported for: Harassment or unkindness' });
    await item.getByText('Reviewed', { exact: true }).waitFor();
    await item.getByText('A moderator reviewed it: the author was warned.').waitFor();
    await item.getByRole('link', { name: new RegExp(`^Open the thread\\s?: ${TITLE}$`) }).waitFor();
    const text = await pageB.getByRole('main').innerText();
    expect(text).not.toContain('lark');
    expect(text).not.toContain('canal_supervisor');
    expect(text).not.toContain('Waiting for review');
    await checkA11y(pageB, 'your reports, decided (phone width)');
    expect(cast.problems).toEqual([]);
  });
});

describe('a member with more reports than one page', () => {
  it('offers "Load more" only when there is more, and moves focus to the first report it loaded', async () => {
    const spaces = (await cast.api.author.expect('GET', '/api/spaces')).body.spaces as { id: string; slug: string }[];
    const created = await cast.api.author.expect('POST', `/api/spaces/${spaces.find((s) => s.slug === 'anxiety')!.id}/threads`, {
      kind: 'what_helped',
      title: 'Herons at dawn',
      body: 'Watching the herons at dawn is the calmest part of my week.',
    });
    const report = (note: string) => cast.api.many.expect('POST', `/api/posts/${created.body.post.id}/reports`, { reason: 'other', note });
    // Exactly one page (20): everything is shown, and nothing more is offered.
    for (let i = 1; i <= 20; i++) await report(`Heron note ${i}`);
    const page = await cast.open(cast.many);
    await page.goto('/community/reports');
    await heading(page, 'Your reports');
    const items = page.getByRole('list').filter({ has: page.getByRole('article') }).getByRole('listitem');
    await items.nth(19).waitFor();
    expect(await items.count()).toBe(20);
    expect(await page.getByRole('button', { name: 'Load more reports' }).count()).toBe(0);

    // One more: now there is a second page, of one; the oldest report (note 1) is on it.
    await report('Heron note 21');
    await page.reload();
    await heading(page, 'Your reports');
    await items.nth(19).waitFor();
    expect(await items.count()).toBe(20);
    const more = page.getByRole('button', { name: 'Load more reports' });
    await more.focus();
    await page.keyboard.press('Enter');
    await items.nth(20).waitFor();
    expect(await items.count()).toBe(21);
    await items.nth(20).getByText('Heron note 1', { exact: true }).waitFor();
    // Focus is on the first new report (the button is gone: nothing more to load).
    await page.waitForFunction(() => document.activeElement?.tagName === 'ARTICLE');
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Heron note 1');
    // And it shows: base.css hides the outline of script-only focus targets, not this one.
    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement!);
      return { style: style.outlineStyle, width: style.outlineWidth, focusVisible: document.activeElement!.matches(':focus-visible') };
    });
    expect(ring).toEqual({ style: 'solid', width: '3px', focusVisible: true });
    expect(await more.count()).toBe(0);
    await checkA11y(page, 'your reports, second page loaded');
    expect(cast.problems).toEqual([]);
  });
});
