/**
 * `npm run bench -- --web`: Lighthouse 12 (its default mobile profile: a mid-range phone on a slow
 * 4G link, simulated throttling) on the production build served by the real server, in Debian's
 * Chromium, on the three pages people spend their time on: the home page (signed out, the first
 * visit), a community thread (signed in) and a 1:1 chat (signed in, with history). Each page is
 * audited `runs` times and the median score reported. Targets (issue 9): performance ≥ 90,
 * accessibility 100, best practices ≥ 95.
 *
 *   npx tsx bench/web.bench.ts [--quick]
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { seedConversations } from './conversations.bench.js';
import type { Figure } from './figure.js';
import { median, round1, signIn, startKindredServer, stopProcess } from './harness.js';
import { seed } from './seed.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;

interface PageAudit {
  scores: Record<(typeof CATEGORIES)[number], number>;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  failed: string[];
}

async function audit(url: string, port: number, cookie: string | null): Promise<PageAudit> {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: [...CATEGORIES],
    ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
  });
  if (!result) throw new Error(`lighthouse gave no result for ${url}`);
  const { lhr } = result;
  // LIGHTHOUSE_REPORTS=dir keeps each full report (the LCP element, render-blocking requests, main-thread breakdown…).
  if (process.env.LIGHTHOUSE_REPORTS) {
    fs.mkdirSync(process.env.LIGHTHOUSE_REPORTS, { recursive: true });
    const name = `${new URL(url).pathname.split('/').filter(Boolean)[0] ?? 'home'}-${Date.now()}.json`;
    fs.writeFileSync(path.join(process.env.LIGHTHOUSE_REPORTS, name), JSON.stringify(lhr));
  }
  if (lhr.runtimeError) throw new Error(`lighthouse on ${url}: ${lhr.runtimeError.message}`);
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)])) as PageAudit['scores'];
  // What pulled a score down: audits of the three categories that did not pass.
  const failed = CATEGORIES.flatMap((c) =>
    (lhr.categories[c]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 0.9)
      .map((ref) => `${c}: ${ref.id} (${lhr.audits[ref.id]?.displayValue ?? lhr.audits[ref.id]?.score})`),
  );
  // What moved, when the layout shifted: the elements Lighthouse names (to chase a CLS figure).
  const shifts = (lhr.audits['layout-shifts']?.details as { items?: { node?: { selector?: string; snippet?: string }; score?: number }[] } | undefined)?.items ?? [];
  for (const item of shifts.slice(0, 5)) failed.push(`layout shift ${round1(item.score ?? 0, 3)}: ${item.node?.selector ?? '?'} ${item.node?.snippet?.slice(0, 120) ?? ''}`);
  return {
    scores,
    lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
    tbtMs: lhr.audits['total-blocking-time']?.numericValue ?? NaN,
    cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN,
    failed,
  };
}

/** Lighthouse now and then fails to record a trace on a busy machine (NO_NAVSTART): that audit is run again, twice at most. */
async function auditWithRetry(url: string, port: number, cookie: string | null, log: (line: string) => void): Promise<PageAudit> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await audit(url, port, cookie);
    } catch (err) {
      if (attempt >= 3) throw err;
      log(`    (audit failed, again: ${(err as Error).message})`);
    }
  }
}

export async function benchWeb(o: { quick?: boolean; log?: (line: string) => void } = {}): Promise<Figure[]> {
  const log = o.log ?? console.log;
  if (!fs.existsSync(CHROMIUM)) {
    log(`\n[web] ${CHROMIUM} is missing (apt-get install chromium): no Lighthouse figures`);
    return [];
  }
  const runs = o.quick ? 1 : 3;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kindred-web-bench-'));
  const secret = randomBytes(48).toString('base64url');
  const databaseUrl = `sqlite:${path.join(tmp, 'kindred.db')}`;
  const figures: Figure[] = [];
  let server: Awaited<ReturnType<typeof startKindredServer>> | undefined;
  let chrome: chromeLauncher.LaunchedChrome | undefined;
  try {
    log('\n[web] seeding 10k replies and a 1:1 conversation…');
    const seeded = await seed({ databaseUrl, replies: 10_000, log: () => undefined });
    const { conversations } = await seedConversations(databaseUrl, undefined, secret, { conversations: 1, supporters: 1, history: 40 });
    const chat = conversations[0]!;
    server = await startKindredServer({ databaseUrl, keyFile: path.join(tmp, 'kindred.key'), env: { KINDRED_SECRET: secret } });
    const { base } = server;
    const readerCookie = (await signIn(base, seeded.benchUser)).cookie;
    const pages = [
      { key: 'home', label: 'home page (signed out)', url: `${base}/`, cookie: null },
      { key: 'thread', label: 'community thread (signed in)', url: `${base}/community/threads/${seeded.readThreadIds[0]}`, cookie: readerCookie },
      { key: 'chat', label: '1:1 chat with history (signed in)', url: `${base}/support/mentorships/${chat.id}`, cookie: `kindred_session=${chat.member.token}` },
    ];
    chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    for (const page of pages) {
      const audits: PageAudit[] = [];
      for (let i = 0; i < runs; i++) audits.push(await auditWithRetry(page.url, chrome.port, page.cookie, log));
      const m = (f: (a: PageAudit) => number) => median(audits.map(f));
      log(
        `  ${page.label}: performance ${m((a) => a.scores.performance)}, accessibility ${m((a) => a.scores.accessibility)}, best practices ${m((a) => a.scores['best-practices'])}; LCP ${Math.round(m((a) => a.lcpMs))} ms, TBT ${Math.round(m((a) => a.tbtMs))} ms, CLS ${round1(m((a) => a.cls), 3)}`,
      );
      for (const f of new Set(audits.flatMap((a) => a.failed))) log(`    below 0.9: ${f}`);
      const common = { dataSize: page.label, database: 'sqlite' };
      figures.push({ figure: `Lighthouse mobile, ${page.label}: performance`, value: m((a) => a.scores.performance), unit: 'score (target ≥ 90)', ...common });
      figures.push({ figure: `Lighthouse mobile, ${page.label}: accessibility`, value: m((a) => a.scores.accessibility), unit: 'score (target 100)', ...common });
      figures.push({ figure: `Lighthouse mobile, ${page.label}: best practices`, value: m((a) => a.scores['best-practices']), unit: 'score (target ≥ 95)', ...common });
      figures.push({ figure: `Lighthouse mobile, ${page.label}: largest contentful paint`, value: Math.round(m((a) => a.lcpMs)), unit: 'ms (simulated)', ...common });
      figures.push({ figure: `Lighthouse mobile, ${page.label}: total blocking time`, value: Math.round(m((a) => a.tbtMs)), unit: 'ms (simulated)', ...common });
    }
    return figures;
  } finally {
    await chrome?.kill();
    if (server) await stopProcess(server.child);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await benchWeb({ quick: process.argv.includes('--quick') });
  for (const f of figures) console.log(`${f.figure}: ${f.value} ${f.unit}`);
}
