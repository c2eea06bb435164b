/**
 * `npm run dev`: the API server with reload on :3000 and Vite's dev server on :5173 (which proxies
 * /api and the WebSocket to it). Open http://localhost:5173.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const env = { ...process.env, KINDRED_DEV: '1' };
const children = [
  spawn(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), 'watch', 'src/server/main.ts'], { stdio: 'inherit', env }),
  spawn(process.execPath, [path.resolve('node_modules/vite/bin/vite.js')], { stdio: 'inherit', env }),
];
const stop = () => {
  for (const c of children) c.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children) c.on('exit', (code) => code && stop());
