import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextAreaField } from '../../components/fields.js';
import { ErrorNotice, fieldError, Loading, SuccessNotice } from '../../components/status.js';
import { formatDateTime, regionName } from '../../lib/i18n.js';
import { Link } from 'react-router';
import { ALERT_OUTCOMES, useAcknowledge, useAddNote, useAlert, useResolve, type AlertSource } from './api.js';
import { AlertBadges } from './alert-queue.js';
import { flaggedPieces, reachWhere, reasonLabel, type ReasonLabels } from './alert-words.js';
import { useNow } from './use-now.js';

/** One alert: who, what signals, notes; Acknowledge, add a note, Resolve with an outcome. */
export function AlertDetailPanel({ id, onClose }: { id: string; onClose(): void }) {
  const { t } = useTranslation();
  const { data: alert, isPending, error } = useAlert(id);
  const acknowledge = useAcknowledge(id);
  const addNote = useAddNote(id);
  const resolve = useResolve(id);
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState('');
  const [closing, setClosing] = useState('');
  const now = useNow();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, [id]);

  const submitNote = (e: FormEvent) => {
    e.preventDefault();
    addNote.mutate(note, { onSuccess: () => setNote('') });
  };
  const submitResolve = (e: FormEvent) => {
    e.preventDefault();
    resolve.mutate({ outcome, ...(closing.trim() ? { note: closing.trim() } : {}) });
  };

  return (
    <section aria-labelledby="alert-detail-title" className="card stack">
      <h2 id="alert-detail-title" ref={headingRef} tabIndex={-1}>
        {t('supervision.detailTitle')}
      </h2>
      {isPending ? <Loading /> : null}
      <ErrorNotice error={error} />
      {resolve.isSuccess ? <SuccessNotice>{t('supervision.resolved')}</SuccessNotice> : null}
      {alert ? (
        <>
          <AlertBadges alert={alert} now={now} />
          <ul>
            <li>{alert.member ? t('supervision.member', { handle: alert.member.handle }) : t('supervision.memberGone')}</li>
            {alert.member?.region ? <li>{t('supervision.memberRegion', { region: regionName(alert.member.region) })}</li> : null}
            <li>{t('supervision.where', { object: t(`objects.${alert.objectType}`, { defaultValue: alert.objectType }) })}</li>
            <li>{t('supervision.subject', { subject: t(`supervision.subjects.${alert.subject}`, { defaultValue: alert.subject }) })}</li>
            {alert.acknowledgedAt ? <li>{t('supervision.acknowledgedAt', { when: formatDateTime(alert.acknowledgedAt) })}</li> : null}
          </ul>
          {alert.methodDetail ? (
            <div className="notice notice--warn">
              <p>{t('supervision.methodDetail')}</p>
            </div>
          ) : null}
          <h3>{t('supervision.reasons')}</h3>
          <ul>
            {alert.reasons.map((r, i) => (
              <li key={`${r.code}-${i}`}>
                {reasonLabel(r.code, t('supervision.reasonCodes', { returnObjects: true }) as ReasonLabels, t('supervision.reasonUnknown'))} —{' '}
                {t('supervision.level', { level: r.level, name: t(`levels.${r.level}`, { defaultValue: '' }) })}
              </li>
            ))}
          </ul>
          <AlertWords source={alert.source} />
          <h3>{t('supervision.reachTitle')}</h3>
          {alert.member ? (
            <ul>
              {(() => {
                const reach = reachWhere(alert.source, alert.member.handle);
                if (!reach) return null;
                return (
                  <li>
                    <Link to={reach.to}>{reach.kind === 'anonymous' ? t('supervision.reachAnonymous') : t('supervision.reachWhere', { handle: reach.handle })}</Link>
                  </li>
                );
              })()}
              <li className="muted">{t('supervision.reachNone')}</li>
            </ul>
          ) : (
            <p className="muted">{t('supervision.memberGone')}</p>
          )}

          {alert.status === 'open' ? (
            <div className="button-row">
              <button type="button" className="button" disabled={acknowledge.isPending} onClick={() => acknowledge.mutate()}>
                {t('supervision.acknowledge')}
              </button>
            </div>
          ) : null}
          <ErrorNotice error={acknowledge.error} />

          <h3>{t('supervision.notesTitle')}</h3>
          {alert.notes.length === 0 ? <p className="muted">{t('supervision.notesEmpty')}</p> : null}
          <ul className="plain-list">
            {alert.notes.map((n) => (
              <li key={n.id}>
                <p className="muted">{t('supervision.noteBy', { author: n.authorHandle ?? '—', when: formatDateTime(n.createdAt) })}</p>
                <p>{n.body}</p>
              </li>
            ))}
          </ul>
          {alert.status !== 'resolved' ? (
            <>
              <form onSubmit={submitNote} noValidate>
                <ErrorNotice error={addNote.error} />
                <TextAreaField
                  label={t('supervision.addNote')}
                  error={fieldError(addNote.error, 'body', t('subjects.note'))}
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                />
                <button type="submit" className="button button--secondary" disabled={addNote.isPending}>
                  {t('supervision.saveNote')}
                </button>
              </form>

              <h3>{t('supervision.resolveTitle')}</h3>
              <form onSubmit={submitResolve} noValidate>
                <ErrorNotice error={resolve.error} />
                <SelectField
                  label={t('supervision.outcome')}
                  error={fieldError(resolve.error, 'outcome', t('subjects.outcome'))}
                  value={outcome}
                  onChange={(e) => setOutcome(e.target.value)}
                >
                  <option value="">{t('supervision.outcomeChoose')}</option>
                  {ALERT_OUTCOMES.map((o) => (
                    <option key={o} value={o}>
                      {t(`outcomes.${o}`)}
                    </option>
                  ))}
                </SelectField>
                <TextAreaField label={t('supervision.resolveNote')} value={closing} onChange={(e) => setClosing(e.target.value)} />
                <button type="submit" className="button" disabled={resolve.isPending}>
                  {t('supervision.resolve')}
                </button>
              </form>
            </>
          ) : null}
        </>
      ) : null}
      <div className="button-row">
        <button type="button" className="button button--secondary button--small" onClick={onClose}>
          {t('supervision.closeDetail')}
        </button>
      </div>
    </section>
  );
}

/** The words that raised the alert, flagged passages marked; or why they are not shown. */
function AlertWords({ source }: { source: AlertSource }) {
  const { t } = useTranslation();
  const marked = (text: string, field: 'title' | 'text') =>
    flaggedPieces(text, source.flagged.filter((f) => f.field === field)).map((p, i) => (p.flagged ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>));
  return (
    <section aria-labelledby="alert-words-title">
      <h3 id="alert-words-title">{t('supervision.wordsTitle')}</h3>
      {source.state === 'shown' ? (
        <>
          <blockquote className="alert-words">
            {source.title ? <p><strong>{marked(source.title, 'title')}</strong></p> : null}
            <p style={{ whiteSpace: 'pre-wrap' }}>{marked(source.text ?? '', 'text')}</p>
          </blockquote>
          <p className="muted">{t('supervision.wordsAudited')}</p>
          {source.link ? (
            <p>
              <Link to={source.link}>{t('supervision.wordsLink')}</Link>
            </p>
          ) : null}
        </>
      ) : (
        <p className="muted">{t(`supervision.words.${source.state}`)}</p>
      )}
    </section>
  );
}
