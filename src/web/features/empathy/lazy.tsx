import { lazy, Suspense } from 'react';

const Panel = lazy(() => import('./feedback-panel.js').then((m) => ({ default: m.EmpathyFeedbackPanel })));

/**
 * The empathy feedback panel, loaded on first use: the rules and their messages come in their own
 * chunk, so pages (and people) that never show feedback never download them.
 */
export function EmpathyFeedback({ seeker, draft, headingLevel }: { seeker: string; draft: string; headingLevel?: 2 | 3 }) {
  return (
    <Suspense fallback={null}>
      <Panel seeker={seeker} draft={draft} headingLevel={headingLevel} />
    </Suspense>
  );
}

/** Feedback is for people who support others: certified peer supporters and facilitators. */
export function writesAsSupporter(roles: readonly string[]): boolean {
  return roles.includes('peer_supporter') || roles.includes('facilitator');
}

/** The words of a post rendered by the server (safe HTML), for reading, not showing; nothing runs. */
export function plainTextOf(html: string | null | undefined): string {
  if (!html) return '';
  return new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '';
}
