import { lazy, Suspense } from 'react';

const Panel = lazy(() => import('./feedback-panel.js').then((m) => ({ default: m.EmpathyFeedbackPanel })));

/**
 * The empathy feedback panel, loaded on first use: the rules and their messages come in their own
 * chunk, so pages (and people) that never show feedback never download them.
 */
export function EmpathyFeedback({ seeker, draft }: { seeker: string; draft: string }) {
  return (
    <Suspense fallback={null}>
      <Panel seeker={seeker} draft={draft} />
    </Suspense>
  );
}
