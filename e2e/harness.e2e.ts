/**
 * The accessibility check every browser test leans on (`checkA11y`) runs axe-core itself, so it is
 * checked here to fail on real violations: a check that cannot fail would let every page pass.
 * `trackRequests` decides when a page has finished loading for the XSS test's audits, so it is
 * checked here not to settle before a read that another read starts; and `renderedAll`, which the
 * audits wait on for what renders without a request, to wait for a whole thread on a slow CPU.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstReadUrls } from '../src/contracts/first-reads.js';
import { signUpWithApi } from './api.js';
import { checkA11y, heading, launchBrowser, newContext, renderedAll, startServer, trackRequests } from './harness.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const accessible = `<!doctype html><html lang="en"><head><title>Fine</title></head>
  <body><main><h1>Fine</h1><p>Readable text.</p><button>Go</button></main></body></html>`;

describe('checkA11y', () => {
  it('passes an accessible page, also when asked twice (axe already in the page)', async () => {
    const page = await browser.newPage();
    await page.setContent(accessible);
    await checkA11y(page, 'fine page');
    await checkA11y(page, 'fine page again');
    await page.close();
  });

  it('fails with the rule and the element: low contrast, an image without text, a nameless button', async () => {
    const page = await browser.newPage();
    await page.setContent(`<!doctype html><html lang="en"><head><title>Poor</title></head>
      <body><main><h1>Poor</h1><p id="faint" style="color:#ccc;background:#fff">Faint text</p>
      <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" id="bare"><button id="empty"></button></main></body></html>`);
    const failure = await checkA11y(page, 'poor page').then(() => null, (err: Error) => err.message);
    expect(failure).toContain('color-contrast');
    expect(failure).toContain('#faint');
    expect(failure).toContain('image-alt');
    expect(failure).toContain('button-name');
    expect(failure).toContain('"poor page"');
    await page.close();
  });

  it('checks the colours a transition ends on, not the ones it passes through', async () => {
    const page = await browser.newPage();
    await page.setContent(`<!doctype html><html lang="en"><head><title>Fade</title>
      <style>#fade { color: #fff; background: #fff; transition: color 400ms linear; } #fade.dark { color: #111; }</style></head>
      <body><main><h1>Fade</h1><p id="fade">Text that darkens</p></main></body></html>`);
    // Starts a 400 ms transition from white on white (unreadable) to near-black on white.
    await page.evaluate(() => document.getElementById('fade')!.classList.add('dark'));
    await checkA11y(page, 'faded in');
    await page.close();
  });
});

describe('trackRequests', () => {
  it('settles only once a read started after another read has arrived and been rendered', async () => {
    const page = await browser.newPage();
    // The page reads /first; once it has shown it, a timer starts /second (as a render's effect
    // would), whose answer the route holds for two frames: not settled until both are on screen.
    await page.route('http://kindred.test/**', async (route) => {
      const { pathname } = new URL(route.request().url());
      if (pathname === '/first') return route.fulfill({ contentType: 'text/plain', body: 'first' });
      if (pathname === '/second') {
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
        return route.fulfill({ contentType: 'text/plain', body: 'second' });
      }
      return route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><head><title>Reads</title></head><body><main><h1>Reads</h1><p id="out"></p></main><script>
          const out = document.getElementById('out');
          fetch('/first').then((r) => r.text()).then((text) => {
            out.textContent = text;
            setTimeout(() => fetch('/second').then((r) => r.text()).then((more) => { out.textContent += ' ' + more; }), 0);
          });
        </script></body></html>`,
      });
    });
    const network = trackRequests(page);
    await page.goto('http://kindred.test/');
    await network.settled();
    expect(await page.locator('#out').textContent()).toBe('first second');
    await page.close();
  });
});

describe('renderedAll', () => {
  it('waits for every reply of a thread, which React renders in the background with no request to tell (CPU slowed 6×)', async () => {
    const server = await startServer({ env: { KINDRED_WRITE_RATE_LIMIT_PER_MINUTE: '100000' } });
    try {
      const context = await newContext(browser, server.baseURL);
      // The first account on a fresh install is the admin, who opens a space.
      const { api } = await signUpWithApi(context, 'organiser');
      const space = await api.expect('POST', '/api/admin/spaces', {
        slug: 'hard-days',
        name: 'Hard days',
        description: 'Getting through the difficult ones together.',
        houseRules: 'Be kind.',
        allowAnonymous: false,
      });
      const thread = await api.expect('POST', `/api/spaces/${space.body.id}/threads`, { kind: 'question', title: 'What helps on a hard day?', body: 'I would like to hear what works for you.' });
      const id = thread.body.thread.id as string;
      for (let i = 1; i <= 30; i++) {
        await api.expect('POST', `/api/threads/${id}/posts`, {
          body: `Reply ${i}: a **short walk** helps me, then a cup of tea and a call to a friend.\n\n- breathing slowly\n- writing it down\n- *sleeping* on it`,
        });
      }
      // As many replies as the page's first read gives (the opening post is rendered apart).
      const { posts } = (await api.expect('GET', firstReadUrls.thread(id))).body as { posts: { isOpening: boolean }[] };
      const replies = posts.filter((p) => !p.isOpening).length;
      expect(replies).toBeGreaterThanOrEqual(20);

      const page = await context.newPage();
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
      const network = trackRequests(page);
      await page.goto(`/community/threads/${id}`);
      await heading(page, 'What helps on a hard day?');
      // settled() alone: every read has arrived, and on this CPU the deferred replies may not be there yet.
      await network.settled();
      const entries = page.locator('ol.post-list > li');
      await renderedAll(entries, replies);
      // Counted once, right away: all of them are on the page when renderedAll resolves.
      expect(await entries.count()).toBe(replies);
      await cdp.detach();
      await context.close();
    } finally {
      await server.stop();
    }
  });
});
