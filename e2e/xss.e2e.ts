/**
 * Hostile input in real Chromium (issue 10). The corpus in e2e/xss-corpus.ts (script tags, event
 * handlers, javascript:/data: links raw and in Markdown, SVG, iframes, style tricks, comment and
 * attribute breakouts, template syntax, Unicode direction overrides, zero-width characters) is put
 * into every text field people can fill in, through the API (the UI is not what is under test
 * here, and the API is the same door a hostile client would use), by the role that fills it in.
 * Then every page that shows those texts is opened by someone who sees them, and each page fails
 * the test if:
 *  - any script of ours ran: the payloads call `__xss()` (defined by an init script that records
 *    the calls) or `alert()` (a dialog);
 *  - the Content-Security-Policy had to refuse anything (`securitypolicyviolation`, recorded from
 *    the first moment of the page): an injection the policy stopped is still an injection;
 *  - any element carries an on* attribute, a javascript:/vbscript: URL (or data: on a link or
 *    frame), or is an iframe, object, embed, base, meta refresh or foreign script;
 *  - a direction override or isolate in someone's text can reorder text outside it: from the
 *    control character to the end of the nearest element that bounds it (a block, a <bdi>, an
 *    isolating element) there must be nothing but that person's own words; and the tab's title
 *    carries no such character.
 * Texts the safety screen holds are fine: the supervisor's held list shows them, and it is checked.
 */
import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ContextApi, signUpWithApi, type ApiResult } from './api.js';
import { useCast } from './cast.js';
import { firstReadUrls } from '../src/contracts/first-reads.js';
import { checkA11y, renderedAll, trackRequests } from './harness.js';
import { BIDI_CONTROLS, everything, pack, VISIBLE_MARK, XSS_CORPUS } from './xss-corpus.js';

interface Person {
  context: BrowserContext;
  api: ContextApi;
  id: string;
  page?: Page;
}

// Hundreds of writes in a few seconds: the per-IP and per-account limits would stop the test, not an attacker.
const cast = useCast({}, { server: { env: { KINDRED_RATE_LIMIT_PER_MINUTE: '100000', KINDRED_WRITE_RATE_LIMIT_PER_MINUTE: '100000' } } });
let admin: Person;
let supervisor: Person;
let supporter: Person;
let member: Person;
let friend: Person;

/** Every text the test stored: a direction override may only ever reorder text from one of these. */
const stored = new Set<string>();
/** Page by page, what went wrong. */
const findings: string[] = [];
/** Pages audited, for the summary at the end. */
const audited: string[] = [];

beforeAll(async () => {
  const person = async (handle: string): Promise<Person> => {
    const context = await cast.newContext({ locale: 'en-GB' });
    await context.addInitScript(recordScripts);
    const { api, id } = await signUpWithApi(context, handle);
    return { context, api, id };
  };
  // The first account on a fresh install is the admin.
  admin = await person('organiser');
  supervisor = await person('dr_hale');
  supporter = await person('steady_oak');
  member = await person('river_stone');
  friend = await person('harbour_light');
  await admin.api.expect('PUT', `/api/admin/users/${supervisor.id}/roles`, { roles: ['supervisor'] });
  await admin.api.expect('PUT', `/api/admin/users/${supporter.id}/roles`, { roles: ['peer_supporter', 'facilitator'] });
  // Supporting and facilitating need a valid certificate: the admin records prior training.
  for (const kind of ['peer_supporter', 'facilitator']) await admin.api.expect('POST', '/api/admin/certificates', { userId: supporter.id, kind, note: 'Trained before joining Kindred.' });
  // Alerts reach supervisors on duty.
  await supervisor.api.expect('PUT', '/api/safety/duty', { onDuty: true });
});

