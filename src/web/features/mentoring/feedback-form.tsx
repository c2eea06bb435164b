import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextAreaField } from '../../components/fields.js';
import { ErrorNotice, fieldError, SuccessNotice } from '../../components/status.js';
import { useFeedback, type SafetyNotice } from './api.js';
import { LIMITS } from './model.js';

const RATINGS = [1, 2, 3, 4, 5] as const;

/**
 * After a mentorship ends, the member may say privately how it went: 1–5 as labelled radio buttons
 * and an optional note. Only the supporter's supervisor reads it; it is never published.
 */
export function FeedbackForm({ mentorshipId, supporterHandle, given, onNotice }: { mentorshipId: string; supporterHandle: string; given: boolean; onNotice(n: SafetyNotice): void }) {
  const { t } = useTranslation();
  const feedback = useFeedback(mentorshipId);
  const id = useId();
  const [rating, setRating] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);

  if (feedback.isSuccess) return <SuccessNotice>{t('mentoring.feedback.thanks')}</SuccessNotice>;
  if (given) return <p className="muted">{t('mentoring.feedback.given')}</p>;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (rating === null) {
      setMissing(true);
      return;
    }
    feedback.mutate(
      { rating, note: note.trim() ? note.trim() : null },
      {
        onSuccess: (r) => {
          if (r.notice?.showCrisisResponse) onNotice(r.notice);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${id}-title`} id="feedback">
      <h2 id={`${id}-title`}>{t('mentoring.feedback.title', { handle: supporterHandle })}</h2>
      <p>{t('mentoring.feedback.private', { handle: supporterHandle })}</p>
      <ErrorNotice error={feedback.error} />
      <fieldset aria-invalid={missing && rating === null ? true : undefined} aria-describedby={`${id}-hint`}>
        <legend>{t('mentoring.feedback.rating', { handle: supporterHandle })}</legend>
        <p className="field__hint" id={`${id}-hint`}>
          {t('mentoring.feedback.ratingHint')}
        </p>
        {missing && rating === null ? <p className="field__error">{t('mentoring.feedback.ratingRequired')}</p> : null}
        <div className="rating">
          {RATINGS.map((n) => (
            <div className="check" key={n}>
              <input type="radio" name={`${id}-rating`} id={`${id}-${n}`} value={n} checked={rating === n} onChange={() => setRating(n)} />
              <label htmlFor={`${id}-${n}`}>{t(`mentoring.feedback.ratings.${n}`)}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <TextAreaField
        label={t('mentoring.feedback.note')}
        hint={t('mentoring.feedback.noteHint')}
        error={fieldError(feedback.error, 'note', t('mentoring.subjects.text'))}
        rows={4}
        maxLength={LIMITS.feedbackNoteMax}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <div className="button-row">
        <button type="submit" className="button" disabled={feedback.isPending}>
          {feedback.isPending ? t('mentoring.feedback.sending') : t('mentoring.feedback.submit')}
        </button>
      </div>
    </form>
  );
}
