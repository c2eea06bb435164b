/**
 * Acceptance of issue 8 (practical help and recovery) in real Chromium against the real server. A
 * member finds a strategy in the library, marks "This helped me" and saves it to their plan; shares
 * a strategy of their own and suggests a resource for the directory (helplines filtered); fills
 * in the Stanley–Brown safety plan; has check-ins on earlier days (made through the API while the
 * server's clock is set back, since the API dates a check-in by the server's clock and takes no
 * date) and checks in today through the quick check-in; sees the trend chart with its gaps and the
 * same days as a table; writes and finds a journal entry; and produces a therapist summary with
 * exactly the parts chosen, ready to print. axe-core checks every page visited.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ORGANISER, useCast } from './cast.js';
import { checkA11y, heading } from './harness.js';

const MEMBER = 'still_water';
const DAY = 86_400_000;
const JOURNAL = 'Talked to my sister about the move. Felt lighter afterwards, slept better.';

// The first account on a fresh install is the admin; the member is someone else.
const cast = useCast(
  { admin: ORGANISER, member: { handle: MEMBER, password: 'member password sss', region: 'GB', locale: 'en-GB' } },
  { server: { movableClock: true } },
);
let page: Page;

beforeAll(async () => {
  page = await cast.open(cast.member);
});

/** A check-in through the API, dated `daysAgo` days back by the server's own clock. */
async function checkInDaysAgo(daysAgo: number, mood: number): Promise<void> {
  await cast.server.setClockOffset(-daysAgo * DAY);
  try {
    const { token } = (await (await cast.member.request.get('/api/auth/csrf')).json()) as { token: string };
    const res = await cast.member.request.post('/api/me/checkins', { headers: { 'x-csrf-token': token }, data: { mood, sleepHours: 7 } });
    expect(res.status()).toBe(201);
  } finally {
    await cast.server.setClockOffset(0);
  }
}

