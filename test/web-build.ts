import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

export const INLINE_CSS = 'body{color:#222}';
export const PAGE = `<!doctype html><title>Kindred</title><style>${INLINE_CSS}</style><script type="module" src="/assets/app-1.js"></script>`;
export const SCRIPT = `export const words = ${JSON.stringify('calm '.repeat(400))};`;

/**
 * A built web app in miniature: the page with its inlined stylesheet, one asset, their Brotli and
 * gzip copies (as scripts/vite-first-paint.ts writes them), and the build manifest browsers must not get.
 */
export function miniBuild(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindred-web-'));
  const write = (file: string, content: string) => {
    fs.writeFileSync(path.join(dir, file), content);
    fs.writeFileSync(path.join(dir, `${file}.br`), brotliCompressSync(content));
    fs.writeFileSync(path.join(dir, `${file}.gz`), gzipSync(content));
  };
  fs.mkdirSync(path.join(dir, 'assets'));
  write('index.html', PAGE);
  write('assets/app-1.js', SCRIPT);
  fs.mkdirSync(path.join(dir, '.vite'));
  // The entry imports a shared chunk; the thread page's chunk imports the entry, that chunk and one of its own.
  const manifest = {
    'index.html': { file: 'assets/app-1.js', isEntry: true, imports: ['_shared-1.js'] },
    '_shared-1.js': { file: 'assets/shared-1.js' },
    'app/routes/community-thread.tsx': { file: 'assets/thread-1.js', isDynamicEntry: true, imports: ['index.html', '_shared-1.js', '_post-1.js'], css: ['assets/thread-1.css'] },
    '_post-1.js': { file: 'assets/post-1.js' },
  };
  fs.writeFileSync(path.join(dir, '.vite', 'manifest.json'), JSON.stringify(manifest));
  return dir;
}
