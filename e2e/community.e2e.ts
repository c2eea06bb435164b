/**
 * Acceptance of issue 4 (community) in real Chromium against the real server. Member A starts a
 * thread with a content warning; member B finds it folded away, opens it, reacts and replies; A,
 * with the thread open, sees the reply and the reaction arrive live and a notification on the bell;
 * B searches and finds the thread with highlighted words, then reports A's post; a supervisor
 * resolves the report from the moderation queue, and B is told the outcome. axe-core checks every
 * page visited.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ORGANISER, openPeopleAndRoles, saveRoles, useCast } from './cast.js';
import { checkA11y, heading, openMore } from './harness.js';

const TITLE = 'Evenings when everything gets loud';
const BODY = 'Some evenings everything gets loud in my head. Holding an ice cube and writing things down helps me get through.';
const REPLY = 'Thank you for sharing this. The ice cube idea helps me too, and so does a warm drink.';
const A = 'quiet_fern';
const B = 'harbour_light';

const cast = useCast({
  admin: ORGANISER,
  supervisor: { handle: 'dr_hale', password: 'supervisor password 1' },
  memberA: { handle: A, password: 'member password aaa', region: 'GB', locale: 'en-GB' },
  memberB: { handle: B, password: 'member password bbb', region: 'GB', locale: 'en-GB', width: 390 },
});
const EDITED = 'Thank you for sharing this. A warm drink helps me too, and so does a short walk.';
let pageA: Page;
let pageB: Page;
/** The thread's page, as A opened it after posting. */
let threadPath = '';

