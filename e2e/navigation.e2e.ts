/**
 * The site navigation in real Chromium against the real server: one row of the places a person
 * comes back for, the rest behind "More" (a disclosure the keyboard alone works: Enter or Space
 * opens it into its list, the arrows, Home and End walk it, Escape closes it and gives focus back,
 * Tab out, a click outside or a link, even to the page open, closes it), role places only for their
 * roles, and from 320 pixels wide up, with an unread count, neither the header nor the navigation
 * wraps or scrolls sideways, with "Get help now" on screen and uncovered (even by the open list) as
 * the page scrolls. Layout is measured, not assumed; axe-core checks the menu open and closed.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { arrangeMentorship } from './api.js';
import { useCast } from './cast.js';
import { checkA11y, heading } from './harness.js';

const MEMBER = 'quiet_harbour';

const cast = useCast({
  admin: { handle: 'organiser', region: 'GB' },
  supervisor: { handle: 'dr_moss', region: 'GB', roles: ['member', 'supervisor'] },
  supporter: { handle: 'steady_fern', region: 'GB' },
  member: { handle: MEMBER, region: 'GB' },
  phone: { handle: 'small_screen_member', region: 'GB', width: 360 },
});

beforeAll(async () => {
  const { admin, supporter, phone } = cast.api;
  // The phone's reader has an unread message: "Peer support" carries its count, the widest it gets.
  const mentorshipId = await arrangeMentorship(admin, { api: supporter, id: cast.id.supporter }, phone, 'Feeling low since the winter started');
  await supporter.expect('POST', `/api/mentoring/mentorships/${mentorshipId}/messages`, { body: 'Hello, I am here when you are ready.', clientId: randomUUID() });
}, 120_000);

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const more = (page: Page) => nav(page).getByRole('button', { name: 'More' });
const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

/**
 * The measured layout of the header and the navigation row: the places shown (a link, or the "More"
 * button), each whole (none cut, none squeezed), and how wide the page is.
 */
const layout = (page: Page) =>
  page.evaluate(() => {
    const box = (el: Element) => el.getBoundingClientRect();
    const row = document.querySelector('nav[aria-label="Main"] > ul')!;
    // The places shown (a link, or the "More" button), each whole: none cut, none squeezed.
    const shown = [...row.querySelectorAll<HTMLElement>(':scope > li > a, :scope > li button')].filter((el) => el.getClientRects().length > 0);
    const header = [...document.querySelector('header .site-header__bar')!.children].map((el) => box(el));
    return {
      viewport: document.documentElement.clientWidth,
      scrollWidth: document.documentElement.scrollWidth,
      navHeight: box(row).height,
      names: shown.map((el) => el.textContent),
      tops: shown.map((el) => Math.round(box(el).top)),
      heights: shown.map((el) => box(el).height),
      lefts: shown.map((el) => box(el).left),
      rights: shown.map((el) => box(el).right),
      clipped: shown.filter((el) => el.scrollWidth > el.clientWidth).map((el) => el.textContent),
      headerTops: header.map((r) => Math.round(r.top + r.height / 2)),
      headerRight: Math.max(...header.map((r) => r.right)),
    };
  });

/** The names of the links and buttons shown in the open "More" list, in order. */
async function moreItems(page: Page): Promise<string[]> {
  const panel = page.locator(`#${await more(page).getAttribute('aria-controls')}`);
  return panel.locator('a, button').evaluateAll((els) => els.filter((el) => el.getClientRects().length > 0).map((el) => el.textContent ?? ''));
}

