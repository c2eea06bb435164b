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
  // What the supervisor's last decision here did, said in the notice the heading's focus leads to.
  const [done, setDone] = useState<'editPublished' | 'released' | 'removed' | null>(null);
  const [editGone, setEditGone] = useState<Error | null>(null);
  // Items with an edit form open, and whether an edit of it is on its way.
  const editing = useRef(new Map<string, 'editing' | 'sending'>());
  const track = (id: string, state: 'editing' | 'sending' | null) => {
    if (state === null) editing.current.delete(id);
    else editing.current.set(id, state);
  };
  // An item decided elsewhere (another supervisor, another tab) leaves the list live, and an open edit
  // form with it: say so, or the draft vanishes without a word. One of ours on its way answers for itself.
  useEffect(() => {
    if (!items) return;
    const present = new Set(items.map((i) => i.id));
    for (const [id, state] of editing.current) {
      if (present.has(id)) continue;
      editing.current.delete(id);
      if (state === 'editing') setEditGone(new Error(t('supervision.editGone')));
    }
  }, [items, t]);
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
      {done ? <SuccessNotice>{t(`supervision.${done}`)}</SuccessNotice> : null}
      <ErrorNotice error={error ?? decide.error ?? editGone} />
      {items && items.length === 0 ? <p className="muted">{t('supervision.heldEmpty')}</p> : null}
      {items && items.length > 0 ? (
        <ul className="plain-list">
          {items.map((h) => (
            <HeldCard
              key={h.id}
              item={h}
              decide={decide}
              onDecide={() => {
                setDone(null);
                setEditGone(null);
              }}
              onDecided={(action) => {
                setDone(action === 'release' ? 'released' : 'removed');
                // The item leaves the list with the focus on its button: the list's heading takes it.
                heading.current?.focus();
              }}
              onGone={setEditGone}
              track={(state) => track(h.id, state)}
              onPublished={() => {
                setDone('editPublished');
                setEditGone(null);
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

function HeldCard({
  item: h,
  decide,
  onDecide,
  onDecided,
  onPublished,
  onGone,
  track,
}: {
  item: HeldItem;
  decide: ReturnType<typeof useDecideHeld>;
  onDecide(): void;
  onDecided(action: 'release' | 'remove'): void;
  onPublished(): void;
  onGone(error: Error): void;
  track(state: 'editing' | 'sending' | null): void;
}) {
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
    // Decided here: an open edit form goes with the item, and that is no news.
    track(null);
    onDecide();
    // mutateAsync, not mutate's callbacks: those are dropped when this card leaves the list first.
    // A refusal shows in the list's ErrorNotice (decide.error); nothing more to do with it here.
    decide.mutateAsync({ id: h.id, action }).then(() => onDecided(action), () => undefined);
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
              else {
                track('editing');
                setEditing(true);
              }
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
            track(null);
            backToEdit.current = true;
            setEditing(false);
          }}
          onSending={(sending) => track(sending ? 'sending' : 'editing')}
          onPublished={onPublished}
          onGone={onGone}
        />
      ) : null}
    </li>
  );
}
