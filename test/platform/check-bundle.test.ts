import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkBundle, FIRST_PAGE_JS_BUDGET_BYTES } from '../../scripts/check-bundle.js';

const rootDir = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Random bytes as text: gzip cannot shrink them much, so their gzipped size is predictable. */
const incompressible = (bytes: number) => randomBytes(bytes).toString('base64').slice(0, bytes);

/**
 * A build folder shaped like Vite's: index.html with the entry and a modulepreload, a lazy route
 * chunk nobody loads at first, and optionally a manifest.
 */
function fakeDist(o: { entryBytes: number; manifestOnlyBytes?: number }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindred-bundle-'));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'assets', 'index-a1.js'), incompressible(o.entryBytes));
  fs.writeFileSync(path.join(dir, 'assets', 'vendor-b2.js'), 'export const x = 1;\n'.repeat(200));
  // A lazy route: big, but loaded only on navigation, so never counted.
  fs.writeFileSync(path.join(dir, 'assets', 'route-c3.js'), incompressible(400_000));
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html><html><head>
    <script type="module" crossorigin src="/assets/index-a1.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/vendor-b2.js">
    <link rel="stylesheet" href="/assets/index.css">
    <script type="application/json">{"not": "code"}</script>
    </head><body><div id="root"></div></body></html>`,
  );
  if (o.manifestOnlyBytes !== undefined) {
    // A static import the HTML does not preload: the manifest still makes it part of the first page.
    fs.writeFileSync(path.join(dir, 'assets', 'shared-d4.js'), incompressible(o.manifestOnlyBytes));
    fs.mkdirSync(path.join(dir, '.vite'));
    fs.writeFileSync(
      path.join(dir, '.vite', 'manifest.json'),
      JSON.stringify({
        'index.html': { file: 'assets/index-a1.js', src: 'index.html', isEntry: true, imports: ['_vendor-b2.js', '_shared-d4.js'], dynamicImports: ['route.tsx'] },
        '_vendor-b2.js': { file: 'assets/vendor-b2.js' },
        '_shared-d4.js': { file: 'assets/shared-d4.js', imports: ['_vendor-b2.js'] },
        'route.tsx': { file: 'assets/route-c3.js', src: 'route.tsx', isDynamicEntry: true },
      }),
    );
  }
  return dir;
}

describe('first page JavaScript budget (scripts/check-bundle.ts)', () => {
  it('passes a first page under budget and counts only what index.html loads, gzipped', () => {
    const report = checkBundle(fakeDist({ entryBytes: 20_000 }));
    expect(report.files.map((f) => f.file)).toEqual(['assets/index-a1.js', 'assets/vendor-b2.js']);
    // Random base64 compresses to about 3/4; the repeated vendor line to almost nothing.
    expect(report.files[0]!.gzipBytes).toBeGreaterThan(14_000);
    expect(report.files[1]!.gzipBytes).toBeLessThan(report.files[1]!.bytes / 10);
    expect(report.totalGzipBytes).toBe(report.files[0]!.gzipBytes + report.files[1]!.gzipBytes);
    expect(report.budgetBytes).toBe(FIRST_PAGE_JS_BUDGET_BYTES);
    expect(report.withinBudget).toBe(true);
  });

  it('fails when the first page is over budget', () => {
    const report = checkBundle(fakeDist({ entryBytes: 260_000 }));
    expect(report.totalGzipBytes).toBeGreaterThan(FIRST_PAGE_JS_BUDGET_BYTES);
    expect(report.withinBudget).toBe(false);
  });

  it("follows Vite's manifest to static imports the HTML does not name, never to lazy chunks", () => {
    const under = checkBundle(fakeDist({ entryBytes: 20_000, manifestOnlyBytes: 20_000 }));
    expect(under.files.map((f) => f.file).sort()).toEqual(['assets/index-a1.js', 'assets/shared-d4.js', 'assets/vendor-b2.js']);
    expect(under.withinBudget).toBe(true);
    // Over only because of the manifest-only import.
    const over = checkBundle(fakeDist({ entryBytes: 20_000, manifestOnlyBytes: 200_000 }));
    expect(over.withinBudget).toBe(false);
  });

  it('exits 1 over budget, 0 within it and 2 without a build (the CI step)', () => {
    const run = (dir: string) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-bundle.ts', dir], { cwd: rootDir, encoding: 'utf8' });
    const over = run(fakeDist({ entryBytes: 260_000 }));
    expect(over.status).toBe(1);
    expect(over.stdout).toContain('OVER the budget of 150.0 kB');
    expect(run(fakeDist({ entryBytes: 20_000 })).status).toBe(0);
    const missing = run(path.join(os.tmpdir(), 'kindred-no-such-build'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('build the web app first');
  });
});
