/**
 * ADR 061, amendment 2026-11-28, in real Chromium: a reply refused because its thread was deleted
 * while it was being saved (409 `gone_meanwhile`). The thread's delete is a trigger in the server's
 * own SQLite file that deletes it inside the reply's transaction, between the route's read and its
 * insert, as in the API tests; nothing in the app or the network is replaced. The reply's words call
 * for the crisis response: the panel appears under the error, takes focus once, and typing on in the
 * kept draft leaves focus in the draft (it went back to the panel on every keystroke before the
 * once-guard).
 */
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { ORGANISER, useCast } from './cast.js';
import { checkA11y, heading } from './harness.js';

const MEMBER = { handle: 'steady_wren', password: 'steady wren password long enough', region: 'GB' };
const CRISIS = 'I want to kill myself';
const MORE = ' and I do not know who to tell';

const cast = useCast({ organiser: ORGANISER, member: MEMBER });
let page: Page;
let db: Database.Database | undefined;

afterAll(() => {
  db?.close();
});

/** What has focus in the page: the crisis panel, the reply box, or something else. */
const focused = (p: Page) =>
  p.evaluate(() => {
    const el = document.activeElement;
    if (el?.classList.contains('crisis-panel')) return 'panel';
    if (el instanceof HTMLTextAreaElement && el.name === 'body') return 'reply';
    return el?.tagName ?? null;
  });

describe('a reply whose thread is deleted while it is saved', () => {
  it('shows the error and the crisis panel, which takes focus once; the kept draft keeps it while the person types on', async () => {
    const spaces = (await cast.api.organiser.expect('GET', '/api/spaces')).body as { spaces: { id: string; name: string }[] };
    const space = spaces.spaces.find((s) => s.name === 'Anxiety')!;
    const created = (await cast.api.organiser.expect('POST', `/api/spaces/${space.id}/threads`, { kind: 'story', title: 'Nights', body: 'Writing helps me at night.' })).body as { thread: { id: string } };
    const threadId = created.thread.id;

    page = await cast.open(cast.member);
    await page.goto(`/community/threads/${threadId}`);
    await heading(page, 'Nights');

    // The thread is deleted meanwhile: inside the reply's own transaction (rolled back with it).
    db = new Database(cast.server.files.DATABASE_URL.replace(/^sqlite:/, ''));
    db.exec(`create trigger vanish_meanwhile before insert on posts for each row when new.thread_id = '${threadId}' begin delete from threads where id = new.thread_id; end`);
    try {
      await page.getByLabel('Your reply').fill(CRISIS);
      await page.getByRole('button', { name: 'Post reply' }).click();
      await page.getByRole('alert').getByText('Refresh the page and try again.').waitFor();
    } finally {
      db.exec('drop trigger vanish_meanwhile');
    }
    const panel = page.locator('section.crisis-panel');
    await panel.waitFor();
    await panel.getByText('A supporter here will also check in with you soon').waitFor();
    await panel.getByRole('link', { name: 'Call Samaritans on 116 123' }).waitFor();
    // Focus moved to the panel when it appeared.
    await page.waitForFunction(() => document.activeElement?.classList.contains('crisis-panel'));

    // Back to the draft, which the form kept: each keystroke renders the form (and the panel) again,
    // and focus stays where the person is typing.
    const reply = page.getByLabel('Your reply');
    expect(await reply.inputValue()).toBe(CRISIS);
    await reply.click();
    await page.keyboard.press('End');
    await page.keyboard.type(MORE);
    expect(await reply.inputValue()).toBe(CRISIS + MORE);
    expect(await focused(page)).toBe('reply');
    // The panel is still there (the error is), and was not focused again.
    await panel.waitFor();
    await checkA11y(page, 'thread page with a reply refused meanwhile and its crisis response');
  });
});