describe('recovery in the browser', () => {
  it('finds a strategy, marks that it helped and saves it to the plan', async () => {
    await page.goto('/library');
    await heading(page, 'Coping strategies');
    await page.getByRole('heading', { name: 'Box breathing' }).waitFor();
    await checkA11y(page, 'strategies library');

    await page.getByLabel('Search strategies').fill('breathing');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/q=breathing/);
    await page.getByRole('link', { name: 'Box breathing' }).click();
    await heading(page, 'Box breathing');
    await page.getByRole('heading', { name: 'Steps' }).waitFor();
    await checkA11y(page, 'strategy page');

    const helped = page.getByRole('button', { name: /This helped me/ });
    expect(await helped.getAttribute('aria-pressed')).toBe('false');
    await helped.click();
    // The server's answer sets the pressed state and the count.
    await page.locator('button[aria-pressed="true"]', { hasText: 'This helped me' }).waitFor();
    await page.getByText('1 person found this helped').waitFor();

    await page.getByRole('button', { name: 'Save to my plan' }).click();
    await page.getByRole('button', { name: 'Remove from my plan' }).waitFor();
    await page.getByRole('status').getByText('Saved to my plan').waitFor();
    await checkA11y(page, 'strategy saved');
  });

  it('shares a strategy of their own and suggests a resource for the directory', async () => {
    await page.getByRole('link', { name: 'Write a strategy' }).click();
    await heading(page, 'Write a strategy');
    await checkA11y(page, 'write a strategy');
    await page.getByLabel('Title').fill('Cold water on the wrists');
    await page.getByLabel('Step 1').fill('Run the cold tap and hold your wrists under it.');
    await page.getByRole('button', { name: 'Add a step' }).click();
    await page.getByLabel('Step 2').fill('Count ten slow breaths while the water runs.');
    await page.getByLabel('When it helps', { exact: true }).fill('When panic starts to rise and you need to come back to your body.');
    await page.getByRole('group', { name: 'Situations' }).getByLabel('Panic attack').check();
    await page.getByRole('button', { name: 'Share strategy' }).click();
    await page.getByText('Thank you: your strategy is in the library.').waitFor();
    await page.getByRole('link', { name: 'See your strategy' }).click();
    await heading(page, 'Cold water on the wrists');
    await page.getByText(`By ${MEMBER}`).waitFor();

    await page.getByRole('link', { name: 'Directory' }).first().click();
    await heading(page, 'Resource directory');
    await page.getByLabel('Kind').first().selectOption('hotline');
    await page.getByRole('button', { name: 'Show resources' }).click();
    await page.waitForURL(/kind=hotline/);
    // The foundation's crisis lines are part of the directory.
    await page.getByText('Crisis line').first().waitFor();
    await checkA11y(page, 'resource directory, helplines');

    const suggest = page.getByRole('region', { name: 'Suggest a resource' });
    await suggest.getByLabel('Name').fill('Harbour peer support group');
    await suggest.getByLabel('Region').fill('GB');
    await suggest.getByLabel('Kind').selectOption('peer_group');
    await suggest.getByLabel('Website (optional)').fill('https://example.org/harbour');
    await suggest.getByLabel('What it offers').fill('A weekly peer-run group for people living with anxiety, in person and online.');
    await suggest.getByRole('button', { name: 'Send suggestion' }).click();
    await suggest.getByText('Thank you. A supervisor will check it before it appears in the directory.').waitFor();
    await checkA11y(page, 'resource suggested');
  });

  it('shows the saved strategy in my plan and keeps a filled-in safety plan', async () => {
    await page.getByRole('link', { name: 'My recovery' }).click();
    await heading(page, 'My plan');
    await page.getByRole('region', { name: 'Strategies I saved' }).getByRole('link', { name: 'Box breathing' }).waitFor();

    const add = async (section: string, label: string, text: string, phone?: string) => {
      const group = page.getByRole('group', { name: section });
      await group.getByLabel(label, { exact: true }).fill(text);
      if (phone) await group.getByLabel('Phone (optional)').fill(phone);
      // Enter adds the line, as the Add button would.
      await group.getByLabel(label, { exact: true }).press('Enter');
      await group.getByRole('list').getByText(phone ? `${text} (${phone})` : text, { exact: true }).waitFor();
    };
    await add('1. My warning signs', 'Warning sign', 'Not answering messages');
    await add('1. My warning signs', 'Warning sign', 'Staying up past 3am');
    await add('2. Things I can do on my own', 'Coping idea', 'Box breathing for four rounds');
    await add('4. People I can ask for help', 'Person', 'My sister Ana', '07700 900123');
    await add('5. Professionals and crisis lines', 'Professional or service', 'Dr Okafor, GP', '020 7946 0000');
    await add('6. Making my surroundings safe', 'Step', 'Give spare tablets to the pharmacy');
    // A line can be taken out again with the keyboard.
    const signs = page.getByRole('group', { name: '1. My warning signs' });
    await signs.getByRole('button', { name: 'Remove Staying up past 3am' }).press('Enter');
    await signs.getByText('Staying up past 3am', { exact: true }).waitFor({ state: 'detached' });
    await page.getByLabel('What matters most to me and is worth living for').fill('My dog, Biscuit, and the sea in summer.');
    // The crisis lines for the member's region sit beside the plan.
    await page.getByRole('region', { name: 'Crisis lines where you are' }).getByRole('heading', { name: 'Samaritans' }).waitFor();
    await checkA11y(page, 'my plan with the safety plan filled in');

    await page.getByRole('button', { name: 'Save safety plan' }).click();
    await page.getByText('Your safety plan is saved.').waitFor();

    await page.reload();
    await heading(page, 'My plan');
    const helpers = page.getByRole('group', { name: '4. People I can ask for help' });
    await helpers.getByText('My sister Ana (07700 900123)', { exact: true }).waitFor();
    expect(await page.getByRole('group', { name: '1. My warning signs' }).getByRole('listitem').count()).toBe(1);
    await page.getByText(/^Last saved /).waitFor();
  });

  it('checks in today after check-ins on earlier days, and shows the trend with gaps and as a table', async () => {
    await checkInDaysAgo(5, 2);
    await checkInDaysAgo(4, 3);
    await checkInDaysAgo(2, 4);

    await page.getByRole('link', { name: 'Check-in' }).click();
    await heading(page, 'Check-in');
    const chart = page.getByRole('img', { name: /Mood from/ });
    await chart.waitFor();
    expect(await chart.getAttribute('aria-label')).toContain('3 days with a check-in');
    await checkA11y(page, 'check-in page');
    // Without circles there is nothing to offer: no sharing group at all.
    expect(await page.getByRole('group', { name: 'Share this check-in with my circles' }).count()).toBe(0);

    await page.getByRole('group', { name: 'My mood' }).getByLabel('5 – Very good').check();
    await page.getByLabel('Hopeful').check();
    await page.getByLabel('Hours slept (optional)').fill('7.5');
    await page.getByRole('button', { name: 'Check in' }).click();
    await page.getByText('Checked in. Thank you for taking a moment for yourself.').waitFor();

    // The chart is redrawn from the server's trend: four days with a mood, and the missing days
    // break the line (days −5 and −4 together, −2 alone, today alone) instead of drawing zeros.
    await page.getByRole('img', { name: /4 days with a check-in/ }).waitFor();
    expect(await page.locator('svg.trend-chart circle').count()).toBe(4);
    expect(await page.locator('svg.trend-chart polyline').count()).toBe(3);
    // Every day's label is drawn whole inside the chart: today's, at the right edge, is not cut off.
    const outside = await page.locator('svg.trend-chart').first().evaluate((svg: SVGSVGElement) => {
      const { width } = svg.viewBox.baseVal;
      return [...svg.querySelectorAll('text')].filter((t) => { const b = t.getBBox(); return b.x < 0 || b.x + b.width > width; }).map((t) => t.textContent);
    });
    expect(outside).toEqual([]);

    const toggle = page.getByRole('button', { name: 'Show as table' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    const table = page.getByRole('table', { name: /Mood per day/ });
    await table.waitFor();
    expect(await page.getByRole('button', { name: 'Hide table' }).getAttribute('aria-expanded')).toBe('true');

    // The table has exactly the server's days, in order, with gaps written out.
    const trend = (await (await cast.member.request.get('/api/me/checkins/trend?range=week')).json()) as { days: { date: string; mood: number | null }[] };
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(trend.days.length);
    const moods = await rows.locator('td:first-of-type').allInnerTexts();
    expect(moods).toEqual(trend.days.map((d) => (d.mood === null ? 'No check-in' : String(d.mood))));
    expect(moods.filter((m) => m !== 'No check-in')).toEqual(['2', '3', '4', '5']);
    expect(moods).toContain('No check-in');
    await checkA11y(page, 'check-in page with the trend table');

    await page.getByLabel('Month', { exact: true }).check();
    await page.getByRole('table', { name: /Mood per day/ }).locator('tbody tr').nth(25).waitFor();
    await checkA11y(page, 'trend for a month');
  });

  it('draws the trend with round dots, whole inside the chart, and whole labels on a 320 pixel phone', async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    try {
      await page.goto('/recovery/checkin');
      await heading(page, 'Check-in');
      const chart = page.getByRole('img', { name: /4 days with a check-in/ });
      await chart.waitFor();
      await chart.scrollIntoViewIfNeeded();
      // As drawn on the screen: each dot as wide as it is high (a circle, not an ellipse), and all of
      // it inside the chart's frame, today's at the right edge too.
      const dots = await page.locator('svg.trend-chart').first().evaluate((svg: SVGSVGElement) => {
        const frame = svg.getBoundingClientRect();
        const inner = { left: frame.left + svg.clientLeft, top: frame.top + svg.clientTop, right: frame.left + svg.clientLeft + svg.clientWidth, bottom: frame.top + svg.clientTop + svg.clientHeight };
        return [...svg.querySelectorAll('circle')].map((c) => {
          const b = c.getBoundingClientRect();
          return { width: b.width, height: b.height, inside: b.left >= inner.left && b.right <= inner.right && b.top >= inner.top && b.bottom <= inner.bottom };
        });
      });
      expect(dots).toHaveLength(4);
      for (const [i, d] of dots.entries()) {
        expect(Math.abs(d.width - d.height), `dot ${i}: ${d.width}×${d.height}`).toBeLessThanOrEqual(1);
        expect(d.inside, `dot ${i} inside the chart`).toBe(true);
      }
      // The labels still fit, and the table alternative is still there.
      const outside = await page.locator('svg.trend-chart').first().evaluate((svg: SVGSVGElement) => {
        const { width } = svg.viewBox.baseVal;
        return [...svg.querySelectorAll('text')].filter((t) => { const b = t.getBBox(); return b.x < 0 || b.x + b.width > width; }).map((t) => t.textContent);
      });
      expect(outside).toEqual([]);
      await page.getByRole('button', { name: 'Show as table' }).click();
      await page.getByRole('table', { name: /Mood per day/ }).waitFor();
      await checkA11y(page, 'check-in page at 320 px');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('writes a journal entry that only the member can read, and finds it by search', async () => {
    await page.getByRole('link', { name: 'Journal' }).click();
    await heading(page, 'Journal');
    await page.getByText(/Only you can read this journal/).waitFor();
    await page.getByText('No entries yet.').waitFor();
    await checkA11y(page, 'empty journal');

    await page.getByLabel('Title (optional)').fill('After the call');
    await page.getByLabel('What is on your mind').fill(JOURNAL);
    await page.getByRole('button', { name: 'Save entry' }).click();
    await page.getByText('Entry saved.').waitFor();
    const entry = page.getByRole('article', { name: 'Entry After the call' });
    await entry.getByText(JOURNAL).waitFor();

    await page.getByLabel('Search my entries').fill('sist');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await entry.waitFor();
    await page.getByLabel('Search my entries').fill('zebra');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('No entries match.').waitFor();
    await page.getByRole('button', { name: 'Clear search' }).click();
    await entry.waitFor();
    await checkA11y(page, 'journal with an entry');
  });

  it('produces a therapist summary with exactly the chosen parts, ready to print', async () => {
    await page.getByRole('link', { name: 'Therapist summary' }).click();
    await heading(page, 'Therapist summary');
    await page.getByText(/Nothing is shared unless you take it/).waitFor();
    await page.getByLabel(/^After the call/).waitFor();
    await checkA11y(page, 'summary choices');

    // Mood trend and goals are ticked by default; the member adds the safety plan and the entry,
    // and leaves goals out.
    await page.getByLabel('Goals and progress').uncheck();
    await page.getByLabel('Safety plan').check();
    await page.getByLabel(/^After the call/).check();
    await page.getByRole('button', { name: 'Preview summary' }).click();

    const doc = page.getByRole('article', { name: `Summary for ${MEMBER}` });
    await doc.waitFor();
    await doc.getByText('Average mood: 3.5 from 4 check-ins').waitFor();
    await doc.getByText(JOURNAL).waitFor();
    await doc.getByText('My sister Ana (07700 900123)').waitFor();
    await doc.getByText('Give spare tablets to the pharmacy').waitFor();
    expect(await doc.getByRole('heading', { name: 'Goals and progress' }).count()).toBe(0);
    await checkA11y(page, 'therapist summary preview');

    // "Print or save as PDF" opens the browser's print dialog (recorded, not opened, here).
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed += 1;
      };
    });
    await page.getByRole('button', { name: 'Print or save as PDF' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

    // The print stylesheet leaves only the summary: no header, navigation, choices or buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Preview summary' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(false);
    expect(await doc.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    expect(cast.problems).toEqual([]);
  });

  it('shares a check-in only into the circle ticked for it; nothing is ticked by default', async () => {
    const { context: friend } = await cast.join({ handle: 'kind_friend', password: 'friend password ff', region: 'GB', locale: 'en-GB' });
    const csrf = async (c: BrowserContext) => ({ 'x-csrf-token': ((await (await c.request.get('/api/auth/csrf')).json()) as { token: string }).token });
    const post = async (c: BrowserContext, url: string, data: object) => {
      const res = await c.request.post(url, { headers: await csrf(c), data });
      expect(res.status(), url).toBeLessThan(300);
      return res.json() as Promise<{ id: string; token: string }>;
    };
    // Made outside this page (like in another tab): the form asks for my circles afresh when it opens.
    const family = await post(cast.member, '/api/circles', { name: 'Family' });
    const club = await post(cast.member, '/api/circles', { name: 'Running club' });
    const invitation = await post(cast.member, `/api/circles/${family.id}/invitations`, {});
    expect((await friend.request.post('/api/circle-invitations/accept', { headers: await csrf(friend), data: { token: invitation.token } })).status()).toBe(200);

    await page.getByRole('link', { name: 'Check-in' }).click();
    await heading(page, 'Check-in');
    const share = page.getByRole('group', { name: 'Share this check-in with my circles' });
    await share.waitFor();
    expect(await share.getByRole('checkbox', { name: 'Family' }).isChecked()).toBe(false);
    expect(await share.getByRole('checkbox', { name: 'Running club' }).isChecked()).toBe(false);
    await checkA11y(page, 'check-in with circles to share into');

    await page.getByRole('group', { name: 'My mood' }).getByLabel('3 – Okay').check();
    await page.getByLabel('A short note (optional)').fill('Long walk with the dog, feeling steadier.');
    await share.getByRole('checkbox', { name: 'Family' }).check();
    await page.getByRole('button', { name: 'Check in' }).click();
    await page.getByText('Shared with 1 circle.').waitFor();
    // The form is reset: the next check-in starts private again.
    expect(await share.getByRole('checkbox', { name: 'Family' }).isChecked()).toBe(false);

    const seen = (await (await friend.request.get(`/api/circles/${family.id}/checkins`)).json()) as { checkins: { mood: number; note: string }[] };
    expect(seen.checkins).toEqual([expect.objectContaining({ mood: 3, note: 'Long walk with the dog, feeling steadier.' })]);
    expect(((await (await cast.member.request.get(`/api/circles/${club.id}/checkins`)).json()) as { checkins: unknown[] }).checkins).toEqual([]);
    await friend.close();
    expect(cast.problems).toEqual([]);
  });
});
