/**
 * Two build steps for a first visit on a slow phone link (issue 9), used by vite.config.ts:
 *
 * - `inlineEntryStylesheet`: the stylesheet of index.html goes into a <style> in the page, so the
 *   first paint (the header with "Get help now") needs one response, not two. The server allows
 *   exactly that <style> by its hash in the Content-Security-Policy (src/server/platform/web-client.ts).
 * - `precompress`: every text file of the build gets a Brotli (.br) and a gzip (.gz) copy beside it,
 *   made once at build time at the highest levels; the server sends the one the browser accepts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

export function inlineEntryStylesheet(): Plugin {
  return {
    name: 'kindred:inline-entry-stylesheet',
    apply: 'build',
    enforce: 'post',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        return html.replace(/<link\b[^>]*\brel="stylesheet"[^>]*>/g, (tag) => {
          const href = /\bhref="\/?([^"]+)"/.exec(tag)?.[1];
          const asset = href ? bundle[href] : undefined;
          if (!asset || asset.type !== 'asset') return tag;
          // The file is still written: nothing else names it, and it costs nothing to keep.
          const css = typeof asset.source === 'string' ? asset.source : Buffer.from(asset.source).toString('utf8');
          // "</style" inside the CSS would end the element early; the minifier never writes it.
          if (/<\/style/i.test(css)) return tag;
          return `<style>${css.trim()}</style>`;
        });
      },
    },
  };
}

const TEXT_FILE = /\.(?:js|mjs|css|html|svg|json|txt|webmanifest)$/;
/** Smaller files fit in the first packets anyway. */
const MIN_BYTES = 1024;

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name.startsWith('.') ? [] : filesUnder(full);
    return [full];
  });
}

export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'kindred:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const file of filesUnder(outDir)) {
        if (!TEXT_FILE.test(file)) continue;
        const content = fs.readFileSync(file);
        if (content.length < MIN_BYTES) continue;
        const br = brotliCompressSync(content, {
          params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
        });
        const gz = gzipSync(content, { level: 9 });
        // A copy that saves nothing would only cost a disk read.
        if (br.length < content.length) fs.writeFileSync(`${file}.br`, br);
        if (gz.length < content.length) fs.writeFileSync(`${file}.gz`, gz);
      }
    },
  };
}
