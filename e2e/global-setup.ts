import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import type { TestProject } from 'vitest/node';
import { ensureWebBuild, rootDir } from './harness.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server's entry points compiled once for the whole browser run (see `setup`). */
    e2eServer: { main: string; movableClock: string };
  }
}

/**
 * Once per browser run, before any test file: builds the web app if its sources changed, and compiles
 * the server (`src/server/main.ts`, and `e2e/movable-clock-server.ts` on the same app) with esbuild
 * into one file each, the compiler tsx runs file by file. Every test file then starts the server
 * with plain node (a restart too) instead of through tsx's loader hooks, which cost each start
 * about two seconds of CPU on these 2-core machines (twenty-odd starts a run). Packages stay external.
 * The files sit two levels under the repository (dist/e2e-server-<pid>/), where the server looks
 * for dist/web and the curriculum from its own file, as it does from src/server/.
 */
export default async function setup(project: TestProject) {
  ensureWebBuild();
  sweepStale();
  const dir = path.join(rootDir, 'dist', `e2e-server-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  const entries = { main: path.join(rootDir, 'src', 'server', 'main.ts'), movableClock: path.join(rootDir, 'e2e', 'movable-clock-server.ts') };
  const out = { main: path.join(dir, 'main.mjs'), movableClock: path.join(dir, 'movable-clock.mjs') };
  try {
    for (const key of ['main', 'movableClock'] as const) {
      await build({ entryPoints: [entries[key]], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile: out[key], logLevel: 'warning' });
    }
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  project.provide('e2eServer', out);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

/** Removes the folders of earlier runs that ended without their teardown (killed): their process is gone. */
function sweepStale(): void {
  const dist = path.join(rootDir, 'dist');
  if (!fs.existsSync(dist)) return;
  for (const name of fs.readdirSync(dist)) {
    const pid = /^e2e-server-(\d+)$/.exec(name)?.[1];
    if (!pid || Number(pid) === process.pid || alive(Number(pid))) continue;
    fs.rmSync(path.join(dist, name), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
