import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { rateEmpathy, type EmpathyFeedback, type EmpathyLevel, type EmpathyNote } from '../../../safety/empathy.js';
import '../../locales/load-empathy.js';
import './empathy.css';

/** How long the writer pauses before the feedback (and its spoken summary) catches up. */
export const FEEDBACK_DEBOUNCE_MS = 600;
const HIDDEN_KEY = 'kindred.empathyFeedback.hidden';
const DIMENSIONS = ['emotionalReactions', 'interpretations', 'explorations'] as const;
const QUOTE_MAX = 60;

function readHidden(): boolean {
  try {
    return window.localStorage.getItem(HIDDEN_KEY) === '1';
  } catch {
    return false;
  }
}

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const id = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(id);
  }, [value, ms]);
  return settled;
}

/**
 * Live empathy feedback for a supporter's draft reply: the three EPITOME dimensions as
 * not yet / some / strong and a few kind notes. Advice to the writer only: the rating runs in the
 * browser (the draft never leaves the device for it), is never sent, never blocks sending and
 * never changes the text. A screen reader hears one short summary after the writer pauses
 * (aria-live polite), not every keystroke; focus is never moved. "Hide feedback" is remembered.
 * `headingLevel` fits the panel's heading into the page's outline (3 under a composer's own h2).
 */
export function EmpathyFeedbackPanel({ seeker, draft, headingLevel = 3 }: { seeker: string; draft: string; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const { t } = useTranslation();
  const [hidden, setHidden] = useState(readHidden);
  const settled = useDebounced(draft, FEEDBACK_DEBOUNCE_MS);
  const feedback = useMemo<EmpathyFeedback | null>(() => (settled.trim() ? rateEmpathy(seeker, settled) : null), [seeker, settled]);
  const headingId = useId();
  const bodyId = useId();

  const toggle = () => {
    const next = !hidden;
    setHidden(next);
    try {
      window.localStorage.setItem(HIDDEN_KEY, next ? '1' : '0');
    } catch {
      // private browsing: remembered for this page only
    }
  };

  const level = (l: EmpathyLevel) => t(`empathy.levels.${l}`);
  return (
    <section className="empathy" aria-labelledby={headingId}>
      <div className="empathy__head">
        <Heading id={headingId} className="empathy__title">
          {t('empathy.title')}
        </Heading>
        <button type="button" className="button button--secondary button--small" aria-expanded={!hidden} aria-controls={bodyId} onClick={toggle}>
          {hidden ? t('empathy.show') : t('empathy.hide')}
        </button>
      </div>
      <div id={bodyId} hidden={hidden}>
        <p className="muted empathy__private">{t('empathy.privateHint')}</p>
        {/* The only live part: one sentence, updated after a pause in typing. */}
        <p className="visually-hidden" aria-live="polite" aria-atomic="true">
          {!hidden && feedback
            ? t('empathy.summary', {
                warmth: level(feedback.emotionalReactions),
                understanding: level(feedback.interpretations),
                exploring: level(feedback.explorations),
                count: feedback.notes.length,
              })
            : ''}
        </p>
        {feedback ? (
          <>
            <dl className="empathy__dimensions">
              {DIMENSIONS.map((d) => (
                <div key={d} className="empathy__dimension">
                  <dt title={t(`empathy.dimensionHints.${d}`)}>{t(`empathy.dimensions.${d}`)}</dt>
                  <dd>
                    <span className={`empathy__meter empathy__meter--${feedback[d]}`} aria-hidden="true">
                      <span />
                      <span />
                    </span>
                    {level(feedback[d])}
                  </dd>
                </div>
              ))}
            </dl>
            {feedback.notes.length > 0 ? (
              <ul className="plain-list empathy__notes">
                {feedback.notes.map((n) => (
                  <NoteItem key={`${n.kind}:${n.code}`} note={n} draft={settled} />
                ))}
              </ul>
            ) : null}
          </>
        ) : (
          <p className="muted">{t('empathy.empty')}</p>
        )}
      </div>
    </section>
  );
}

function NoteItem({ note, draft }: { note: EmpathyNote; draft: string }) {
  const { t } = useTranslation();
  // Pitfalls quote the words they are about, so the writer can find them; nothing is changed.
  const words = note.kind === 'pitfall' && note.span ? draft.slice(note.span.start, note.span.end).trim() : '';
  const quote = words.length > QUOTE_MAX ? `${words.slice(0, QUOTE_MAX - 1)}…` : words;
  return (
    <li className={`empathy__note empathy__note--${note.kind}`}>
      <span className="empathy__kind">{t(`empathy.kinds.${note.kind}`)}</span> {t(`empathy.notes.${note.code}`)}
      {quote ? <span className="empathy__quote">{t('empathy.inYourWords', { words: quote })}</span> : null}
    </li>
  );
}
