/** Pure helpers of the alert details: plain words for reason codes, flagged passages, a time never ahead of now. */

/** A nested table of labels, keyed by the code's dotted parts (`ideation.end_life` → ideation → end_life). */
export type ReasonLabels = { [key: string]: string | ReasonLabels };

/** The plain words for a screen reason code, or `unknown` for a code without a label (never the code itself). */
export function reasonLabel(code: string, labels: ReasonLabels | string | undefined, unknown: string): string {
  let at: ReasonLabels | string | undefined = labels;
  for (const part of code.split('.')) {
    if (!at || typeof at === 'string' || !Object.prototype.hasOwnProperty.call(at, part)) return unknown;
    at = at[part];
  }
  return typeof at === 'string' && at.trim() ? at : unknown;
}

/** `text` cut into plain and flagged pieces, overlapping or out-of-range passages merged and clipped. */
export function flaggedPieces(text: string, passages: readonly { start: number; end: number }[]): { text: string; flagged: boolean }[] {
  const spans = passages
    .map((p) => [Math.max(0, Math.min(p.start, text.length)), Math.max(0, Math.min(p.end, text.length))] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [s, e] of spans) {
    const last = merged.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  const out: { text: string; flagged: boolean }[] = [];
  let at = 0;
  for (const [s, e] of merged) {
    if (s > at) out.push({ text: text.slice(at, s), flagged: false });
    out.push({ text: text.slice(s, e), flagged: true });
    at = e;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), flagged: false });
  return out;
}

/**
 * The "now" to time something that already happened against: never before it. `now` comes from a
 * clock refreshed every 30 s, so an alert raised since its last tick would read "in 4 seconds".
 */
export function nowSince(iso: string, now: number): number {
  const at = new Date(iso).getTime();
  return Number.isFinite(at) ? Math.max(now, at) : now;
}

/**
 * The way to reach the member where they wrote, if the words have a place the supervisor may open:
 * `named` says to reply to them by handle; `anonymous` (an anonymous post) says to reply without
 * naming them, and carries no handle, so the panel cannot put it beside the link (ADR 005).
 */
export function reachWhere(
  source: { state: string; link: string | null; anonymous: boolean },
  handle: string,
): { to: string; kind: 'anonymous' } | { to: string; kind: 'named'; handle: string } | null {
  if (source.state !== 'shown' || !source.link) return null;
  return source.anonymous ? { to: source.link, kind: 'anonymous' } : { to: source.link, kind: 'named', handle };
}
