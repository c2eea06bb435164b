/**
 * `npm run check:bundle` (after `npm run build:web`): the JavaScript the first page loads, gzipped,
 * against its budget. Prints every file and the total; exits 1 over budget, 2 when there is no
 * build to check. CI runs it after the build, so a change that makes the first page heavier fails.
 *
 * "The first page loads" = what index.html names before any route runs: its script tags and
 * modulepreload links, plus (from Vite's manifest, when the build wrote one) every chunk the entry
 * imports statically. Lazy route chunks load on navigation and are not counted. Sizes are gzip
 * level 9, as a server or CDN that precompresses would send them.
 *
 *   npm run check:bundle                       checks dist/web
 *   npx tsx scripts/check-bundle.ts <dir>      checks another build
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The first page's JavaScript, gzipped, at most (bytes; "150 kB" as Vite reports sizes). */
export const FIRST_PAGE_JS_BUDGET_BYTES = 150_000;

export interface BundleFile {
  /** Path inside the build folder, e.g. "assets/index-abc123.js"; "index.html (inline)" for inline scripts. */
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BundleReport {
  files: BundleFile[];
  totalGzipBytes: number;
  budgetBytes: number;
  withinBudget: boolean;
}

export class BundleCheckError extends Error {}

/** Attributes of one HTML start tag, names lower-cased ("a" or 'a' or bare values). */
function attributes(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const body = tag.replace(/^<\w+/, '').replace(/\/?>$/, '');
  for (const m of body.matchAll(/([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    attrs.set(m[1]!.toLowerCase(), m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

/** A URL in index.html as a path inside the build folder; scripts from other origins cannot be checked. */
function localPath(url: string): string {
  if (/^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(url)) throw new BundleCheckError(`index.html loads a script from another origin (${url}); its size cannot be checked here`);
  return decodeURIComponent(url.split(/[?#]/)[0]!).replace(/^\.?\/+/, '');
}

/** Scripts named by index.html: [external files, inline script bodies]. */
function scriptsInHtml(html: string): { files: string[]; inline: string[] } {
  const files: string[] = [];
  const inline: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script\s*>/gi)) {
    const tag = m[0].slice(0, m[0].indexOf('>') + 1);
    const attrs = attributes(tag);
    const type = attrs.get('type');
    // JSON, import maps and templates are data, not code the page runs.
    if (type !== undefined && type !== 'module' && !/javascript/i.test(type)) continue;
    if (attrs.has('src')) files.push(localPath(attrs.get('src')!));
    else if (m[1]!.trim()) inline.push(m[1]!);
  }
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const attrs = attributes(m[0]);
    const rel = (attrs.get('rel') ?? '').toLowerCase().split(/\s+/);
    if (rel.includes('modulepreload') && attrs.has('href')) files.push(localPath(attrs.get('href')!));
  }
  return { files, inline };
}

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
}

/** The entry of index.html and its static imports, transitively, from Vite's manifest (if the build wrote one). */
function scriptsInManifest(distDir: string): string[] {
  const manifestFile = path.join(distDir, '.vite', 'manifest.json');
  if (!fs.existsSync(manifestFile)) return [];
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;
  const entries = Object.entries(manifest).filter(([key, chunk]) => chunk.isEntry && (chunk.src ?? key) === 'index.html');
  const files: string[] = [];
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new BundleCheckError(`Vite's manifest names a chunk "${key}" it does not describe`);
    files.push(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const [key] of entries) visit(key);
  return files;
}

/** Finds the first page's JavaScript in a build folder and measures it against the budget. */
export function checkBundle(distDir: string, budgetBytes: number = FIRST_PAGE_JS_BUDGET_BYTES): BundleReport {
  const indexFile = path.join(distDir, 'index.html');
  if (!fs.existsSync(indexFile)) throw new BundleCheckError(`${indexFile} does not exist: build the web app first (npm run build:web)`);
  const { files: htmlFiles, inline } = scriptsInHtml(fs.readFileSync(indexFile, 'utf8'));
  const names = [...new Set([...htmlFiles, ...scriptsInManifest(distDir)])];
  if (names.length === 0 && inline.length === 0) throw new BundleCheckError(`${indexFile} loads no script: is this the built index.html?`);

  const measure = (file: string, content: Buffer): BundleFile => ({ file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length });
  const files = names.map((name) => {
    const full = path.resolve(distDir, name);
    if (!full.startsWith(path.resolve(distDir) + path.sep) || !fs.existsSync(full)) throw new BundleCheckError(`index.html loads ${name}, which is not in ${distDir}`);
    return measure(name, fs.readFileSync(full));
  });
  inline.forEach((code, i) => files.push(measure(`index.html (inline script ${i + 1})`, Buffer.from(code, 'utf8'))));

  const totalGzipBytes = files.reduce((sum, f) => sum + f.gzipBytes, 0);
  return { files, totalGzipBytes, budgetBytes, withinBudget: totalGzipBytes <= budgetBytes };
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** The report as a few lines for a terminal or a CI log. */
export function formatReport(report: BundleReport): string {
  const width = Math.max(...report.files.map((f) => f.file.length), 10);
  const lines = report.files.map((f) => `  ${f.file.padEnd(width)}  ${kB(f.bytes).padStart(9)}  gzip ${kB(f.gzipBytes).padStart(9)}`);
  const verdict = report.withinBudget
    ? `within the budget of ${kB(report.budgetBytes)} (${kB(report.budgetBytes - report.totalGzipBytes)} to spare)`
    : `OVER the budget of ${kB(report.budgetBytes)} by ${kB(report.totalGzipBytes - report.budgetBytes)}: split a route or a dependency out of the first page`;
  return [`First page JavaScript (gzip -9):`, ...lines, `  total ${kB(report.totalGzipBytes)} gzipped, ${verdict}`].join('\n');
}

function main(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const distDir = path.resolve(process.argv[2] ?? path.join(root, 'dist', 'web'));
  let report: BundleReport;
  try {
    report = checkBundle(distDir);
  } catch (err) {
    if (!(err instanceof BundleCheckError)) throw err;
    console.error(err.message);
    process.exit(2);
  }
  console.log(formatReport(report));
  process.exit(report.withinBudget ? 0 : 1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
