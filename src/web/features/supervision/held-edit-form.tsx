import { useEffect, useRef, useState, type FormEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxField, TextAreaField, TextField } from '../../components/fields.js';
import { ErrorNotice, fieldError } from '../../components/status.js';
import { ApiError } from '../../lib/api.js';
import { HELD_TITLE_MAX, HELD_TITLE_MIN, stillHeldOf, useDecideHeld, type HeldItem } from './api.js';

export interface Draft {
  text: string;
  /** Null when the item has no title (anything but an opening post). */
  title: string | null;
}

const sameDraft = (a: Draft | null, b: Draft) => a !== null && a.text === b.text && a.title === b.title;

/**
 * A supervisor's edit of held words, inline in the list (ADR 055): the edit is screened again, and
 * words the check would still hold come back flagged, field by field, with the draft kept. Editing
 * further is the way on; publishing as it is takes a second, explicit step, offered only for the
 * very words that were checked.
 */
export function HeldEditForm({
  id,
  item,
  label,
  onCancel,
  onSending,
  onPublished,
  onGone,
}: {
  id?: string;
  item: HeldItem;
  label: string;
  onCancel(): void;
  /** True while an edit is on its way: if the item leaves the list then, the answer says why (not the list). */
  onSending(sending: boolean): void;
  onPublished(): void;
  /** Someone decided on the item first (409): it leaves the list, and this form with it, so the list says why. */
  onGone(error: ApiError): void;
}) {
  const decide = useDecideHeld();
  const [draft, setDraft] = useState<Draft>({ text: item.text ?? '', title: item.title });
  // The draft the last save sent and the check still flagged: "publish anyway" is for exactly these words.
  const [checked, setChecked] = useState<Draft | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [confirmMissing, setConfirmMissing] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    (form.current?.elements.namedItem('text') as HTMLTextAreaElement | null)?.focus();
  }, []);

  const send = (publishAnyway: boolean) => {
    const sent = draft;
    onSending(true);
    // The promise, not mutate's callbacks: those are dropped once this form has gone with its item,
    // which the list's refetch can do before the answer is handed on.
    decide
      .mutateAsync({ id: item.id, action: 'edit', text: sent.text, ...(sent.title !== null ? { title: sent.title } : {}), ...(publishAnyway ? { publishAnyway: true } : {}) })
      .then(onPublished, (err: unknown) => {
        if (err instanceof ApiError && err.status === 409) return onGone(err);
        onSending(false);
        setChecked(stillHeldOf(err) ? sent : null);
        setConfirmed(false);
        setConfirmMissing(false);
      });
  };

  return (
    <HeldEditFields
      formRef={form}
      id={id}
      label={label}
      draft={draft}
      error={decide.error}
      pending={decide.isPending}
      offerPublishAnyway={sameDraft(checked, draft)}
      confirmed={confirmed}
      confirmMissing={confirmMissing}
      onChange={(d) => {
        setDraft(d);
        setConfirmed(false);
      }}
      onConfirmChange={(c) => {
        setConfirmed(c);
        if (c) setConfirmMissing(false);
      }}
      onSave={() => send(false)}
      onPublishAnyway={() => {
        if (confirmed) return send(true);
        setConfirmMissing(true);
        (form.current?.elements.namedItem('confirm') as HTMLInputElement | null)?.focus();
      }}
      onCancel={onCancel}
    />
  );
}

export interface HeldEditFieldsProps {
  formRef?: Ref<HTMLFormElement>;
  id?: string | undefined;
  label: string;
  draft: Draft;
  error: unknown;
  pending: boolean;
  /** The check still flags exactly these words: offer the second step. */
  offerPublishAnyway: boolean;
  confirmed: boolean;
  confirmMissing: boolean;
  onChange(d: Draft): void;
  onConfirmChange(confirmed: boolean): void;
  onSave(): void;
  onPublishAnyway(): void;
  onCancel(): void;
}

/** The form as it looks for a draft and the last answer (no state of its own). */
export function HeldEditFields(p: HeldEditFieldsProps) {
  const { t } = useTranslation();
  const still = stillHeldOf(p.error);
  const words = (list: string[]) => list.map((w) => t('supervision.quoted', { text: w })).join(', ');
  const flaggedIn = (field: 'title' | 'text') => (still && still[field].length > 0 ? t('supervision.stillFlagged', { words: words(still[field]) }) : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    p.onSave();
  };
  return (
    <form ref={p.formRef} id={p.id} className="sv-held-edit" onSubmit={submit} noValidate aria-label={p.label}>
      {still ? (
        <ErrorNotice>
          <p>{t('supervision.stillHeld', { reason: t(`supervision.heldReason.${still.reason}`, { defaultValue: still.reason }) })}</p>
        </ErrorNotice>
      ) : (
        <ErrorNotice error={p.error} />
      )}
      {p.draft.title !== null ? (
        <TextField
          label={t('supervision.heldItemTitle')}
          hint={t('supervision.editTitleHint', { min: HELD_TITLE_MIN, max: HELD_TITLE_MAX })}
          error={flaggedIn('title') ?? fieldError(p.error, 'title', t('supervision.editTitleSubject'))}
          name="title"
          maxLength={HELD_TITLE_MAX}
          value={p.draft.title}
          onChange={(e) => p.onChange({ ...p.draft, title: e.target.value })}
        />
      ) : null}
      <TextAreaField
        label={t('supervision.heldItemText')}
        hint={t('supervision.editHint')}
        error={flaggedIn('text') ?? fieldError(p.error, 'text', t('supervision.editTextSubject'))}
        name="text"
        rows={6}
        value={p.draft.text}
        onChange={(e) => p.onChange({ ...p.draft, text: e.target.value })}
      />
      <div className="button-row">
        <button type="submit" className="button button--small" disabled={p.pending}>
          {p.pending ? t('supervision.saving') : t('supervision.saveEdit')}
        </button>
        <button type="button" className="button button--secondary button--small" onClick={p.onCancel}>
          {t('supervision.cancelEdit')}
        </button>
      </div>
      {still && p.offerPublishAnyway ? (
        <fieldset className="sv-held-anyway">
          <legend>{t('supervision.publishAnywayTitle')}</legend>
          <p className="field__hint">{t('supervision.publishAnywayHint')}</p>
          <CheckboxField
            name="confirm"
            label={t('supervision.publishAnywayConfirm')}
            error={p.confirmMissing ? t('supervision.publishAnywayNeedsConfirm') : undefined}
            checked={p.confirmed}
            onChange={(e) => p.onConfirmChange(e.target.checked)}
          />
          <button type="button" className="button button--secondary button--small" disabled={p.pending} onClick={p.onPublishAnyway}>
            {t('supervision.publishAnyway')}
          </button>
        </fieldset>
      ) : null}
    </form>
  );
}