describe('the site navigation', () => {
  it('takes a member through "More" to a secondary page with the keyboard alone, and closes it as it should', async () => {
    const page = await cast.open(cast.member);
    await page.goto('/');
    await heading(page, `Welcome back, ${MEMBER}`);
    const button = more(page);
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    await checkA11y(page, 'navigation: closed');

    // Tab from the top of the page to "More": every place of the row on the way, in order.
    const passed: string[] = [];
    for (let i = 0; i < 20 && !(await button.evaluate((b) => b === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
      passed.push(await focusedName(page));
    }
    expect(await button.evaluate((b) => b === document.activeElement)).toBe(true);
    expect(passed.filter((n) => ['Get help now', 'Home', 'Community', 'Peer support', 'My recovery'].includes(n))).toEqual([
      'Get help now',
      'Home',
      'Community',
      'Peer support',
      'My recovery',
    ]);

    // Enter opens it into its list; the arrows, Home and End walk it (round at the ends).
    await page.keyboard.press('Enter');
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    const items = await moreItems(page);
    expect(items[0]).toBe('Groups');
    expect(items.at(-1)).toMatch(/^Sign out/);
    await expect.poll(() => focusedName(page)).toBe('Groups');
    await page.keyboard.press('ArrowDown');
    expect(await focusedName(page)).toBe('Circles');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await focusedName(page)).toMatch(/^Sign out/);
    await page.keyboard.press('Home');
    expect(await focusedName(page)).toBe('Groups');
    await page.keyboard.press('End');
    expect(await focusedName(page)).toMatch(/^Sign out/);
    await checkA11y(page, 'navigation: "More" open');

    // Escape closes it and gives focus back to "More".
    await page.keyboard.press('Escape');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await button.evaluate((b) => b === document.activeElement)).toBe(true);
    expect(await nav(page).getByRole('link', { name: 'Groups' }).count()).toBe(0);

    // ArrowUp opens it at its last item; Tab out of it closes it.
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => focusedName(page)).toMatch(/^Sign out/);
    await page.keyboard.press('Tab');
    expect(await button.getAttribute('aria-expanded')).toBe('false');

    // A click outside closes it.
    await button.click();
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('main').click({ position: { x: 5, y: 5 } });
    expect(await button.getAttribute('aria-expanded')).toBe('false');

    // Space opens it too; down to "Strategies" and Enter follows the link: the page's heading takes focus.
    await button.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => focusedName(page)).toBe('Groups');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focusedName(page)).toBe('Strategies');
    await page.keyboard.press('Enter');
    await heading(page, 'Coping strategies');
    expect(new URL(page.url()).pathname).toBe('/library');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => focusedName(page)).toBe('Coping strategies');
    // "More" shows that the page open is one of its places.
    expect(await button.getAttribute('data-current')).toBe('true');
    await checkA11y(page, 'navigation: a page from "More"');

    // Following a link to the page already open closes the list too; the page's heading takes focus.
    await button.click();
    await nav(page).getByRole('link', { name: 'Strategies' }).click();
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await focusedName(page)).toBe('Coping strategies');
    await page.close();
  });

  it('shows role places only to those roles', async () => {
    const roleItems = ['Offers', 'My supervision', 'Safety alerts', 'Moderation', 'My supporters', 'Peer support oversight', 'Training sign-off', 'People and roles', 'Supervisors'];
    const seen = async (context: typeof cast.member) => {
      const page = await cast.open(context);
      await page.goto('/community');
      await heading(page, 'Community');
      await more(page).click();
      const items = await moreItems(page);
      await page.close();
      return items.filter((i) => roleItems.includes(i));
    };
    expect(await seen(cast.member)).toEqual([]);
    expect(await seen(cast.supporter)).toEqual(['Offers', 'My supervision']);
    expect(await seen(cast.supervisor)).toEqual(['Safety alerts', 'Moderation', 'My supporters', 'Peer support oversight', 'Training sign-off']);
    expect(await seen(cast.admin)).toEqual(['Safety alerts', 'Moderation', 'Training sign-off', 'People and roles', 'Supervisors']);
  });

  it('keeps the header and the navigation one row each from 320 pixels up, with an unread count and nothing wider than the screen', async () => {
    const page = await cast.open(cast.phone);
    await page.goto('/');
    await heading(page, 'Welcome back, small_screen_member');
    await nav(page).getByRole('link', { name: 'Peer support (1 unread message)' }).waitFor();

    // 320 is WCAG 1.4.10's reflow width; 481 just above the phone's 30rem, 640 and 641 each side
    // of the closer row's 40rem.
    for (const width of [320, 360, 481, 520, 560, 640, 641, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      const at = await layout(page);
      const where = `at ${width} px`;
      expect(at.viewport, where).toBe(width);
      // Four places on a phone ("My recovery" heads "More"), five wider.
      expect(at.names.join(' | '), where).toMatch(width <= 480 ? /^Home \| Community \| Peer support.*1 unread message.* \| More$/ : /^Home \| Community \| Peer support.*1 unread message.* \| My recovery \| More$/);
      // One row: every place starts at the same height and the row is as tall as its tallest place.
      expect(new Set(at.tops).size, where).toBe(1);
      expect(at.navHeight, where).toBe(Math.max(...at.heights));
      expect(Math.min(...at.lefts), where).toBeGreaterThanOrEqual(0);
      expect(Math.max(...at.rights), where).toBeLessThanOrEqual(width);
      // Side by side, not overlapping.
      at.lefts.slice(1).forEach((left, i) => expect(left, where).toBeGreaterThanOrEqual(at.rights[i]!));
      expect(at.clipped, where).toEqual([]);
      expect(new Set(at.headerTops).size, where).toBe(1);
      expect(at.headerRight, where).toBeLessThanOrEqual(width);
      expect(at.scrollWidth, where).toBeLessThanOrEqual(width);
    }
    await page.setViewportSize({ width: 360, height: 700 });

    // Open, the list stays inside the screen.
    await more(page).click();
    expect((await moreItems(page))[0]).toBe('My recovery');
    await nav(page).getByRole('link', { name: 'My recovery' }).waitFor();
    const panel = page.locator(`#${await more(page).getAttribute('aria-controls')}`);
    const r = (await panel.boundingBox())!;
    expect(r.x).toBeGreaterThanOrEqual(0);
    expect(r.x + r.width).toBeLessThanOrEqual(360);
    expect((await layout(page)).scrollWidth).toBeLessThanOrEqual(360);
    await checkA11y(page, 'navigation at 360 px: "More" open');
    await page.keyboard.press('Escape');

    // Scrolled down a long page, "Get help now" is still on screen, and nothing covers it: not
    // even the open "More" list, which scrolls with the page and so passes under the header.
    await page.goto('/help');
    await heading(page, 'Get help now');
    const helpButton = page.getByRole('banner').getByRole('button', { name: 'Get help now' });
    await more(page).click();
    for (const y of [120, 200]) {
      await page.evaluate((y) => window.scrollTo(0, y), y);
      const hit = await helpButton.evaluate((b, panelId) => {
        const box = b.getBoundingClientRect();
        const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
        const list = document.getElementById(panelId)!.getBoundingClientRect();
        const top = document.elementFromPoint(x, y);
        return {
          scrollY: window.scrollY,
          // The list is there, under the button's centre...
          listUnder: list.left <= x && x <= list.right && list.top <= y && y <= list.bottom,
          // ...and the button is what a tap there reaches.
          reached: top === b || b.contains(top) ? 'Get help now' : (top?.textContent ?? '').trim(),
        };
      }, (await more(page).getAttribute('aria-controls'))!);
      expect(hit.scrollY).toBe(y);
      expect(await more(page).getAttribute('aria-expanded')).toBe('true');
      expect(hit.listUnder, `the list reaches the header at ${y} px`).toBe(true);
      expect(hit.reached, `scrolled ${y} px`).toBe('Get help now');
    }
    await page.keyboard.press('Escape');
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    const help = (await helpButton.boundingBox())!;
    expect(help.y).toBeGreaterThanOrEqual(0);
    expect(help.y + help.height).toBeLessThanOrEqual(700);
    await page.close();
  });

  it('shows the main helpline\'s call button on the first screen of "Get help now" on a small phone, before the rest', async () => {
    const page = await cast.open(cast.phone);
    for (const [width, height] of [
      [320, 640],
      [375, 667],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.goto('/help');
      await heading(page, 'Get help now');
      // The region's main line (for the member in GB, Samaritans) is the first call in the page,
      // whole on the screen as it opens: no scrolling to reach it.
      const call = page.getByRole('main').locator('a[href^="tel:"]').first();
      await call.waitFor();
      expect(await call.textContent()).toMatch(/^Call Samaritans on /);
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      const box = (await call.boundingBox())!;
      expect(box.x, `${width}×${height}`).toBeGreaterThanOrEqual(0);
      expect(box.y, `${width}×${height}`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${width}×${height}`).toBeLessThanOrEqual(width);
      expect(box.y + box.height, `${width}×${height}`).toBeLessThanOrEqual(height);
      // Nothing covers it: a tap on its centre reaches it.
      expect(await call.evaluate((a) => { const r = a.getBoundingClientRect(); const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2); return top === a || a.contains(top); })).toBe(true);
      // The rest follows it, in reading order: the disclaimer, the region picker, every line.
      const order = await page.getByRole('main').evaluate((main) => {
        const els = [main.querySelector('h1'), main.querySelector('a[href^="tel:"]'), main.querySelector('.notice--warn'), main.querySelector('select')];
        return els.map((e, i) => (e && i > 0 && els[i - 1] ? Boolean(els[i - 1]!.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING) : Boolean(e)));
      });
      expect(order).toEqual([true, true, true, true]);
      await checkA11y(page, `"Get help now" at ${width}×${height}`);
    }
    // The region picker, now further down, is one keypress away from the top.
    await page.getByRole('main').getByRole('link', { name: 'Choose another country or region' }).press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');
    await heading(page, 'Get help now');
    await page.close();
  });

  it('never leaves the focused control under the sticky header when Shift+Tab walks back up a long page', async () => {
    const page = await cast.open(cast.member);
    await page.setViewportSize({ width: 800, height: 500 });
    await page.goto('/recovery');
    await heading(page, 'My plan');
    const last = page.locator('main').locator('button, input, textarea, select, a[href]').last();
    await last.focus();
    const covered: string[] = [];
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Shift+Tab');
      const hidden = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || !el.closest('main')) return null;
        const bar = document.querySelector('header .site-header__bar')!.getBoundingClientRect();
        const r = el.getBoundingClientRect();
        // Covered when the header's bar hides its top edge (WCAG 2.4.11, focus not obscured).
        return r.top < bar.bottom ? `${el.tagName} ${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 40)}` : null;
      });
      if (hidden) covered.push(hidden);
    }
    expect(covered).toEqual([]);
    await page.close();
  });

  it('gives a visitor at 360 pixels the same one row, with "Sign in" and "Join Kindred" under "More"', async () => {
    const context = await cast.newContext({ width: 360 });
    const page = await cast.open(context);
    await page.goto('/');
    await nav(page).getByRole('link', { name: 'Community' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const row = nav(page).locator(':scope > ul > li > a, :scope > ul > li button');
    const shown = await row.evaluateAll((els) => els.filter((el) => el.getClientRects().length > 0).map((el) => ({ name: el.textContent, top: Math.round(el.getBoundingClientRect().top), right: el.getBoundingClientRect().right })));
    expect(shown.map((x) => x.name)).toEqual(['Home', 'Community', 'Peer support', 'More']);
    expect(new Set(shown.map((x) => x.top)).size).toBe(1);
    expect(Math.max(...shown.map((x) => x.right))).toBeLessThanOrEqual(360);
    await more(page).click();
    // On a phone "Sign in" heads "More"; wider, it is in the row.
    expect(await moreItems(page)).toEqual(['Sign in', 'Groups', 'Join Kindred']);
    await checkA11y(page, 'navigation: a visitor, "More" open');
    await context.close();
  });
});
