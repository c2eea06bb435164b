import { createHash } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../app.js';
import { rawGet } from '../raw-http.js';
import { sqliteTestDatabase } from '../databases.js';
import { INLINE_CSS, miniBuild, PAGE, SCRIPT } from '../web-build.js';

// Serving files does not touch the database: SQLite is enough.
describe('serving the web app', () => {
  const t = useTestApp(sqliteTestDatabase, { serveWeb: true, webDir: miniBuild() });
  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('answers the app for its routes and the files of the build, assets cached for a year', async () => {
    for (const url of ['/', '/community', '/community/threads/01a2154b-eb82-7575-8814-d0313aa63a1a', '/circles/join?token=abc', '/no-such-page']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain('<title>Kindred</title>');
    }
    const asset = await get('/assets/app-1.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toMatch(/immutable/);
  });

  it('sends the Brotli or gzip copy the browser accepts, and the file itself to one that accepts neither', async () => {
    const fetch = (url: string, acceptEncoding?: string) =>
      t.app.inject({ method: 'GET', url, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });
    for (const [url, original] of [
      ['/assets/app-1.js', SCRIPT],
      ['/community', PAGE],
    ] as const) {
      const br = await fetch(url, 'gzip, deflate, br');
      expect(br.headers['content-encoding'], url).toBe('br');
      expect(br.headers.vary, url).toMatch(/accept-encoding/i);
      expect(brotliDecompressSync(br.rawPayload).toString(), url).toBe(original);
      const gz = await fetch(url, 'gzip, br;q=0');
      expect(gz.headers['content-encoding'], url).toBe('gzip');
      expect(gunzipSync(gz.rawPayload).toString(), url).toBe(original);
      const plain = await fetch(url, 'identity');
      expect(plain.headers['content-encoding'], url).toBeUndefined();
      expect(plain.body, url).toBe(original);
    }
    const asset = await fetch('/assets/app-1.js', 'br');
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toMatch(/immutable/);
    const page = await fetch('/', 'br');
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['cache-control']).toBe('no-cache');
  });

  it("sends the page's copy by the Accept-Encoding weights, as the JSON responses are (one rule: encodingFor), over a real socket", async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const cases: [string, 'br' | 'gzip' | undefined][] = [
      ['gzip, br;q=0.1', 'gzip'],
      ['br;q=0.5, gzip', 'gzip'],
      ['gzip;q=0.5, br', 'br'],
      ['br;q=0.8, gzip;q=0.8', 'br'],
      ['*', 'br'],
      ['br;q=0, *', 'gzip'],
      ['identity, br;q=0.5', undefined],
      ['br;q=high, gzip;q=0.1', 'gzip'],
      ['zstd', undefined],
    ];
    for (const [acceptEncoding, expected] of cases) {
      const res = await rawGet(t.app, '/community', { 'accept-encoding': acceptEncoding });
      expect(res.status, acceptEncoding).toBe(200);
      expect(res.headers['content-encoding'], acceptEncoding).toBe(expected);
      expect(res.headers.vary, acceptEncoding).toMatch(/accept-encoding/i);
      const body = expected === 'br' ? brotliDecompressSync(res.body) : expected === 'gzip' ? gunzipSync(res.body) : res.body;
      expect(body.toString(), acceptEncoding).toBe(PAGE);
    }
  });

  it("allows the page's inlined stylesheet by its hash, and no other inline style", async () => {
    const csp = String((await get('/')).headers['content-security-policy']);
    const styleSrc = /style-src ([^;]*)/.exec(csp)?.[1]?.split(' ') ?? [];
    const hash = `'sha256-${createHash('sha256').update(INLINE_CSS).digest('base64')}'`;
    expect(styleSrc.sort()).toEqual(["'self'", hash].sort());
    expect(csp).toMatch(/script-src 'self'(;|$)/);
  });

  it("names a page's own chunks (not the entry's) and, with a session cookie, its first API reads in a Link header", async () => {
    const thread = '01a2154b-eb82-7575-8814-d0313aa63a1a';
    const signedIn = await t.app.inject({ method: 'GET', url: `/community/threads/${thread}`, headers: { cookie: 'kindred_session=anything' } });
    expect(signedIn.headers.link).toBe(
      [
        '</assets/thread-1.css>; rel=preload; as=style; crossorigin',
        '</assets/thread-1.js>; rel=modulepreload',
        '</assets/post-1.js>; rel=modulepreload',
        '</api/auth/session>; rel=preload; as=fetch; crossorigin',
        `</api/threads/${thread}>; rel=preload; as=fetch; crossorigin`,
      ].join(', '),
    );
    expect(signedIn.headers.vary).toMatch(/cookie/);
    // Signed out the page sends them to sign in: its chunk still loads, but every read would be a 401.
    const signedOut = await get(`/community/threads/${thread}`);
    expect(signedOut.headers.link).not.toMatch(/as=fetch/);
    expect(signedOut.headers.link).toMatch(/thread-1\.js/);
    expect((await get('/')).headers.link).toBeUndefined();
    expect((await t.app.inject({ method: 'GET', url: '/community', headers: { cookie: 'kindred_session=anything' } })).headers.link).toBe('</api/auth/session>; rel=preload; as=fetch; crossorigin');
    // Signed in, the home is "today" (ADR 045): its counts too (its chunk is not in this manifest).
    expect((await t.app.inject({ method: 'GET', url: '/', headers: { cookie: 'kindred_session=anything' } })).headers.link).toBe(
      '</api/auth/session>; rel=preload; as=fetch; crossorigin, </api/me/today>; rel=preload; as=fetch; crossorigin',
    );
    expect((await get('/no-such~page')).headers.link).toBeUndefined();
  });

  it('answers 404 (with the app, which says so) for paths that cannot be a route and are not a file: no soft 200 for backup.sql', async () => {
    for (const url of ['/backup.sql', '/community~', '/.community.swp', '/community.bak', '/index.html.old', '/assets/missing.js']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
    }
  });

  it('never serves a file outside the build, nor its dotfiles, nor a 5xx for a broken path', async () => {
    for (const url of ['/../package.json', '/%2e%2e/%2e%2e/package.json', '/..%2f..%2fpackage.json', '/assets/..%2f..%2fpackage.json', '/.vite/manifest.json', '/%E0%A4%A']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.body, url).not.toContain('"dependencies"');
    }
  });

  it('keeps unknown API routes a JSON 404', async () => {
    const res = await get('/api/no-such-route');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
