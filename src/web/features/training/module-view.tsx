import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../../components/page.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { ApiError } from '../../lib/api.js';
import { formatDateTime } from '../../lib/i18n.js';
import { useMarkRead, useModule } from './api.js';
import { PracticeScenarioForm, type RenderFeedback } from './practice.js';
import { QuizForm } from './quiz.js';

/** One module: the lesson (the project's Markdown, rendered safely on the server), the quiz, the practice posts. */
export function ModuleView({ id, renderFeedback }: { id: string; renderFeedback: RenderFeedback }) {
  const { t } = useTranslation();
  const { data, isPending, error } = useModule(id);
  const markRead = useMarkRead(id);
  const [activeScenario, setActiveScenario] = useState<string | null>(null);
  if (isPending) return <Loading />;
  if (error) {
    return (
      <Page title={t('training.title')}>
        {error instanceof ApiError && error.status === 404 ? <p>{t('training.module.notFound')}</p> : <ErrorNotice error={error} />}
        <p>
          <Link to="/training">{t('training.module.back')}</Link>
        </p>
      </Page>
    );
  }
  const m = data.module;
  return (
    <Page title={m.title} intro={m.summary}>
      <p>
        <Link to="/training">{t('training.module.back')}</Link>
      </p>
      <section aria-labelledby="lesson-title" className="stack">
        <h2 id="lesson-title">{t('training.module.lesson')}</h2>
        {/* Rendered by the server's Markdown renderer: no raw HTML, no images, safe links only. */}
        <div className="prose training-lesson" dangerouslySetInnerHTML={{ __html: m.lessonHtml }} />
        {data.progress.lessonReadAt ? (
          <p className="muted">{t('training.module.readOn', { date: formatDateTime(data.progress.lessonReadAt) })}</p>
        ) : (
          <div className="button-row">
            <button type="button" className="button button--secondary" disabled={markRead.isPending} onClick={() => markRead.mutate(undefined)}>
              {t('training.module.markRead')}
            </button>
          </div>
        )}
        <ErrorNotice error={markRead.error} />
      </section>
      <QuizForm module={m} questions={data.questions} />
      <section aria-labelledby="practice-title" className="stack">
        <h2 id="practice-title">{t('training.module.practice')}</h2>
        <p>{t('training.module.practiceIntro')}</p>
        {data.practice.map((s) => (
          <PracticeScenarioForm
            key={s.id}
            moduleId={m.id}
            scenario={s}
            earlier={data.myPractice.filter((p) => p.scenarioId === s.id)}
            renderFeedback={renderFeedback}
            active={(activeScenario ?? data.practice[0]?.id) === s.id}
            onOpen={() => setActiveScenario(s.id)}
          />
        ))}
      </section>
    </Page>
  );
}
