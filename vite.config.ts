import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { inlineEntryStylesheet, precompress } from './scripts/vite-first-paint.js';

/** The web app: src/web → dist/web, served by the Fastify process in production. */
export default defineConfig({
  root: 'src/web',
  publicDir: 'public',
  plugins: [react(), inlineEntryStylesheet(), precompress()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: false,
    // .vite/manifest.json: the module graph `npm run check:bundle` follows to find the first page's JavaScript.
    manifest: true,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 400,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', ws: true },
    },
  },
});
