import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TextAreaField, TextField } from '../../components/fields.js';
import { ErrorNotice, fieldError, Loading, SuccessNotice } from '../../components/status.js';
import { WriteNotice } from '../../app/write-notice.js';
import { formatDateTime } from '../../lib/i18n.js';
import { useDraftKey } from '../../lib/draft-key.js';
import { journalApi, LIMITS, useJournal, useJournalWrite, type JournalEntry, type JournalWritten } from './api.js';

function EntryForm({ entry, onDone }: { entry?: JournalEntry; onDone?(): void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(entry?.title ?? '');
  const [body, setBody] = useState(entry?.body ?? '');
  const [written, setWritten] = useState<JournalWritten | null>(null);
  const draft = useDraftKey();
  const write = useJournalWrite((v: { title: string | null; body: string }) => (entry ? journalApi.update(entry.id, v) : draft.send(v, (clientId) => journalApi.create(v, clientId))));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    write.mutate(
      { title: title.trim() || null, body },
      {
        onSuccess: (r) => {
          setWritten(r as JournalWritten);
          if (!entry) {
            setTitle('');
            setBody('');
          }
          onDone?.();
        },
      },
    );
  };
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <ErrorNotice error={write.error} />
      <TextField label={t('recovery.journal.entryTitle')} value={title} maxLength={LIMITS.journalTitleMax} error={fieldError(write.error, 'title')} onChange={(e) => setTitle(e.target.value)} />
      <TextAreaField label={t('recovery.journal.body')} rows={entry ? 6 : 8} value={body} maxLength={LIMITS.journalBodyMax} required error={fieldError(write.error, 'body')} onChange={(e) => setBody(e.target.value)} />
      {written && !write.isPending && !entry ? (
        <>
          <WriteNotice notice={written.safety} pending={false} heldMessage="" pendingMessage="" onDismiss={() => setWritten(null)} />
          <SuccessNotice>{t('recovery.journal.saved')}</SuccessNotice>
        </>
      ) : null}
      <div className="button-row">
        <button type="submit" className="button" disabled={write.isPending}>
          {entry ? t('recovery.journal.update') : t('recovery.journal.save')}
        </button>
        {entry && onDone ? (
          <button type="button" className="button button--secondary" onClick={onDone}>
            {t('recovery.journal.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

function Entry({ entry }: { entry: JournalEntry }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const remove = useJournalWrite(() => journalApi.remove(entry.id));
  const title = entry.title ?? t('recovery.journal.untitled');
  return (
    <article className="card stack" aria-label={t('recovery.journal.entryLabel', { title })}>
      <h3>{title}</h3>
      <p className="meta muted">
        <span>{formatDateTime(entry.createdAt)}</span>
        {entry.updatedAt !== entry.createdAt ? <span>{t('recovery.journal.edited')}</span> : null}
      </p>
      {editing ? (
        <EntryForm entry={entry} onDone={() => setEditing(false)} />
      ) : (
        <>
          <p className="prose journal-body">{entry.body}</p>
          <ErrorNotice error={remove.error} />
          {confirming ? (
            <div className="notice notice--warn" role="group" aria-label={t('recovery.journal.deleteConfirm')}>
              <p>{t('recovery.journal.deleteConfirm')}</p>
              <div className="button-row">
                <button type="button" className="button button--danger" disabled={remove.isPending} onClick={() => remove.mutate(undefined)}>
                  {t('recovery.journal.deleteYes')}
                </button>
                <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
                  {t('recovery.journal.cancel')}
                </button>
              </div>
            </div>
          ) : (
            <div className="button-row">
              <button type="button" className="button button--secondary button--small" onClick={() => setEditing(true)}>
                {t('recovery.journal.edit')} <span className="visually-hidden">{title}</span>
              </button>
              <button type="button" className="button button--secondary button--small" onClick={() => setConfirming(true)}>
                {t('recovery.journal.delete')} <span className="visually-hidden">{title}</span>
              </button>
            </div>
          )}
        </>
      )}
    </article>
  );
}

/** My journal: the privacy line, a new entry, search (my entries only) and the list. */
export function Journal() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const { data, isPending, error, fetchNextPage, hasNextPage, isFetchingNextPage } = useJournal(q);
  const entries = data?.pages.flatMap((p) => p.entries) ?? [];
  return (
    <div className="stack">
      <p className="notice">
        <strong>{t('recovery.journal.onlyYou')}</strong>
      </p>
      <section className="stack" aria-labelledby="journal-new">
        <h2 id="journal-new">{t('recovery.journal.write')}</h2>
        <EntryForm />
      </section>
      <section className="stack" aria-labelledby="journal-list">
        <h2 id="journal-list">{t('recovery.journal.title')}</h2>
        <form
          role="search"
          className="search-form button-row"
          onSubmit={(e) => {
            e.preventDefault();
            setQ(draft.trim());
          }}
        >
          <TextField label={t('recovery.journal.search')} type="search" value={draft} maxLength={200} onChange={(e) => setDraft(e.target.value)} />
          <button type="submit" className="button button--secondary">
            {t('recovery.journal.searchButton')}
          </button>
          {q ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setDraft('');
                setQ('');
              }}
            >
              {t('recovery.journal.clear')}
            </button>
          ) : null}
        </form>
        {isPending ? <Loading /> : null}
        <ErrorNotice error={error} />
        {data && entries.length === 0 ? <p className="muted">{q ? t('recovery.journal.noMatch') : t('recovery.journal.empty')}</p> : null}
        <ul className="plain-list stack">
          {entries.map((e) => (
            <li key={e.id}>
              <Entry entry={e} />
            </li>
          ))}
        </ul>
        {hasNextPage ? (
          <button type="button" className="button button--secondary" disabled={isFetchingNextPage} onClick={() => void fetchNextPage()}>
            {t('recovery.journal.loadMore')}
          </button>
        ) : null}
      </section>
    </div>
  );
}
