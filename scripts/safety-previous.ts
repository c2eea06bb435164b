/**
 * Loads the crisis screen as it was at a git revision (default HEAD), for A/B comparisons of the
 * current working tree against it: the differential check (`scripts/safety-diff.ts`) and the
 * interleaved benchmark (`bench/safety.bench.ts --against <ref>`). The revision's `src/safety` is
 * extracted with `git archive` into a temporary directory and imported from there (tsx compiles it).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from './data.js';

export type ScreenModule = typeof import('../src/safety/screen.js');
export type DespairModule = typeof import('../src/safety/model/despair.js');

/** Extracts `ref`'s src/safety into a new temporary directory; returns the directory. */
export function extractScreenAt(ref = 'HEAD'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindred-safety-'));
  const tar = execFileSync('git', ['archive', ref, 'src/safety'], { cwd: repoRoot, maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
  return dir;
}

/** Copies the working tree's src/safety into a new temporary directory, loaded like a revision's. */
export function copyWorkingScreen(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindred-safety-'));
  fs.cpSync(path.join(repoRoot, 'src/safety'), path.join(dir, 'src/safety'), { recursive: true });
  return dir;
}

/** The screen and model modules of a directory made by extractScreenAt / copyWorkingScreen. */
export async function importScreenFrom(dir: string): Promise<{ screen: ScreenModule; despair: DespairModule; dir: string }> {
  const base = path.join(dir, 'src/safety');
  const screen = (await import(pathToFileURL(path.join(base, 'screen.ts')).href)) as ScreenModule;
  const despair = (await import(pathToFileURL(path.join(base, 'model/despair.ts')).href)) as DespairModule;
  return { screen, despair, dir };
}

/** The screen and model modules of `ref`, imported from a fresh extraction of its src/safety. */
export async function loadScreenAt(ref = 'HEAD'): Promise<{ screen: ScreenModule; despair: DespairModule; dir: string }> {
  return importScreenFrom(extractScreenAt(ref));
}
