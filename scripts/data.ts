/**
 * Helpers shared by the tools that read the labelled sets in ../shared/data (or $KINDRED_DATA_DIR):
 * where the data is, a stable hash for fold splits, and a JSON Lines reader. Data text is only
 * read, never written anywhere.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const dataDir = process.env.KINDRED_DATA_DIR ?? path.resolve(repoRoot, '../shared/data');

/** FNV-1a 32-bit: a stable, dependency-free hash for fold splits. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Every non-empty line of a JSON Lines file, parsed. */
export function readJsonl(file: string): Record<string, unknown>[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
