import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { freePort, waitUntilHealthy } from '../test/server-process.js';

export const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const distIndex = path.join(rootDir, 'dist', 'web', 'index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Builds the web app when dist/web is missing or older than anything the build reads: the app
 * (src/web, with its index.html), what it imports from outside it (src/contracts, src/safety: the
 * empathy feedback screens a draft as the server does), the vite config and its plugins
 * (scripts/vite-first-paint.ts), and the installed packages (package-lock.json).
 */
export function ensureWebBuild(): void {
  const built = fs.existsSync(distIndex) ? fs.statSync(distIndex).mtimeMs : 0;
  const sources = Math.max(
    ...['src/web', 'src/contracts', 'src/safety'].map((dir) => newestMtime(path.join(rootDir, dir))),
    ...['vite.config.ts', 'scripts/vite-first-paint.ts', 'package-lock.json'].map((file) => fs.statSync(path.join(rootDir, file)).mtimeMs),
  );
  if (built > sources) return;
  const res = spawnSync(process.execPath, [path.join(rootDir, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: rootDir,
    stdio: 'inherit',
    // vitest sets NODE_ENV=test, which would give a development build of React.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (res.status !== 0) throw new Error('vite build failed');
}

export interface RunningServer {
  baseURL: string;
  /** The database and key file it runs on (for a second instance on the same ones, `startServer({ sameFilesAs })`). */
  files: { DATABASE_URL: string; KINDRED_KEY_FILE: string };
  stop(): Promise<void>;
  /**
   * Only with `startServer({ movableClock: true })`: moves the server's clock by `offsetMs` from
   * real time (0 puts it back), for data that must carry an earlier date, such as check-ins on
   * earlier days. Resolves once the server has applied it.
   */
  setClockOffset(offsetMs: number): Promise<void>;
  /**
   * A graceful restart as an operator does it: SIGTERM, wait for the process to exit (it closes
   * WebSockets with a reconnect hint first), run `whileDown` if given, then start the server again
   * on the same port with the same database and key file. Resolves once it answers /api/health.
   */
  restart(whileDown?: () => Promise<void>): Promise<void>;
}

export interface StartOptions {
  movableClock?: boolean;
  /** Extra environment for the server, e.g. a higher KINDRED_RATE_LIMIT_PER_MINUTE for a test that writes a lot. */
  env?: Record<string, string>;
  /**
   * Runs before the first start with the database and key file the server will use, e.g. to seed
   * them (`npm run scan` fills them with the demo).
   */
  prepare?: (files: { DATABASE_URL: string; KINDRED_KEY_FILE: string }) => Promise<void>;
  /**
   * A second instance on another port with the same database and key file as `sameFilesAs`, but a
   * bus of its own (SQLite: in-process), so its session cache does not hear of the first's changes.
   */
  sameFilesAs?: RunningServer;
}

/**
 * Starts the real server on a free port with a fresh SQLite database: `src/server/main.ts`, or with
 * `movableClock` the same app built by `e2e/movable-clock-server.ts`, whose clock the test can move.
 */
export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  ensureWebBuild();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindred-e2e-'));
  const port = await freePort();
  // Compiled once for the run by e2e/global-setup.ts; through tsx outside the browser tests (npm run scan).
  const compiled = process.env.VITEST ? (await import('vitest')).inject('e2eServer') : undefined;
  const args = compiled
    ? [opts.movableClock ? compiled.movableClock : compiled.main]
    : ['--import', 'tsx', opts.movableClock ? 'e2e/movable-clock-server.ts' : 'src/server/main.ts'];
  const baseURL = `http://127.0.0.1:${port}`;
  const files = opts.sameFilesAs?.files ?? { DATABASE_URL: `sqlite:${path.join(dir, 'kindred.db')}`, KINDRED_KEY_FILE: path.join(dir, 'key') };
  await opts.prepare?.(files);

  const launch = async () => {
    const child: ChildProcess = spawn(process.execPath, args, {
      cwd: rootDir,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        ...files,
        LOG_LEVEL: 'warn',
        // Every browser context of a test (admin, supervisor, members) comes from 127.0.0.1: the
        // per-IP limit is for one person, here it would count four together (its own tests cover it).
        KINDRED_RATE_LIMIT_PER_MINUTE: process.env.KINDRED_RATE_LIMIT_PER_MINUTE ?? '3000',
        ...opts.env,
      },
      stdio: opts.movableClock ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

    await waitUntilHealthy(child, baseURL, () => output, { timeoutMs: 90_000, pollMs: 250 });
    return { child, exited };
  };

  const terminate = async ({ child, exited }: Awaited<ReturnType<typeof launch>>) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  let current = await launch();
  return {
    baseURL,
    files,
    setClockOffset(offsetMs: number) {
      const { child } = current;
      if (!opts.movableClock || !child.send) return Promise.reject(new Error('start the server with { movableClock: true } to move its clock'));
      return new Promise<void>((resolve, reject) => {
        child.once('message', () => resolve());
        child.send!({ offsetMs }, (err) => (err ? reject(err) : undefined));
      });
    },
    async restart(whileDown) {
      await terminate(current);
      await whileDown?.();
      current = await launch();
    },
    async stop() {
      await terminate(current);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface ContextOptions {
  /** Default en-US. */
  locale?: string;
  /** The viewport's width; default 1280 (a desktop), 390 is a phone. */
  width?: number;
  /** Default the machine's. */
  timezoneId?: string;
}

/** A context (900 pixels high) whose relative URLs resolve against the server. */
export async function newContext(browser: Browser, baseURL: string, opts: ContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: { width: opts.width ?? 1280, height: 900 },
    locale: opts.locale ?? 'en-US',
    ...(opts.timezoneId ? { timezoneId: opts.timezoneId } : {}),
    acceptDownloads: true,
  });
}

/**
 * Fails with every axe-core violation (rule, help, targets) on the page as it is now.
 *
 * axe-core runs in the page itself, injected once per document (an in-app navigation keeps it):
 * `@axe-core/playwright`'s AxeBuilder injected the 550 kB script again on every call and finished
 * each run in a fresh blank page, ~0.9 s a check against ~0.3 s here, which was a third of the
 * browser tests' time in CI. Same rules (axe's defaults), same engine version; our pages have no
 * frames, so running in the top document misses nothing (the XSS test fails if one ever appears).
 */
export async function checkA11y(page: Page, label: string): Promise<void> {
  const injected = await page.evaluate(() => 'axe' in window);
  if (!injected) await page.evaluate(axe.source);
  // The page at rest: a colour mid-transition (a button just clicked, under the pointer) is not
  // what anyone reads, and would make the contrast check depend on how fast the machine is.
  // Only violations are read: asking axe for no passes spares it describing every passing node.
  const results = await page.evaluate(async () => {
    const ending = document.getAnimations().filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity);
    await Promise.all(ending.map((animation) => animation.finished.catch(() => undefined)));
    return (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] });
  });
  if (results.violations.length === 0) return;
  const lines = results.violations.map(
    (v) => `- ${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  throw new Error(`axe-core found ${results.violations.length} violation(s) on "${label}":\n${lines.join('\n')}`);
}

/**
 * Arranges an account through the API with the context's own cookie jar (so the context is then
 * signed in as it). Used for people a test needs but whose sign-up it is not about.
 */
export async function signUpViaApi(context: BrowserContext, body: { handle: string; password: string; region?: string }): Promise<{ id: string }> {
  const { token } = (await (await context.request.get('/api/auth/csrf')).json()) as { token: string };
  const res = await context.request.post('/api/auth/sign-up', {
    headers: { 'x-csrf-token': token },
    data: { ...body, ageConfirmed: true },
  });
  if (res.status() !== 201) throw new Error(`sign-up of ${body.handle} failed: ${res.status()} ${await res.text()}`);
  return { id: ((await res.json()) as { id: string }).id };
}

/**
 * Collects uncaught page errors and CSP violations, which axe cannot see, into `problems` as they
 * happen (later, not only now: pass the list to fill rather than copying what this returns).
 */
export function watchConsole(page: Page, problems: string[] = []): string[] {
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) problems.push(`csp: ${msg.text()}`);
  });
  return problems;
}

/**
 * The site navigation with its "More" list open (every place but the row's few: the member's other
 * spaces, their roles' places, their account), for following one of its links.
 */
export async function openMore(page: Page): Promise<Locator> {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const more = nav.getByRole('button', { name: 'More' });
  if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
  return nav;
}

/**
 * Counts `page`'s requests from now on (attach before `goto`). `settled()` resolves once none is in
 * flight and none has started over the next two frames and a task (a render that follows a read may
 * start another), checked again until it holds: the condition `waitForLoadState('networkidle')`
 * waits for, without its fixed 500 ms of silence after every page.
 *
 * It proves nothing about renders that make no request: a list React renders in the background
 * (`useDeferredValue`: a thread's replies, a conversation's messages) may still be missing when it
 * resolves (on a slow CPU, all of it; `networkidle` had the same gap). For those, wait for proof
 * that they are on screen (`renderedAll`).
 */
export function trackRequests(page: Page): { settled(): Promise<void> } {
  let inflight = 0;
  let started = 0;
  let waiters: (() => void)[] = [];
  const finished = () => {
    inflight -= 1;
    if (inflight > 0) return;
    const wake = waiters;
    waiters = [];
    for (const w of wake) w();
  };
  page.on('request', () => {
    inflight += 1;
    started += 1;
  });
  page.on('requestfinished', finished);
  page.on('requestfailed', finished);
  return {
    async settled() {
      for (;;) {
        if (inflight > 0) {
          await new Promise<void>((resolve) => waiters.push(resolve));
          continue;
        }
        const seen = started;
        await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)))));
        if (inflight === 0 && started === seen) return;
      }
    },
  };
}

/**
 * Resolves once `items` (a locator for one list's rendered entries) matches at least `count`
 * elements, e.g. as many replies as the API gives the viewer: proof that a list rendered in the
 * background is all on the page, which no request tells (see `trackRequests`). Rejects after `timeout`.
 */
export async function renderedAll(items: Locator, count: number, timeout = 15_000): Promise<void> {
  if (count > 0) await items.nth(count - 1).waitFor({ state: 'attached', timeout });
}

/** Waits for the page's main heading: a page has arrived once its h1 says so. */
export async function heading(p: Page, name: string | RegExp): Promise<void> {
  await p.getByRole('heading', { level: 1, name }).waitFor();
}
