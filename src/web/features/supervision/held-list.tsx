import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRealtimeEvents } from '../../app/realtime.js';
import { ErrorNotice, Loading, SuccessNotice } from '../../components/status.js';
import { formatDateTime } from '../../lib/i18n.js';
import { useDecideHeld, useHeld, type HeldItem } from './api.js';
import { HeldEditForm } from './held-edit-form.js';
import './supervision.css';

/** Text held back under safe-messaging rules or for harassment, waiting for a decision. */
export function HeldList() {
  const { t } = useTranslation();
  const { data: items, isPending, error } = useHeld();
  const decide = useDecideHeld();
  const qc = useQueryClient();
  const [published, setPublished] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  // Live: an item held or decided anywhere (`safety:all`, joined by the board) reads the list again.
  useRealtimeEvents((event) => {
    if (event.type === 'safety.held_queue_changed') void qc.invalidateQueries({ queryKey: ['held'] });
  });
  return (
    <section aria-labelledby="held-title">
      <h2 id="held-title" ref={heading} tabIndex={-1}>
        {t('supervision.heldTitle')}
      </h2>
      <p>{t('supervision.heldIntro')}</p>
      {isPending ? <Loading /> : null}
      {published ? <SuccessNotice>{t('supervision.editPublished')}</SuccessNotice> : null}
      <ErrorNotice error={error ?? decide.error} />
      {items && items.length === 0 ? <p className="muted">{t('supervision.heldEmpty')}</p> : null}
      {items && items.length > 0 ? (
        <ul className="plain-list">
          {items.map((h) => (
            <HeldCard
              key={h.id}
              item={h}
              decide={decide}
              onDecide={() => setPublished(false)}
              onPublished={() => {
                setPublished(true);
                // The item leaves the list with the focus in it: the list's heading takes it, the notice says why.
                heading.current?.focus();
              }}
            />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function HeldCard({ item: h, decide, onDecide, onPublished }: { item: HeldItem; decide: ReturnType<typeof useDecideHeld>; onDecide(): void; onPublished(): void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const backToEdit = useRef(false);
  const formId = useId();
  useEffect(() => {
    if (editing || !backToEdit.current) return;
    backToEdit.current = false;
    editButton.current?.focus();
  }, [editing]);
  const names = { object: t(`objects.${h.objectType}`, { defaultValue: h.objectType }), author: h.authorHandle ?? '—' };
  const decideNow = (action: 'release' | 'remove') => {
    onDecide();
    decide.mutate({ id: h.id, action });
  };
  return (
    <li className="card">
      <p>
        <strong>{t('supervision.heldItem', names)}</strong>
      </p>
      {h.title !== null || h.text !== null ? (
        // An opening post's title first: it was screened with the body and may be what was held.
        <dl className="sv-held">
          {h.title !== null ? (
            <>
              <dt>{t('supervision.heldItemTitle')}</dt>
              <dd className="sv-quote">{h.title}</dd>
            </>
          ) : null}
          {h.text !== null ? (
            <>
              <dt>{t('supervision.heldItemText')}</dt>
              <dd className="sv-quote">{h.text}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      <p className="meta">
        <span className="badge badge--warn">{t(`supervision.heldReason.${h.reason}`)}</span>
        <time className="muted" dateTime={h.createdAt}>
          {formatDateTime(h.createdAt)}
        </time>
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={decide.isPending}
          aria-label={t('supervision.releaseLabel', names)}
          onClick={() => decideNow('release')}
        >
          {t('supervision.release')}
        </button>
        {h.text !== null ? (
          // Only words the list shows can be edited: an item without a preview has nothing to start from.
          <button
            ref={editButton}
            type="button"
            className="button button--secondary button--small"
            aria-label={t('supervision.editLabel', names)}
            aria-expanded={editing}
            aria-controls={editing ? formId : undefined}
            onClick={() => {
              if (editing) (document.getElementById(formId)?.querySelector('textarea') as HTMLTextAreaElement | null)?.focus();
              else setEditing(true);
            }}
          >
            {t('supervision.edit')}
          </button>
        ) : null}
        <button
          type="button"
          className="button button--danger button--small"
          disabled={decide.isPending}
          aria-label={t('supervision.removeLabel', names)}
          onClick={() => decideNow('remove')}
        >
          {t('supervision.remove')}
        </button>
      </div>
      {editing ? (
        <HeldEditForm
          id={formId}
          item={h}
          label={t('supervision.editLabel', names)}
          onCancel={() => {
            backToEdit.current = true;
            setEditing(false);
          }}
          onPublished={onPublished}
        />
      ) : null}
    </li>
  );
}
