import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { firstReadsOf } from '../../contracts/first-reads.js';
import { acceptedEncodings, encodingFor } from './compression.js';
import { SESSION_COOKIE } from './session-cookie.js';

/**
 * The built web app (dist/web) as the server sends it. The build writes a Brotli and a gzip copy
 * beside each text file (scripts/vite-first-paint.ts); the browser gets the smallest it accepts,
 * which on a slow phone link is most of the first visit's wait (issue 9).
 */
export interface WebClient {
  dir: string;
  /** index.html as built, and its precompressed copies when the build wrote them. */
  page: { identity: Buffer; br?: Buffer; gzip?: Buffer };
  /** CSP sources ('sha256-…') allowing exactly the <style> elements of index.html (the inlined stylesheet). */
  styleHashes: string[];
  /** A lazy page module (as Vite's manifest names it) → what the browser needs to run it: its scripts and stylesheets. */
  modules: Map<string, { scripts: string[]; styles: string[] }>;
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

/**
 * From the build's manifest, each lazy chunk's files: its own script, every chunk it imports
 * statically, and their stylesheets, less what index.html already loads (the entry and its imports).
 */
function moduleFiles(manifest: Record<string, ManifestChunk>): Map<string, { scripts: string[]; styles: string[] }> {
  const closure = (key: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(key) || !manifest[key]) return seen;
    seen.add(key);
    for (const imported of manifest[key].imports ?? []) closure(imported, seen);
    return seen;
  };
  const onThePage = new Set<string>();
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) for (const k of closure(key)) onThePage.add(k);
  const modules = new Map<string, { scripts: string[]; styles: string[] }>();
  for (const key of Object.keys(manifest)) {
    if (onThePage.has(key)) continue;
    const chunks = [...closure(key)].filter((k) => !onThePage.has(k)).map((k) => manifest[k]!);
    modules.set(key, { scripts: chunks.map((c) => `/${c.file}`), styles: [...new Set(chunks.flatMap((c) => c.css ?? []))].map((f) => `/${f}`) });
  }
  return modules;
}

/** 'sha256-…' sources for a Content-Security-Policy: one per <style> element of an HTML page. */
export function inlineStyleHashes(html: string): string[] {
  return [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style\s*>/gi)].map((m) => `'sha256-${createHash('sha256').update(m[1]!, 'utf8').digest('base64')}'`);
}

export function loadWebClient(dir: string): WebClient | null {
  const indexFile = path.join(dir, 'index.html');
  if (!fs.existsSync(indexFile)) return null;
  const identity = fs.readFileSync(indexFile);
  const copy = (suffix: string) => (fs.existsSync(indexFile + suffix) ? fs.readFileSync(indexFile + suffix) : undefined);
  const br = copy('.br');
  const gzip = copy('.gz');
  const manifestFile = path.join(dir, '.vite', 'manifest.json');
  const modules = fs.existsSync(manifestFile) ? moduleFiles(JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>) : new Map();
  return { dir, page: { identity, ...(br ? { br } : {}), ...(gzip ? { gzip } : {}) }, styleHashes: inlineStyleHashes(identity.toString('utf8')), modules };
}

/**
 * Preload hints for the page at `pathname` (contracts/first-reads.ts), as a `Link` header: the
 * page's module with its imports, and the API reads it starts with, fetched by the browser while
 * the app's script arrives. A header, not markup: the page itself stays one precompressed file.
 * `crossorigin` makes each the same request as the one the app makes (Vite loads chunks and their
 * stylesheets in CORS mode; fetch() is CORS mode), so the browser uses the preloaded response.
 */
export function preloadLinks(client: WebClient, pathname: string, signedIn: boolean): string | null {
  const first = firstReadsOf(pathname, signedIn);
  const files = first.module ? client.modules.get(first.module) : undefined;
  const links = [
    ...(files?.styles ?? []).map((href) => `<${href}>; rel=preload; as=style; crossorigin`),
    ...(files?.scripts ?? []).map((href) => `<${href}>; rel=modulepreload`),
    ...first.reads.map((href) => `<${href}>; rel=preload; as=fetch; crossorigin`),
  ];
  return links.length > 0 ? links.join(', ') : null;
}

/**
 * Which of the page's copies to send: the coding the JSON hook would choose (RFC 9110 weights, one
 * rule: compression.ts), else, when the build wrote no copy in it, the other if it is acceptable.
 */
function pageEncoding(client: WebClient, acceptEncoding: string | string[] | undefined): 'br' | 'gzip' | null {
  const chosen = encodingFor(acceptEncoding);
  if (chosen === null) return null;
  if (client.page[chosen]) return chosen;
  const other = chosen === 'br' ? 'gzip' : 'br';
  return client.page[other] && acceptedEncodings(acceptEncoding).has(other) ? other : null;
}

function sendPage(client: WebClient, req: FastifyRequest, reply: FastifyReply, status: number): FastifyReply {
  const encoding = pageEncoding(client, req.headers['accept-encoding']);
  reply.code(status).type('text/html').header('cache-control', 'no-cache').header('vary', 'accept-encoding, cookie');
  const links = status === 200 ? preloadLinks(client, req.url.split('?')[0]!, Boolean(req.cookies[SESSION_COOKIE])) : null;
  if (links) reply.header('link', links);
  if (encoding) return reply.header('content-encoding', encoding).send(client.page[encoding]);
  return reply.send(client.page.identity);
}

/** The files of the build, and the app's page for every path that may be one of its routes. */
export async function serveWebClient(app: FastifyInstance, client: WebClient): Promise<void> {
  const webDir = client.dir;
  // dotfiles: the build's .vite/manifest.json (read by `npm run check:bundle`) is not for browsers.
  // Files under assets/ carry a content hash in their name, so they never change: cached for a year.
  const assetsDir = path.join(webDir, 'assets') + path.sep;
  const immutable = 'public, max-age=31536000, immutable';
  await app.register(fastifyStatic, {
    root: webDir,
    wildcard: false,
    index: false,
    maxAge: '1h',
    immutable: false,
    dotfiles: 'ignore',
    preCompressed: true,
    setHeaders: (reply, file) => {
      if (file.startsWith(assetsDir)) reply.header('cache-control', immutable);
    },
  });
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    const rel = decodeURIComponent(req.url.split('?')[0]!).replace(/^\/+/, '');
    const file = path.join(webDir, rel);
    if (rel && file.startsWith(webDir + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      return reply.sendFile(rel);
    }
    if (rel.startsWith('api/')) return reply.code(404).send({ error: { code: 'not_found', message: 'No such API route.' } });
    // The app's routes are letters, digits, dashes and slashes. Anything else that is not a file
    // (backup.sql, page~, .page.swp) is a 404: still the app, which says so, but not a 200 that
    // tells a scanner or a cache such a file exists.
    return sendPage(client, req, reply, /^[A-Za-z0-9/_-]*$/.test(rel) ? 200 : 404);
  });
}
