import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../app.js';
import { testDatabases } from '../databases.js';

/** A built web app in miniature: the page, one asset, and the build manifest browsers must not get. */
function miniBuild(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindred-web-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Kindred</title><script type="module" src="/assets/app-1.js"></script>');
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'assets', 'app-1.js'), 'export {};');
  fs.mkdirSync(path.join(dir, '.vite'));
  fs.writeFileSync(path.join(dir, '.vite', 'manifest.json'), '{}');
  return dir;
}

// Serving files does not touch the database: SQLite is enough.
describe('serving the web app', () => {
  const t = useTestApp(testDatabases[0]!, { serveWeb: true, webDir: miniBuild() });
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
