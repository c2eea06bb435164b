/**
 * ADR 059, amendment 2026-11-28, in real Chromium: a member deletes their account while a reader has
 * two of the threads it touched open. Without a reload, the thread the member replied in drops the
 * reply, and the thread they started alone says it is no longer available, its words gone from the page.
 * A third open thread, where they only reacted, shows the reaction count without theirs (ADR 059,
 * amendment "reactions").
 * And a thread taken off the pages some other way (a moderator hides its opening post) while a member
 * writes in its reply box: the page says so, and focus moves to its heading, not lost to the body.
 */
import { describe, expect, it } from 'vitest';
import { ContextApi } from './api.js';
import { ORGANISER, useCast } from './cast.js';
import { checkA11y, heading } from './harness.js';

const LEAVING = { handle: 'leaving_wren', password: 'leaving wren password long enough', region: 'GB' };
const READER = { handle: 'staying_otter', password: 'staying otter password long', region: 'GB', locale: 'en-GB' };
const STARTED = { title: 'Small lights in the evening', body: 'A candle and a slow breath help me wind down.' };
const ASKED = { title: 'What gets you through Sundays', body: 'Sundays are the hardest for me lately.' };
const REPLY = 'Calling my sister on Sundays has helped me a lot.';
const HIDDEN = { title: 'Rainy walks to the shop', body: 'Getting out in the rain is easier with a podcast.' };
const REACTED = { title: 'Tea and a window seat', body: 'A warm mug by the window settles me.' };

const cast = useCast({ organiser: ORGANISER, leaving: LEAVING, reader: READER });

describe("an account's erasure reaches open thread pages live", () => {
  it('drops the reply from one open thread, says the other, which they started, is gone, and lowers the count where they only reacted', async () => {
    const leaving = new ContextApi(cast.leaving);
    const reader = new ContextApi(cast.reader);
    const organiser = new ContextApi(cast.organiser);
    const space = ((await reader.expect('GET', '/api/spaces')).body.spaces as { id: string; name: string }[]).find((s) => s.name === 'Anxiety')!.id;
    const started = (await leaving.expect('POST', `/api/spaces/${space}/threads`, { kind: 'story', ...STARTED })).body.thread.id as string;
    const asked = (await reader.expect('POST', `/api/spaces/${space}/threads`, { kind: 'question', ...ASKED })).body.thread.id as string;
    await leaving.expect('POST', `/api/threads/${asked}/posts`, { body: REPLY });
    const reacted = (await organiser.expect('POST', `/api/spaces/${space}/threads`, { kind: 'story', ...REACTED })).body as { thread: { id: string }; post: { id: string } };
    await leaving.expect('PUT', `/api/posts/${reacted.post.id}/reactions/relate`);

    const onAsked = await cast.open(cast.reader);
    await onAsked.goto(`/community/threads/${asked}`);
    await heading(onAsked, ASKED.title);
    await onAsked.getByText(REPLY).waitFor();
    await onAsked.getByText('New replies and reactions appear here as they happen.').waitFor();
    const onStarted = await cast.open(cast.reader);
    await onStarted.goto(`/community/threads/${started}`);
    await heading(onStarted, STARTED.title);
    await onStarted.getByText('New replies and reactions appear here as they happen.').waitFor();
    const onReacted = await cast.open(cast.reader);
    await onReacted.goto(`/community/threads/${reacted.thread.id}`);
    await heading(onReacted, REACTED.title);
    await onReacted.getByRole('button', { name: 'I relate, 1' }).waitFor();
    await onReacted.getByText('New replies and reactions appear here as they happen.').waitFor();
    for (const p of [onAsked, onStarted, onReacted]) await p.evaluate(() => Object.assign(window, { kindredNotReloaded: true }));

    await leaving.expect('POST', '/api/me/erase', { password: LEAVING.password, publicPosts: 'delete', confirm: 'DELETE' });

    await onAsked.getByRole('heading', { name: 'Replies (0)' }).waitFor();
    await expect.poll(() => onAsked.getByText(REPLY).count()).toBe(0);
    await expect.poll(() => onAsked.getByText(LEAVING.handle).count()).toBe(0);
    await checkA11y(onAsked, 'thread page after a replier deleted their account');

    await heading(onStarted, 'Thread not available');
    await onStarted.getByText('That thread was not found, or it is no longer available.').waitFor();
    for (const words of [STARTED.title, STARTED.body, LEAVING.handle]) await expect.poll(() => onStarted.getByText(words).count()).toBe(0);
    await checkA11y(onStarted, 'thread page of a thread gone with its author');

    await onReacted.getByRole('button', { name: 'I relate, 0' }).waitFor();
    for (const p of [onAsked, onStarted, onReacted]) expect(await p.evaluate(() => (window as { kindredNotReloaded?: boolean }).kindredNotReloaded)).toBe(true);
  });

  it('a thread hidden by a moderator while a member writes in it: the page says it is not available and focus lands on its heading', async () => {
    const organiser = new ContextApi(cast.organiser);
    const reader = new ContextApi(cast.reader);
    const space = ((await reader.expect('GET', '/api/spaces')).body.spaces as { id: string; name: string }[]).find((s) => s.name === 'Anxiety')!.id;
    const opened = (await organiser.expect('POST', `/api/spaces/${space}/threads`, { kind: 'story', ...HIDDEN })).body as { thread: { id: string }; post: { id: string } };

    const page = await cast.open(cast.reader);
    await page.goto(`/community/threads/${opened.thread.id}`);
    await heading(page, HIDDEN.title);
    await page.getByText('New replies and reactions appear here as they happen.').waitFor();
    await page.getByLabel('Your reply').fill('Podcasts help me too.');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await page.evaluate(() => Object.assign(window, { kindredNotReloaded: true }));

    await organiser.expect('POST', `/api/moderation/posts/${opened.post.id}/hide`, { note: 'Hidden while we check it.' });

    await heading(page, 'Thread not available');
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Thread not available');
    await expect.poll(() => page.getByText(HIDDEN.body).count()).toBe(0);
    await checkA11y(page, 'thread page of a thread a moderator hid while it was open');
    expect(await page.evaluate(() => (window as { kindredNotReloaded?: boolean }).kindredNotReloaded)).toBe(true);
  });
});
