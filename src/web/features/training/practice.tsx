import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { WriteNotice } from '../../app/write-notice.js';
import { TextAreaField } from '../../components/fields.js';
import { ErrorNotice, fieldError } from '../../components/status.js';
import { formatRelative } from '../../lib/i18n.js';
import { LIMITS, usePractise, type PracticeReply, type PracticeResult, type PracticeScenario } from './api.js';

const DIMENSIONS = ['emotionalReactions', 'interpretations', 'explorations'] as const;

/** The live feedback beside the draft; the page composes it in (the empathy feature's panel). */
export type RenderFeedback = (seeker: string, draft: string) => ReactNode;

/** Ratings as words: warmth, understanding, exploring — not yet / some / strong. */
function Ratings({ rating }: { rating: PracticeReply['rating'] }) {
  const { t } = useTranslation();
  return (
    <ul className="practice-ratings">
      {DIMENSIONS.map((d) => (
        <li key={d}>{t('training.module.rating', { dimension: t(`training.module.dimensions.${d}`), level: t(`training.module.levels.${rating[d]}`) })}</li>
      ))}
    </ul>
  );
}

/** One practice post: what the seeker wrote, what to aim for, my reply with live feedback, and my earlier replies. */
export function PracticeScenarioForm({
  moduleId,
  scenario,
  earlier,
  renderFeedback,
  active,
  onOpen,
}: {
  moduleId: string;
  scenario: PracticeScenario;
  earlier: PracticeReply[];
  renderFeedback: RenderFeedback;
  /** One post is written to at a time, so the page carries one feedback panel. */
  active: boolean;
  onOpen(): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const practise = usePractise(moduleId, scenario.id);
  const [draft, setDraft] = useState('');
  const [saved, setSaved] = useState<PracticeResult | null>(null);
  const opening = useRef(false);
  // Opened by its button: the reply box takes focus, so the keyboard carries on where the form appeared.
  useEffect(() => {
    if (active && opening.current) document.getElementById(`${id}-reply`)?.focus();
    opening.current = false;
  }, [active, id]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!draft.trim()) return;
    practise.mutate(draft, {
      onSuccess: (r) => {
        setSaved(r);
        setDraft('');
      },
    });
  };

  return (
    <section className="card stack" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{scenario.title}</h3>
      <p className="muted" id={`${id}-post-label`}>
        {t('training.module.seekerPost')}
      </p>
      <blockquote className="practice-post" aria-labelledby={`${id}-post-label`}>
        {scenario.seekerPost}
      </blockquote>
      <p>{t('training.module.aims')}</p>
      <ul>
        {scenario.aims.map((aim) => (
          <li key={aim}>{aim}</li>
        ))}
      </ul>
      {active ? (
      <form className="stack" onSubmit={submit} noValidate>
        <TextAreaField
          id={`${id}-reply`}
          label={t('training.module.reply')}
          rows={5}
          value={draft}
          maxLength={LIMITS.practiceReplyMax}
          error={fieldError(practise.error, 'reply')}
          onChange={(e) => setDraft(e.target.value)}
        />
        {renderFeedback(scenario.seekerPost, draft)}
        <ErrorNotice error={practise.error} />
        <div className="button-row">
          <button type="submit" className="button button--secondary" disabled={practise.isPending || !draft.trim()}>
            {t('training.module.saveReply')}
          </button>
        </div>
      </form>
      ) : (
        <div className="button-row">
          <button type="button" className="button button--secondary" aria-label={t('training.module.replyToFor', { title: scenario.title })}
            onClick={() => {
              opening.current = true;
              onOpen();
            }}
          >
            {t('training.module.replyTo')}
          </button>
        </div>
      )}
      {saved ? (
        <>
          <WriteNotice notice={saved.safety} pending={false} heldMessage={t('training.module.practiceHeld')} pendingMessage="" onDismiss={() => setSaved({ ...saved, safety: { ...saved.safety, showCrisisResponse: false } })} />
          <div className="notice notice--success" role="status">
            <p>{t('training.module.saved')}</p>
            <Ratings rating={saved.practice.rating} />
          </div>
        </>
      ) : null}
      {earlier.length ? (
        <details className="disclosure">
          <summary>{t('training.module.earlier', { count: earlier.length })}</summary>
          <ul className="plain-list stack">
            {earlier.map((p) => (
              <li key={p.id}>
                <p className="muted">{t('training.module.earlierAt', { when: formatRelative(p.at) })}</p>
                <p className="practice-post">{p.reply}</p>
                <Ratings rating={p.rating} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
