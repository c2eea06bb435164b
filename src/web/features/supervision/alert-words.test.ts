import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CORE_RULES, CUE_RULES, DISTRESS_RULES, MARKER_RULES, METHOD_RULES, PREPARATION_RULES } from '../../../safety/lexicon.js';
import { formatRelative } from '../../lib/i18n.js';
import en from '../../locales/en.js';
import { flaggedPieces, nowSince, reachWhere, reasonLabel, type ReasonLabels } from './alert-words.js';

const labels = en.supervision.reasonCodes as ReasonLabels;
const unknown = en.supervision.reasonUnknown;

/**
 * Every reason code the screen can give: the exported rule tables, and every code written in the
 * library's source (rules built in screen.ts, a model's reason), plus the server's call for help.
 */
function screenCodes(): string[] {
  const dir = fileURLToPath(new URL('../../../safety/', import.meta.url));
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  const written = files.flatMap((f) => [...readFileSync(dir + f, 'utf8').matchAll(/\bcode: '([a-z_]+\.[a-z_]+)'/g)].map((m) => m[1]!));
  const tables = [CORE_RULES, DISTRESS_RULES, METHOD_RULES, CUE_RULES, MARKER_RULES, PREPARATION_RULES].flat().map((r) => r.code);
  return [...new Set([...tables, ...written, 'peer_referral'])].sort();
}

describe('reason codes in the alert details', () => {
  it('have plain words for every code the screen can give, never the code', () => {
    const codes = screenCodes();
    expect(codes.length).toBeGreaterThan(100);
    const missing = codes.filter((c) => reasonLabel(c, labels, unknown) === unknown);
    expect(missing).toEqual([]);
    for (const c of codes) expect(reasonLabel(c, labels, unknown)).not.toContain(c);
    expect(reasonLabel('ideation.end_life', labels, unknown)).toBe('Wish to end their life');
  });

  it('fall back to a generic label for a code without one', () => {
    expect(reasonLabel('ideation.brand_new', labels, unknown)).toBe(unknown);
    expect(reasonLabel('ideation', labels, unknown)).toBe(unknown);
    expect(reasonLabel('toString', labels, unknown)).toBe(unknown);
    expect(reasonLabel('', labels, unknown)).toBe(unknown);
  });
});

describe('a just-raised alert', () => {
  it('never reads as raised in the future, against a clock that ticked before it came', () => {
    const now = Date.parse('2026-11-28T06:00:00.000Z');
    const raised = new Date(now + 4000).toISOString(); // arrived 4 s after the 30 s clock's last tick
    expect(formatRelative(raised, nowSince(raised, now))).not.toMatch(/^in /);
    expect(formatRelative(raised, nowSince(raised, now))).toBe('now');
    // An older alert keeps its true age.
    const older = new Date(now - 5 * 60_000).toISOString();
    expect(formatRelative(older, nowSince(older, now))).toBe('5 minutes ago');
  });
});

describe('the flagged passages', () => {
  it('cut the words into plain and marked pieces, merging overlaps and clipping what runs past the end', () => {
    const text = 'tonight I want to kill myself.';
    expect(flaggedPieces(text, [{ start: 15, end: 22 }, { start: 18, end: 29 }, { start: 40, end: 50 }])).toEqual([
      { text: 'tonight I want ', flagged: false },
      { text: 'to kill myself', flagged: true },
      { text: '.', flagged: false },
    ]);
    expect(flaggedPieces('', [])).toEqual([{ text: '', flagged: false }]);
  });
});

describe('reachWhere', () => {
  const shown = { state: 'shown', link: '/community/threads/t1' };
  it('names the member beside the link to where they wrote', () => {
    expect(reachWhere({ ...shown, anonymous: false }, 'river')).toEqual({ to: '/community/threads/t1', kind: 'named', handle: 'river' });
  });
  it('never carries the handle of an anonymous post, and says to reply without naming them (ADR 005)', () => {
    const reach = reachWhere({ ...shown, anonymous: true }, 'river');
    expect(reach).toEqual({ to: '/community/threads/t1', kind: 'anonymous' });
    expect(JSON.stringify(reach)).not.toContain('river');
    expect(en.supervision.reachAnonymous).not.toMatch(/\{\{handle\}\}/);
    expect(en.supervision.reachAnonymous).toMatch(/anonymously/);
  });
  it('offers no link when the words are not shown or have no place', () => {
    expect(reachWhere({ state: 'gone', link: null, anonymous: false }, 'river')).toBeNull();
    expect(reachWhere({ ...shown, link: null, anonymous: true }, 'river')).toBeNull();
  });
});