/** Runs in every page before its own scripts: records payload calls and CSP refusals. */
function recordScripts(): void {
  const w = window as unknown as { __xssHits: string[]; __xss: (id: unknown) => void; __csp: string[] };
  w.__xssHits = [];
  w.__xss = (id) => void w.__xssHits.push(String(id));
  w.__csp = [];
  document.addEventListener(
    'securitypolicyviolation',
    (e) => w.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}: ${e.sample}`),
    true,
  );
}

/** Writes `body` as `who`, remembering every string in it; fails unless the server accepted it. */
async function write(who: Person, method: 'POST' | 'PUT' | 'PATCH', url: string, body: Record<string, unknown>): Promise<ApiResult> {
  const remember = (v: unknown): void => {
    if (typeof v === 'string') stored.add(v);
    else if (Array.isArray(v)) v.forEach(remember);
    else if (v && typeof v === 'object') Object.values(v).forEach(remember);
  };
  remember(body);
  return who.api.expect(method, url, body);
}

interface DomReport {
  handlers: string[];
  urls: string[];
  elements: string[];
  bidi: string[];
}

/** Runs in the page: what the DOM holds that it must not (see the file comment). */
function auditDom({ values, bidiSource }: { values: string[]; bidiSource: string }): DomReport {
  const bidi = new RegExp(bidiSource);
  const report: DomReport = { handlers: [], urls: [], elements: [], bidi: [] };
  const describe = (el: Element) => `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}>`;
  const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc', 'background', 'poster', 'ping', 'srcset'];
  const linkish = new Set(['A', 'AREA', 'IFRAME', 'FRAME', 'OBJECT', 'EMBED', 'FORM', 'BASE', 'BUTTON', 'INPUT']);
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) report.handlers.push(`${describe(el)} ${name}="${attr.value}"`);
      if (urlAttributes.includes(name)) {
        // Browsers ignore whitespace and control characters inside a scheme.
        const value = attr.value.replace(/[\u0000-\u0020\u007f-\u00a0]/g, '').toLowerCase();
        if (/^(javascript|vbscript):/.test(value) || (value.startsWith('data:') && linkish.has(el.tagName))) report.urls.push(`${describe(el)} ${name}="${attr.value}"`);
      }
      if (name === 'style' && /expression|javascript|url\(/i.test(attr.value)) report.urls.push(`${describe(el)} style="${attr.value}"`);
    }
    const tag = el.tagName.toLowerCase();
    if (['iframe', 'frame', 'frameset', 'object', 'embed', 'base', 'applet'].includes(tag)) report.elements.push(describe(el));
    if (tag === 'meta' && el.hasAttribute('http-equiv') && document.body.contains(el)) report.elements.push(`${describe(el)} http-equiv`);
    if (tag === 'script' && !(el.getAttribute('src') ?? '').startsWith('/assets/')) report.elements.push(`${describe(el)} ${el.textContent?.slice(0, 60)}`);
    if (tag === 'style' && document.body.contains(el)) report.elements.push(`${describe(el)} in the page body`);
  }

  const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
  const own = values.map(squash);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!bidi.test(node.nodeValue ?? '')) continue;
    // The bidi paragraph the text belongs to ends at the nearest element that is not a plain
    // inline box (a block, an inline-block, a <bdi>, anything with unicode-bidi: isolate).
    let bound: Element | null = node.parentElement;
    while (bound && bound !== document.body) {
      const style = getComputedStyle(bound);
      if (bound.tagName === 'BDI' || /isolate|plaintext/.test(style.unicodeBidi) || (style.display !== 'inline' && style.display !== 'contents')) break;
      bound = bound.parentElement;
    }
    if (!bound || getComputedStyle(bound).display === 'none') continue;
    // A control acts on the text after it, up to the end of that paragraph: all of it must be the person's own.
    const reach = document.createRange();
    reach.setStart(node, (node.nodeValue ?? '').search(bidi));
    reach.setEnd(bound, bound.childNodes.length);
    const scope = squash(reach.toString());
    if (!own.some((v) => v.includes(scope))) report.bidi.push(`${describe(bound)} "${scope.slice(0, 160)}"`);
  }
  // The tab's title is one line shared with the browser's own words.
  if (bidi.test(document.title)) report.bidi.push(`document.title "${document.title}"`);
  return report;
}

/**
 * A list the page renders in the background (`useDeferredValue`), no request telling when it is done:
 * the selector of its entries and how many the API gives the viewer.
 */
interface Listed {
  entries: string;
  count: number;
}

/** A thread page's replies, as many as its first read gives `who` (the opening post is apart). */
async function repliesOf(who: Person, thread: string): Promise<Listed> {
  const { posts } = (await who.api.expect('GET', firstReadUrls.thread(thread))).body as { posts: { isOpening: boolean }[] };
  return { entries: 'ol.post-list > li', count: posts.filter((p) => !p.isOpening).length };
}

/** A conversation's messages, as many as its newest page gives `who`. */
async function messagesOf(who: Person, mentorship: string): Promise<Listed> {
  const { messages } = (await who.api.expect('GET', firstReadUrls.messages(mentorship))).body as { messages: unknown[] };
  return { entries: 'ol.messages > li', count: messages.length };
}

/**
 * Opens `path` as `who`, does `interact` (to bring hostile text on screen that a click shows),
 * waits until `mark` (hostile text, shown as text) is on the page unless `mark` is null, and until
 * `listed` (a list rendered in the background) holds every entry the API gives, and records
 * everything that went wrong.
 */
async function audit(
  who: Person,
  path: string,
  opts: { mark?: string | null; label?: string; listed?: Listed; interact?: (page: Page) => Promise<void> } = {},
): Promise<void> {
  const label = `${opts.label ?? path} (as ${who === admin ? 'admin' : who === supervisor ? 'supervisor' : who === supporter ? 'supporter' : who === member ? 'member' : 'friend'})`;
  audited.push(label);
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const page = await who.context.newPage();
  const network = trackRequests(page);
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) pageErrors.push(`csp: ${msg.text()}`);
  });
  try {
    await page.goto(path);
    await page.locator('h1').first().waitFor();
    await opts.interact?.(page);
    const mark = opts.mark === undefined ? VISIBLE_MARK : opts.mark;
    if (mark !== null) {
      try {
        await page.getByText(mark).first().waitFor({ state: 'attached', timeout: 15_000 });
      } catch {
        findings.push(`${label}: the hostile text "${mark}" never appeared, so the page was not really tested`);
      }
    }
    // Every read the page makes has arrived and been rendered...
    await network.settled();
    // ...and what renders without a request: settled() cannot see it (on a slow CPU the replies
    // of a thread were all still missing), the count of entries on screen can.
    if (opts.listed) {
      try {
        await renderedAll(page.locator(opts.listed.entries), opts.listed.count);
      } catch {
        const shown = await page.locator(opts.listed.entries).count();
        findings.push(`${label}: ${shown} of the ${opts.listed.count} entries of ${opts.listed.entries} rendered, so the page was not really tested`);
      }
    }
    const report = await page.evaluate(auditDom, { values: [...stored], bidiSource: BIDI_CONTROLS.source });
    const hits = await page.evaluate(() => (window as unknown as { __xssHits: string[] }).__xssHits);
    const csp = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
    const problems = [
      ...hits.map((h) => `script ran: __xss(${h})`),
      ...dialogs.map((d) => `dialog opened: ${d}`),
      ...csp.map((c) => `CSP violation: ${c}`),
      ...pageErrors.map((e) => `page error: ${e}`),
      ...report.handlers.map((h) => `event handler attribute: ${h}`),
      ...report.urls.map((u) => `script URL: ${u}`),
      ...report.elements.map((e) => `foreign element: ${e}`),
      ...report.bidi.map((b) => `direction override reaches beyond its text: ${b}`),
    ];
    findings.push(...problems.map((p) => `${label}: ${p}`));
  } finally {
    await page.close();
  }
}

/**
 * Audits pages that nothing is written between, three at a time (each in a tab of its own, as
 * `audit` always opens one): the same pages and checks as one after another, while one tab waits
 * for the server or a frame another renders.
 */
async function auditAll(audits: (() => Promise<void>)[]): Promise<void> {
  const queue = [...audits];
  const tab = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await next();
  };
  // Every tab finishes before the first failure, if any, fails the test (none left running into the next).
  const failed = (await Promise.allSettled([tab(), tab(), tab()])).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** A start time three days from now at 18:00, as a group's local time. */
function inThreeDays(): string {
  return `${new Date(Date.now() + 3 * 86400_000).toISOString().slice(0, 10)}T18:00`;
}

describe('hostile text in every field, rendered in Chromium', () => {
  it('refuses hostile handles at sign-up (handles are letters, digits, dot, dash and underscore)', async () => {
    const context = await cast.newContext();
    const api = new ContextApi(context);
    for (const handle of ['<script>x', 'evil\u202Eman', 'zero\u200Bwidth', 'name"><img']) {
      const res = await api.post('/api/auth/sign-up', { handle, password: 'a long enough password', ageConfirmed: true });
      expect(res.status, handle).toBe(400);
    }
    await context.close();
  });

  it('community: spaces, threads, replies, reports, moderation notes, search and notifications', async () => {
    const spaces: string[] = [];
    for (const [i, name] of pack(60).entries()) {
      const res = await write(admin, 'POST', '/api/admin/spaces', {
        slug: `hostile-${i}`,
        name,
        description: pack(500)[i % pack(500).length]!,
        houseRules: everything(),
        allowAnonymous: true,
      });
      spaces.push(res.body.id);
    }
    const threads: string[] = [];
    for (const title of pack(140)) {
      const res = await write(member, 'POST', `/api/spaces/${spaces[0]}/threads`, { kind: 'question', title, body: everything() });
      threads.push(res.body.thread.id);
    }
    // An anonymous thread, a reply from someone else (with a mention, so a notification), and one with a warning.
    await write(member, 'POST', `/api/spaces/${spaces[0]}/threads`, { kind: 'story', title: pack(140)[0]!, body: everything(), anonymous: true });
    const reply = await write(friend, 'POST', `/api/threads/${threads[0]}/posts`, { body: `@river_stone ${everything()}` });
    await write(friend, 'POST', `/api/threads/${threads[0]}/posts`, { body: everything(), warnings: ['self_harm'] });
    // The member edits the opening post's title and body (the edit history keeps both).
    const opening = (await member.api.expect('GET', `/api/threads/${threads[0]}/posts`)).body.posts[0];
    await write(member, 'PATCH', `/api/posts/${opening.id}`, { title: pack(140)[1]!, body: `${everything()}\n\nEdited.` });

    // Reports with hostile notes; the supervisor warns the author and resolves with notes.
    const reportNotes = pack(1000);
    await write(member, 'POST', `/api/posts/${reply.body.post.id}/reports`, { reason: 'other', note: reportNotes[0] });
    await write(friend, 'POST', `/api/posts/${opening.id}/reports`, { reason: 'harassment', note: reportNotes[1] ?? reportNotes[0] });
    await audit(supervisor, '/moderation');
    const queue = (await supervisor.api.expect('GET', '/api/moderation/queue')).body.reports as { id: string; post: { id: string } }[];
    const aboutOpening = queue.find((r) => r.post.id === opening.id)!;
    await write(supervisor, 'POST', `/api/moderation/reports/${aboutOpening.id}/resolve`, { action: 'warn', note: pack(1000)[0]! });
    const aboutReply = queue.find((r) => r.post.id === reply.body.post.id)!;
    await write(supervisor, 'POST', `/api/moderation/reports/${aboutReply.id}/resolve`, { action: 'edit', note: pack(1000)[1] ?? pack(1000)[0]!, body: everything() });
    await auditAll([
      async () => audit(supervisor, `/community/threads/${threads[0]}`, { label: 'thread page with the moderation history', listed: await repliesOf(supervisor, threads[0]!) }),
      () => audit(member, '/community'),
      () => audit(friend, `/community/spaces/${spaces[0]}`),
      () => audit(member, `/community/spaces/${spaces[spaces.length - 1]}`, { mark: null, label: 'the last space' }),
      ...threads.map(
        (id, i) => async () =>
          audit(friend, `/community/threads/${id}`, { mark: i === 0 ? VISIBLE_MARK : null, label: `thread ${i + 1} of ${threads.length}`, listed: await repliesOf(friend, id) }),
      ),
      () => audit(friend, `/community/search?q=${encodeURIComponent('onerror')}`),
      () => audit(member, '/notifications', { mark: null }),
      () => audit(friend, '/notifications', { mark: null }),
    ]);
  });

  it('profiles: pronouns, experience note and bio, seen by the person and by supporters', async () => {
    await write(member, 'PATCH', '/api/me/profile', { pronouns: pack(40)[0], experienceNote: pack(200)[0], bio: pack(600)[0] });
    await write(supporter, 'PATCH', '/api/me/profile', { pronouns: pack(40)[1], experienceNote: pack(200)[1], bio: pack(600)[1] });
    await audit(member, '/profile', { mark: null });
  });

  it('one-to-one support: supporter profile, request topics, messages, held messages, feedback and reports', async () => {
    const intro = pack(600);
    await write(supporter, 'PUT', '/api/mentoring/supporter-profile', {
      experienceTags: ['anxiety'],
      languages: ['en'],
      timeZone: 'Europe/London',
      availability: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '00:00', end: '24:00' })),
      capacity: 3,
      canHelpWith: pack(500)[0],
      cannotHelpWith: pack(500)[1],
      intro: intro[0],
      autoReply: pack(500)[2],
    });
    await audit(supporter, '/support/profile', { mark: null });

    // Each chunk of the corpus as a request topic, seen by the supporter on the offers page.
    const topics = pack(500);
    let requestId = '';
    for (const [i, topic] of topics.entries()) {
      requestId = (await write(member, 'POST', '/api/mentoring/requests', { topic, preferences: { experienceTags: ['anxiety'] } })).body.request.id;
      await auditAll([
        () => audit(supporter, '/support/offers', { mark: i === 0 ? VISIBLE_MARK : null, label: `offers with topic ${i + 1} of ${topics.length}` }),
        () => audit(member, '/support', { mark: i === 0 ? VISIBLE_MARK : null, label: `member's waiting request ${i + 1}` }),
      ]);
      if (i < topics.length - 1) await member.api.expect('POST', `/api/mentoring/requests/${requestId}/cancel`);
    }
    const mentorship = (await supporter.api.expect('POST', `/api/mentoring/offers/${requestId}/accept`)).body.id as string;

    for (const body of pack(4000, { multiline: true })) {
      await write(member, 'POST', `/api/mentoring/mentorships/${mentorship}/messages`, { body, clientId: randomUUID() });
      await write(supporter, 'POST', `/api/mentoring/mentorships/${mentorship}/messages`, { body, clientId: randomUUID() });
    }
    // A message held for contact details: the supervisor's held list shows it, then edits it with hostile words.
    await write(member, 'POST', `/api/mentoring/mentorships/${mentorship}/messages`, { body: `Text me on 07700 900123 ${pack(300)[0]}`, clientId: randomUUID() });
    // The held list names the author and the reason, and shows the held words (as text, never markup).
    await audit(supervisor, '/supervision/alerts', { mark: null, label: 'held list with a hostile message' });
    const held = (await supervisor.api.expect('GET', '/api/safety/held')).body.items as { id: string; text: string }[];
    const contact = held.find((h) => h.text.includes('07700 900123'));
    expect(contact).toBeDefined();
    await write(supervisor, 'POST', `/api/safety/held/${contact!.id}/decision`, { action: 'edit', text: everything() });

    await write(member, 'POST', `/api/mentoring/mentorships/${mentorship}/reports`, { reason: 'other', note: pack(1000)[0] });
    await write(member, 'POST', `/api/mentoring/mentorships/${mentorship}/supervisor-consent`, { grant: true, days: 7 });
    await write(supporter, 'POST', `/api/mentoring/mentorships/${mentorship}/escalate`, { note: pack(1000)[1] ?? pack(1000)[0] });
    await write(supporter, 'PUT', '/api/mentoring/supporter-profile/away', { away: { until: new Date(Date.now() + 86400_000).toISOString(), message: pack(300)[0] } });

    await auditAll([
      async () => audit(member, `/support/mentorships/${mentorship}`, { label: 'conversation (member)', listed: await messagesOf(member, mentorship) }),
      async () => audit(supporter, `/support/mentorships/${mentorship}`, { label: 'conversation (supporter)', listed: await messagesOf(supporter, mentorship) }),
      async () => audit(supervisor, `/support/mentorships/${mentorship}`, { label: 'conversation (supervisor, by consent)', listed: await messagesOf(supervisor, mentorship) }),
      () => audit(supervisor, '/supervision/mentoring', { mark: null }),
      () => audit(member, '/support', { mark: null, label: 'member support page with the supporter' }),
    ]);

    await write(member, 'POST', `/api/mentoring/mentorships/${mentorship}/end`, { closingMessage: pack(1000)[0] });
    await write(member, 'POST', `/api/mentoring/mentorships/${mentorship}/feedback`, { rating: 5, note: pack(1000)[1] ?? pack(1000)[0] });
    await auditAll([
      async () => audit(supporter, `/support/mentorships/${mentorship}`, { label: 'ended conversation (supporter)', listed: await messagesOf(supporter, mentorship) }),
      () => audit(supervisor, '/supervision/mentoring', { mark: null, label: '/supervision/mentoring after feedback' }),
    ]);
  });

  it('programs and groups: organizations, programs, groups, agreements, meetings, chat, goals, reports', async () => {
    const orgs: string[] = [];
    for (const name of pack(120)) orgs.push((await write(admin, 'POST', '/api/admin/organizations', { name, description: everything() })).body.id);
    await admin.api.expect('POST', `/api/admin/organizations/${orgs[0]}/staff`, { userId: supporter.id, role: 'facilitator' });
    const programs: string[] = [];
    for (const name of pack(120)) {
      programs.push((await write(admin, 'POST', `/api/admin/organizations/${orgs[0]}/programs`, { name, description: everything(), joinPolicy: 'open' })).body.id);
    }
    const groups: string[] = [];
    for (const name of pack(120)) {
      const g = await write(admin, 'POST', `/api/programs/${programs[0]}/groups`, {
        name,
        description: everything(),
        timeZone: 'Europe/London',
        agreement: everything(),
        facilitatorIds: [supporter.id],
      });
      groups.push(g.body.id);
    }
    const group = groups[0]!;
    for (const p of [member, friend]) {
      await p.api.expect('POST', `/api/programs/${programs[0]}/join`, {});
      await p.api.expect('POST', `/api/groups/${group}/join`, { agreementVersion: 1 });
    }
    for (const title of pack(120)) {
      await write(supporter, 'POST', `/api/groups/${group}/meetings`, { title, mode: 'in_person', place: pack(300)[0], startLocal: inThreeDays() });
    }
    const meetings = (await supporter.api.expect('GET', `/api/groups/${group}/meetings`)).body.meetings as { id: string }[];
    const occurrences = (await supporter.api.expect('GET', `/api/groups/${group}/occurrences`)).body.occurrences as { meetingId: string; occurrence: string }[] | undefined;
    if (occurrences?.[0]) {
      await write(supporter, 'PUT', `/api/groups/${group}/meetings/${occurrences[0].meetingId}/note`, { occurrence: occurrences[0].occurrence, body: pack(2000)[0]! });
    }
    expect(meetings.length).toBeGreaterThan(0);

    let messageId = '';
    for (const body of pack(4000, { multiline: true })) {
      messageId = (await write(member, 'POST', `/api/groups/${group}/messages`, { body })).body.message.id;
      await write(supporter, 'POST', `/api/groups/${group}/messages`, { body });
    }
    await write(friend, 'POST', `/api/groups/${group}/messages/${messageId}/reports`, { reason: 'other', note: pack(1000)[0] });
    const goals: string[] = [];
    for (const [i, title] of pack(200).entries()) {
      goals.push((await write(supporter, 'POST', `/api/groups/${group}/goals`, { title, targetPerMember: 3, unit: pack(40)[i % pack(40).length] })).body.id);
    }
    await write(member, 'POST', `/api/groups/${group}/goals/${goals[0]}/progress`, { amount: 1, note: pack(500)[0], visibility: 'group' });
    await write(supporter, 'POST', `/api/groups/${group}/members/${member.id}/supervisor-request`, { note: pack(1000)[0] });

    await auditAll([
      () => audit(admin, '/groups/admin'),
      () => audit(member, '/groups'),
      () => audit(member, `/groups/programs/${programs[0]}`),
      () => audit(member, `/groups/${group}`),
      () => audit(supporter, `/groups/${group}`, { label: 'group page (facilitator)' }),
      () => audit(supporter, `/groups/${group}/dashboard`),
    ]);
  });

  it('circles: names, messages and shared check-ins', async () => {
    const circles: string[] = [];
    for (const name of pack(80)) circles.push((await write(member, 'POST', '/api/circles', { name })).body.id);
    const circle = circles[0]!;
    const invitation = await member.api.expect('POST', `/api/circles/${circle}/invitations`, {});
    await friend.api.expect('POST', '/api/circle-invitations/accept', { token: invitation.body.token });
    for (const body of pack(4000, { multiline: true })) {
      await write(member, 'POST', `/api/circles/${circle}/messages`, { body });
      await write(friend, 'POST', `/api/circles/${circle}/messages`, { body });
    }
    for (const note of pack(1000)) await write(member, 'POST', '/api/me/circle-checkins', { mood: 3, note, shareWith: [circle] });
    await auditAll([() => audit(member, '/circles'), () => audit(friend, `/circles/${circle}`)]);
  });

  it('library: strategies and resources, seen by members and by supervisors who review them', async () => {
    const strategies: string[] = [];
    for (const [i, title] of pack(120).entries()) {
      const res = await write(member, 'POST', '/api/library/strategies', {
        title,
        steps: pack(500),
        whenItHelps: pack(600)[i % pack(600).length],
        situations: ['panic_attack'],
        situationNote: pack(80)[i % pack(80).length],
      });
      strategies.push(res.body.strategy.id);
    }
    await audit(supervisor, '/library', { mark: null, label: '/library (supervisor, unreviewed)' });
    for (const id of strategies) await supervisor.api.request('POST', `/api/library/strategies/${id}/reviewed`, {});
    for (const name of pack(160)) {
      const r = await write(member, 'POST', '/api/library/resources', {
        kind: 'peer_group',
        name,
        region: 'GB',
        languages: ['en'],
        cost: 'free',
        phone: '0800 123 456',
        openingHours: pack(200)[0],
        description: everything(),
      });
      await supervisor.api.request('POST', `/api/library/resources/${r.body.resource.id}/verify`, {});
    }
    // A web address must be http(s): the hostile ones are refused with a 400, never stored.
    for (const url of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'JaVaScRiPt:alert(1)']) {
      const res = await member.api.post('/api/library/resources', { kind: 'app', name: 'x', region: 'GB', languages: ['en'], cost: 'free', url, description: 'x' });
      expect(res.status, url).toBe(400);
    }
    await auditAll([
      () => audit(friend, '/library'),
      () => audit(friend, `/library/strategies/${strategies[0]}`),
      () => audit(friend, '/library/directory'),
      () => audit(supervisor, '/library/directory', { label: '/library/directory (supervisor)' }),
    ]);
  });

  it('recovery: goals, steps, safety plan, check-ins, journal and the therapist summary', async () => {
    for (const title of pack(200)) {
      const goal = await write(member, 'POST', '/api/me/recovery/goals', { title, steps: pack(300) });
      if (title === pack(200)[0]) {
        await write(member, 'POST', `/api/me/recovery/goals/${goal.body.goal.id}/steps`, { text: pack(300)[0]! });
      }
    }
    // At most 15 people or places per list.
    const entries = (items: string[]) => items.slice(0, 15).map((name, i) => ({ name: name.slice(0, 120), phone: '0800 123 456', note: pack(300)[i % pack(300).length] }));
    await write(member, 'PUT', '/api/me/recovery/safety-plan', {
      warningSigns: pack(300),
      internalCoping: pack(300),
      distractions: entries(pack(120)),
      helpers: entries(pack(120)),
      professionals: entries(pack(120)),
      safeEnvironment: pack(300),
      reasonForLiving: pack(1000)[0],
    });
    for (const note of pack(500)) await write(member, 'POST', '/api/me/checkins', { mood: 3, note });
    for (const title of pack(120)) await write(member, 'POST', '/api/me/journal', { title, body: everything() });

    await auditAll([
      () => audit(member, '/recovery'),
      () => audit(member, '/recovery/checkin'),
      () => audit(member, '/recovery/journal'),
      () => audit(member, '/recovery/summary', {
      label: 'therapist summary with journal entries',
      interact: async (page) => {
        const entries = page.getByRole('checkbox', { name: /onerror/ });
        await entries.first().waitFor();
        for (const box of (await entries.all()).slice(0, 3)) await box.check();
        await page.getByRole('checkbox', { name: 'Safety plan' }).check();
        await page.getByRole('checkbox', { name: 'Goals and progress' }).check();
        await page.getByRole('button', { name: 'Preview summary' }).click();
        await page.getByRole('heading', { name: 'Summary for river_stone' }).waitFor();
      },
      }),
    ]);
  });

  it('safety: alert notes and outcomes written by supervisors', async () => {
    const alerts = (await supervisor.api.expect('GET', '/api/safety/alerts')).body.alerts as { id: string; status: string }[];
    expect(alerts.length).toBeGreaterThan(0);
    const alert = alerts[0]!;
    await supervisor.api.request('POST', `/api/safety/alerts/${alert.id}/acknowledge`, {});
    for (const body of pack(4000, { multiline: true })) await write(supervisor, 'POST', `/api/safety/alerts/${alert.id}/notes`, { body });
    await audit(supervisor, `/supervision/alerts?alert=${alert.id}`, { label: 'alert detail with hostile notes' });
    await write(supervisor, 'POST', `/api/safety/alerts/${alert.id}/resolve`, { outcome: 'member_safe_and_supported', note: everything() });
    await audit(supervisor, `/supervision/alerts?alert=${alert.id}`, { label: 'resolved alert detail' });
    await auditAll([() => audit(member, '/privacy', { mark: null }), () => audit(admin, '/admin/users', { mark: null })]);
  });

  it('ran no script, raised no CSP violation and let no direction override out, on any page', async () => {
    // One page through axe as well: hostile text must not break the page's accessibility either.
    const page = await friend.context.newPage();
    await page.goto('/community');
    await page.locator('h1').first().waitFor();
    await page.getByText(VISIBLE_MARK).first().waitFor({ state: 'attached' });
    await checkA11y(page, 'community home full of hostile text');
    await page.close();
    expect(audited.length).toBeGreaterThan(30);
    expect(stored.size).toBeGreaterThan(XSS_CORPUS.length);
    expect(findings).toEqual([]);
  });
});
