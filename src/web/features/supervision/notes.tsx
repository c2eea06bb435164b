import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { WriteNotice } from '../../app/write-notice.js';
import { TextAreaField } from '../../components/fields.js';
import { ErrorNotice, fieldError, Loading, SuccessNotice } from '../../components/status.js';
import { formatDateTime } from '../../lib/i18n.js';
import { LIMITS, useAddNote, useDeleteNote, useNotes, type SafetyNotice } from './supervision-api.js';

/** Supervision notes: private to whoever supervises the supporter (docs/adr/010-supervision-notes.md). */
export function SupervisionNotes({ supporterId, handle }: { supporterId: string; handle: string }) {
  const { t } = useTranslation();
  const id = useId();
  const { data: notes, isPending, error } = useNotes(supporterId);
  const add = useAddNote(supporterId);
  const remove = useDeleteNote(supporterId);
  const [body, setBody] = useState('');
  const [notice, setNotice] = useState<SafetyNotice | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(body.trim(), {
      onSuccess: (r) => {
        setBody('');
        setNotice(r.safety);
      },
    });
  };
  return (
    <section className="stack sv-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('supervisionPages.supporter.notesTitle')}</h2>
      <p className="muted">{t('supervisionPages.supporter.notesIntro', { handle })}</p>
      {isPending ? <Loading /> : null}
      <ErrorNotice error={error ?? remove.error} />
      {notes && notes.length === 0 ? <p className="muted">{t('supervisionPages.supporter.notesEmpty')}</p> : null}
      {notes && notes.length > 0 ? (
        <ul className="plain-list">
          {notes.map((n) => (
            <li key={n.id} className="card">
              <p className="muted">{t('supervisionPages.supporter.noteBy', { author: n.author?.handle ?? t('supervisionPages.supporter.formerSupervisor'), when: formatDateTime(n.createdAt) })}</p>
              <p className="sv-quote">{n.body}</p>
              {n.mine ? (
                <button type="button" className="button button--small button--secondary" disabled={remove.isPending} aria-label={t('supervisionPages.supporter.deleteNoteLabel', { when: formatDateTime(n.createdAt) })} onClick={() => remove.mutate(n.id)}>
                  {t('supervisionPages.supporter.deleteNote')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <form className="stack" onSubmit={submit} noValidate>
        <TextAreaField label={t('supervisionPages.supporter.noteLabel')} value={body} rows={3} maxLength={LIMITS.noteMax} error={fieldError(add.error, 'body')} onChange={(e) => setBody(e.target.value)} />
        <ErrorNotice error={add.error} />
        <WriteNotice notice={notice} pending={false} heldMessage="" pendingMessage="" onDismiss={() => setNotice(null)} />
        {add.isSuccess && !add.isPending ? <SuccessNotice>{t('supervisionPages.supporter.noteSaved')}</SuccessNotice> : null}
        <button type="submit" className="button button--secondary" disabled={add.isPending}>
          {t('supervisionPages.supporter.saveNote')}
        </button>
      </form>
    </section>
  );
}
