import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../components/fields.js';
import { ErrorNotice, fieldError, SuccessNotice } from '../../components/status.js';
import { CERTIFICATE_KINDS, LIMITS, useRecordPriorTraining, type Certificate, type CertificateKind } from './api.js';
import { formatDay } from './dates.js';

/** Admins: record training someone did elsewhere. The certificate (and its role) is issued at once; the person sees the note. */
export function PriorTrainingForm({ user }: { user: { id: string; handle: string } }) {
  const { t } = useTranslation();
  const id = useId();
  const record = useRecordPriorTraining();
  const [kind, setKind] = useState<CertificateKind>('peer_supporter');
  const [note, setNote] = useState('');
  const [completedOn, setCompletedOn] = useState('');
  const [done, setDone] = useState<Certificate | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    record.mutate(
      { userId: user.id, kind, note: note.trim(), ...(completedOn ? { completedOn } : {}) },
      {
        onSuccess: (c) => {
          setDone(c);
          setNote('');
          setCompletedOn('');
        },
      },
    );
  };
  return (
    <details className="disclosure">
      <summary>{t('training.prior.summary', { handle: user.handle })}</summary>
      <form className="stack" onSubmit={submit} noValidate aria-label={t('training.prior.summary', { handle: user.handle })}>
        <SelectField id={`${id}-kind`} label={t('training.prior.kind')} value={kind} onChange={(e) => setKind(e.target.value as CertificateKind)}>
          {CERTIFICATE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`training.kinds.${k}`)}
            </option>
          ))}
        </SelectField>
        <TextField id={`${id}-note`} label={t('training.prior.note')} hint={t('training.prior.noteHint')} value={note} maxLength={LIMITS.priorTrainingNoteMax} error={fieldError(record.error, 'note')} onChange={(e) => setNote(e.target.value)} />
        <TextField id={`${id}-date`} type="date" label={t('training.prior.completedOn')} hint={t('training.prior.completedHint')} value={completedOn} error={fieldError(record.error, 'completedOn')} onChange={(e) => setCompletedOn(e.target.value)} />
        <ErrorNotice error={record.error} />
        {done ? <SuccessNotice>{t('training.prior.recorded', { handle: user.handle, kind: t(`training.kinds.${done.kind}`), date: formatDay(done.expiresAt) })}</SuccessNotice> : null}
        <button type="submit" className="button button--small" disabled={record.isPending}>
          {t('training.prior.submit')}
        </button>
      </form>
    </details>
  );
}
