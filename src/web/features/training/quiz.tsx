import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/status.js';
import { useSubmitQuiz, type ModuleDetail, type QuizQuestion, type QuizResult } from './api.js';

/**
 * The quiz as an accessible form: one fieldset per question (its legend is the question; a
 * scenario is read with it), radios for one answer, checkboxes for "choose all that apply". After
 * submitting, each question says right or not quite, with the explanation; focus moves to the
 * result. The right options are shown only once the quiz is passed.
 */
export function QuizForm({ module: m, questions }: { module: ModuleDetail['module']; questions: QuizQuestion[] }) {
  const { t } = useTranslation();
  const id = useId();
  const submit = useSubmitQuiz(m.id);
  const [answers, setAnswers] = useState<Record<string, string[]>>({});
  const [missing, setMissing] = useState<string[]>([]);
  const [result, setResult] = useState<QuizResult | null>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const firstRef = useRef<HTMLFieldSetElement>(null);
  const needed = Math.ceil(m.passMark * questions.length - 1e-9);

  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  const choose = (q: QuizQuestion, option: string, checked: boolean) => {
    setAnswers((prev) => {
      const now = prev[q.id] ?? [];
      return { ...prev, [q.id]: q.multiple ? (checked ? [...now, option] : now.filter((o) => o !== option)) : [option] };
    });
    setMissing((prev) => prev.filter((x) => x !== q.id));
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const unanswered = questions.filter((q) => !answers[q.id]?.length).map((q) => q.id);
    setMissing(unanswered);
    if (unanswered.length) {
      document.getElementById(`${id}-q-${unanswered[0]}`)?.querySelector('input')?.focus();
      return;
    }
    submit.mutate(answers, { onSuccess: setResult });
  };

  const tryAgain = () => {
    setResult(null);
    setAnswers({});
    submit.reset();
    // Back to the first question, where the new attempt starts.
    requestAnimationFrame(() => firstRef.current?.querySelector('input')?.focus());
  };

  const byQuestion = new Map(result?.results.map((r) => [r.questionId, r]));
  const optionText = (q: QuizQuestion, ids: string[]) => ids.map((o) => q.options.find((x) => x.id === o)?.text ?? o).join('; ');
  const a = result?.attempt;

  return (
    <form className="stack" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('training.module.quiz')}</h2>
      <p>{t('training.module.quizIntro', { needed, total: questions.length })}</p>
      {result && a ? (
        <div className={`notice ${a.passed ? 'notice--success' : 'notice--warn'}`}>
          <h3 ref={resultRef} tabIndex={-1}>
            {t('training.module.resultTitle')}
          </h3>
          <p>{a.passed ? t('training.module.passed', { score: a.score, outOf: a.outOf }) : t('training.module.failed', { score: a.score, outOf: a.outOf, needed })}</p>
          {a.passed ? <p>{t('training.module.nextSteps')}</p> : null}
        </div>
      ) : null}
      {missing.length ? (
        <div className="notice notice--error" role="alert">
          <p>{t('training.module.missingSome', { count: missing.length })}</p>
        </div>
      ) : null}
      {questions.map((q, i) => {
        const r = byQuestion.get(q.id);
        const chosen = answers[q.id] ?? [];
        const isMissing = missing.includes(q.id);
        const hintId = `${id}-q-${q.id}-hint`;
        const scenarioId = `${id}-q-${q.id}-scenario`;
        const errorId = `${id}-q-${q.id}-error`;
        const resultId = `${id}-q-${q.id}-result`;
        return (
          <fieldset
            key={q.id}
            id={`${id}-q-${q.id}`}
            ref={i === 0 ? firstRef : undefined}
            className="quiz-question"
            aria-describedby={[q.scenario ? scenarioId : null, hintId, isMissing ? errorId : null, r ? resultId : null].filter(Boolean).join(' ')}
            aria-invalid={isMissing ? true : undefined}
          >
            <legend>{t('training.module.question', { n: i + 1, total: questions.length, prompt: q.prompt })}</legend>
            {q.scenario ? (
              <div className="quiz-question__scenario" id={scenarioId}>
                <p className="muted">{t('training.module.scenarioLabel')}</p>
                <p>{q.scenario}</p>
              </div>
            ) : null}
            <p className="field__hint" id={hintId}>
              {q.multiple ? t('training.module.chooseAll') : t('training.module.chooseOne')}
            </p>
            {isMissing ? (
              <p className="field__error" id={errorId}>
                {t('training.module.missing')}
              </p>
            ) : null}
            {q.options.map((o) => (
              <div className="check" key={o.id}>
                <input
                  type={q.multiple ? 'checkbox' : 'radio'}
                  name={`${id}-q-${q.id}`}
                  id={`${id}-q-${q.id}-${o.id}`}
                  value={o.id}
                  checked={chosen.includes(o.id)}
                  disabled={!!result}
                  onChange={(e) => choose(q, o.id, e.target.checked)}
                />
                <label htmlFor={`${id}-q-${q.id}-${o.id}`}>{o.text}</label>
              </div>
            ))}
            {r ? (
              <div className={`quiz-question__result quiz-question__result--${r.right ? 'right' : 'wrong'}`} id={resultId}>
                <p>
                  <strong>{r.right ? t('training.module.right') : t('training.module.wrong')}</strong> {t('training.module.yourAnswer', { answer: optionText(q, r.chosen) })}
                </p>
                {!r.right && r.correct ? <p>{t('training.module.rightAnswer', { answer: optionText(q, r.correct) })}</p> : null}
                <p>{t('training.module.explanation', { text: r.explanation })}</p>
              </div>
            ) : null}
          </fieldset>
        );
      })}
      <ErrorNotice error={submit.error} />
      <div className="button-row">
        {result ? (
          !result.attempt.passed ? (
            <button type="button" className="button" onClick={tryAgain}>
              {t('training.module.tryAgain')}
            </button>
          ) : null
        ) : (
          <button type="submit" className="button" disabled={submit.isPending}>
            {t('training.module.submit')}
          </button>
        )}
      </div>
    </form>
  );
}