describe('the community in the browser', () => {
  it('lets the admin make someone a supervisor', async () => {
    const page = await cast.open(cast.admin);
    await openPeopleAndRoles(page);
    await saveRoles(page, 'dr_hale', ['Supervisor']);
    await page.close();
  });

  it('lets member A start a thread with a content warning in a space', async () => {
    pageA = await cast.open(cast.memberA);
    await pageA.goto('/community');
    await heading(pageA, 'Community');
    await pageA.getByText('No threads here yet. You could be the first to share.').waitFor();
    await checkA11y(pageA, 'community home');

    await pageA.getByRole('link', { name: 'Anxiety' }).click();
    await heading(pageA, 'Anxiety');
    await pageA.getByText('House rules').click();
    await pageA.getByText(/Please add a content warning before describing a panic attack/).waitFor();
    await checkA11y(pageA, 'space page with house rules open');

    await pageA.getByRole('link', { name: 'Start a thread' }).click();
    await heading(pageA, 'Start a thread');
    expect(await pageA.getByLabel('Space').inputValue()).not.toBe('');
    await checkA11y(pageA, 'thread composer');
    await pageA.getByRole('radio', { name: 'What helped' }).check();
    await pageA.getByLabel('Title').fill(TITLE);
    await pageA.getByLabel('What you would like to share').fill(BODY);
    await pageA.getByRole('group', { name: 'Content warnings' }).getByLabel('Self-harm').check();
    await pageA.getByRole('button', { name: 'Post thread' }).click();

    await heading(pageA, TITLE);
    threadPath = new URL(pageA.url()).pathname;
    // The author reads their own post unfolded, marked with its warning.
    await pageA.getByText(BODY).waitFor();
    // Joined the thread's room: what others do now arrives without a reload.
    await pageA.getByText('New replies and reactions appear here as they happen.').waitFor();
    await checkA11y(pageA, 'thread page (author)');
  });

  it('shows member B the post folded behind its warning; B opens it, reacts and replies', async () => {
    pageB = await cast.open(cast.memberB);
    await pageB.goto('/community');
    await heading(pageB, 'Community');
    const item = pageB.getByRole('article').filter({ hasText: TITLE });
    await item.getByText('Content warning: self-harm').waitFor();
    await checkA11y(pageB, 'community home with a thread (phone width)');
    await item.getByRole('link', { name: TITLE }).click();
    await heading(pageB, TITLE);

    const show = pageB.getByRole('button', { name: 'Content warning: self-harm — Show post' });
    await show.waitFor();
    expect(await show.getAttribute('aria-expanded')).toBe('false');
    expect(await pageB.getByText(BODY).isVisible()).toBe(false);
    await checkA11y(pageB, 'thread page with a folded post');

    await show.click();
    const hide = pageB.getByRole('button', { name: 'Content warning: self-harm — Hide post again' });
    expect(await hide.getAttribute('aria-expanded')).toBe('true');
    await pageB.getByText(BODY).waitFor();

    // Focus A's reply box: live updates must not move it.
    await pageA.getByLabel('Your reply').focus();

    const strength = pageB.getByRole('button', { name: 'Sending strength, 0' });
    expect(await strength.getAttribute('aria-pressed')).toBe('false');
    await strength.click();
    const pressed = pageB.getByRole('button', { name: 'Sending strength, 1' });
    await pressed.waitFor();
    expect(await pressed.getAttribute('aria-pressed')).toBe('true');

    await pageB.getByLabel('Your reply').fill(REPLY);
    await pageB.getByRole('button', { name: 'Post reply' }).click();
    await pageB.getByText('Your reply is posted.').waitFor();
    await pageB.getByRole('article').filter({ hasText: REPLY }).waitFor();
    await checkA11y(pageB, 'thread page after reacting and replying');
  });

  it('brings the reply, the reaction and a notification to A live, without a reload or a focus change', async () => {
    await pageA.getByRole('article').filter({ hasText: REPLY }).getByText(B, { exact: true }).waitFor();
    await pageA.getByRole('button', { name: 'Sending strength, 1' }).waitFor();
    await pageA.getByRole('link', { name: 'Notifications, 2 unread' }).waitFor();
    expect(await pageA.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await checkA11y(pageA, 'thread page with a live reply');

    await pageA.getByRole('link', { name: 'Notifications, 2 unread' }).click();
    await heading(pageA, 'Notifications');
    await pageA.getByText(`${B} replied to “${TITLE}”.`).waitFor();
    await pageA.getByText(`${B} reacted “Sending strength” to your post in “${TITLE}”.`).waitFor();
    await checkA11y(pageA, 'notifications page');
    await pageA.getByRole('button', { name: 'Mark all as read' }).click();
    await pageA.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
    await pageA.getByText('0 unread').waitFor();
  });

  it('brings B’s edit, then B’s deletion of the reply to A live, with the thread’s reply count on the page and in A’s cached list (one event each, ADR 059 amendment)', async () => {
    await pageA.goto(threadPath);
    await heading(pageA, TITLE);
    // A reads the space's list first and comes back to the thread by its link: the list stays in
    // A's cache (fresh for 30 s, far longer than the steps below take), with its count of one reply.
    await pageA.getByRole('link', { name: 'Anxiety', exact: true }).click();
    await heading(pageA, 'Anxiety');
    const listed = pageA.getByRole('article').filter({ hasText: TITLE });
    await listed.getByText('1 reply', { exact: true }).waitFor();
    await listed.getByRole('link', { name: TITLE }).click();
    await heading(pageA, TITLE);
    await pageA.evaluate(() => Object.assign(window, { kindredNotReloaded: true }));
    await pageA.getByText('New replies and reactions appear here as they happen.').waitFor();
    await pageA.getByRole('heading', { name: 'Replies (1)' }).waitFor();
    await pageA.getByLabel('Your reply').focus();

    const mine = pageB.getByRole('article').filter({ hasText: REPLY });
    await mine.getByRole('button', { name: 'Edit', exact: true }).click();
    await pageB.getByRole('textbox', { name: 'Your post' }).fill(EDITED);
    await pageB.getByRole('button', { name: 'Save changes' }).click();
    await pageB.getByRole('article').filter({ hasText: EDITED }).waitFor();
    // A reads the new words without a reload, and the old ones are gone.
    await pageA.getByRole('article').filter({ hasText: EDITED }).waitFor();
    expect(await pageA.getByText(REPLY).count()).toBe(0);

    const edited = pageB.getByRole('article').filter({ hasText: EDITED });
    await edited.getByRole('button', { name: 'Delete', exact: true }).click();
    await edited.getByRole('button', { name: 'Yes, delete it' }).click();
    await pageB.getByText('This post was deleted by its author.').waitFor();
    // A's page: the placeholder in its place and the count down to none, live; focus stays put.
    await pageA.getByText('This post was deleted by its author.').waitFor();
    await pageA.getByRole('heading', { name: 'Replies (0)' }).waitFor();
    expect(await pageA.getByText(EDITED).count()).toBe(0);
    expect(await pageA.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await checkA11y(pageA, 'thread page after a reply was edited and deleted live');

    // Back to the space by its link, without a reload: the list A had cached counts no reply,
    // because the deletion's one event told A's lists to ask again.
    await pageA.getByRole('link', { name: 'Anxiety', exact: true }).click();
    await heading(pageA, 'Anxiety');
    await listed.getByText('0 replies', { exact: true }).waitFor();
    expect(await pageA.evaluate(() => (window as { kindredNotReloaded?: boolean }).kindredNotReloaded)).toBe(true);
  });

  it('lets B find the thread by search, with the matched words highlighted', async () => {
    await pageB.goto('/community/search');
    await heading(pageB, 'Search the community');
    await checkA11y(pageB, 'search page');
    await pageB.getByLabel('Search for').fill('ice cube');
    await pageB.getByLabel('Space').selectOption({ label: 'Anxiety' });
    await pageB.getByRole('button', { name: 'Search', exact: true }).click();
    await pageB.getByText('1 thread found').waitFor();
    const result = pageB.getByRole('article').filter({ hasText: TITLE });
    // B asked to be asked about warnings, so the matching words wait behind a click too.
    await result.getByText('Content warning: self-harm — Show matching text').click();
    const marks = result.locator('mark');
    await marks.first().waitFor();
    const words = (await marks.allTextContents()).map((w) => w.toLowerCase());
    expect(words).toContain('ice');
    expect(words).toContain('cube');
    await checkA11y(pageB, 'search results');
  });

  it('lets B report A’s post', async () => {
    await pageB.getByRole('link', { name: TITLE }).click();
    await heading(pageB, TITLE);
    await pageB.getByRole('button', { name: `Report post by ${A}` }).click();
    const dialog = pageB.getByRole('dialog', { name: 'Report a post' });
    await dialog.waitFor();
    await dialog.getByLabel('Something else').check();
    await dialog.getByLabel('Anything the moderator should know (optional)').fill('This describes a coping method that may not be safe for everyone.');
    await checkA11y(pageB, 'report dialog');
    await dialog.getByRole('button', { name: 'Send report' }).click();
    await dialog.getByText(/Thank you\. A moderator will review this post/).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('lets a supervisor resolve the report from the moderation queue, and tells B the outcome', async () => {
    const page = await cast.open(cast.supervisor);
    await page.goto('/');
    await (await openMore(page)).getByRole('link', { name: 'Moderation' }).click();
    await heading(page, 'Moderation');
    const report = page.getByRole('article', { name: `In “${TITLE}”` });
    await report.getByText('Reported for: Something else').waitFor();
    await report.getByText(BODY).waitFor();
    await checkA11y(page, 'moderation queue with a report');

    await report.getByLabel('Hide the post').check();
    // A note the safety screen would hold is refused (ADR 064): the form says what to take out, nothing is resolved.
    await report.getByLabel('Note', { exact: true }).fill('Hidden: the reply gives a lethal dose.');
    await report.getByRole('button', { name: 'Resolve report' }).click();
    await report.getByRole('alert').getByText(/The note cannot be saved as written: .*take out “lethal dose”/).waitFor();
    // Refused words that read as the moderator's own crisis also bring the crisis response under the refusal.
    await report.getByLabel('Note', { exact: true }).fill('I am going to take a lethal dose of my pills tonight.');
    await report.getByRole('button', { name: 'Resolve report' }).click();
    await report.getByRole('heading', { name: 'We are really glad you told us. Your safety matters right now.' }).waitFor();
    await report.getByLabel('Note', { exact: true }).fill('Hidden while we check in with the author. Thank you for sharing what helps.');
    await report.getByRole('button', { name: 'Resolve report' }).click();
    await page.getByText('Report resolved: the post was hidden.').waitFor();
    await page.getByText('No open reports.').waitFor();
    await checkA11y(page, 'moderation queue after resolving');
    await page.close();

    // B's bell counts the outcome live (B's reply earned no notification of their own).
    await pageB.getByRole('link', { name: 'Notifications, 1 unread' }).click();
    await heading(pageB, 'Notifications');
    await pageB.getByText('From the moderators: Thank you for your report. A moderator reviewed it: the post was hidden.').waitFor();
    await checkA11y(pageB, 'notifications with the outcome (phone width)');
    expect(cast.problems).toEqual([]);
  });
});
