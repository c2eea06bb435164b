import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextAreaField, TextField } from '../../components/fields.js';
import { ErrorNotice, fieldError, Loading, SuccessNotice } from '../../components/status.js';
import { formatDateTime, formatRelative } from '../../lib/i18n.js';
import { LIMITS, useCertificates, useDecideSignOff, useRevokeCertificate, useSignOffRequests, type HeldCertificate, type SignOffRequest } from './api.js';
import { formatDay } from './dates.js';

/**
 * Supervisors and admins: requests waiting for a sign-off, oldest first, then the latest decisions.
 * `myId` keeps the decision buttons off the viewer's own request (nobody vouches for themselves).
 */
export function SignOffQueue({ myId }: { myId: string }) {
  const { t } = useTranslation();
  const pending = useSignOffRequests('pending');
  const decided = useSignOffRequests('decided');
  // A decided request leaves the list: the confirmation stays here, and focus with it.
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  return (
    <>
      <section aria-labelledby="sign-off-pending" className="stack">
        <h2 id="sign-off-pending">{t('training.signOff.pending')}</h2>
        <div ref={doneRef} tabIndex={-1}>
          {done ? <SuccessNotice>{done}</SuccessNotice> : null}
        </div>
        {pending.isPending ? <Loading /> : null}
        <ErrorNotice error={pending.error} />
        {pending.data?.length === 0 ? <p>{t('training.signOff.empty')}</p> : null}
        {pending.data?.length ? (
          <ul className="plain-list stack">
            {pending.data.map((r) => (
              r.trainee.id === myId ? <OwnRequest key={r.id} request={r} /> : <PendingRequest key={r.id} request={r} onDecided={setDone} />
            ))}
          </ul>
        ) : null}
      </section>
      <section aria-labelledby="sign-off-decided" className="stack">
        <h2 id="sign-off-decided">{t('training.signOff.decided')}</h2>
        {decided.data?.length === 0 ? <p>{t('training.signOff.emptyDecided')}</p> : null}
        {decided.data?.length ? (
          <ul className="plain-list">
            {decided.data.slice(0, 20).map((r) => (
              <li key={r.id}>
                <bdi>{r.trainee.handle}</bdi> — {t(`training.kinds.${r.kind}`)}:{' '}
                {t(r.status === 'approved' ? 'training.signOff.statusApproved' : 'training.signOff.statusDeclined', { who: r.decidedBy?.handle ?? '', date: formatDay(r.decidedAt ?? r.requestedAt) })}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </>
  );
}

function RequestFacts({ request: r }: { request: SignOffRequest }) {
  const { t } = useTranslation();
  const avg = r.practice.average;
  return (
    <>
      <p className="muted">
        {t('training.signOff.asked', { when: formatRelative(r.requestedAt) })}
        {r.refresher ? ` · ${t('training.signOff.refresher')}` : ''}
      </p>
      <p>{t('training.signOff.modules')}</p>
      <ul>
        {r.modules.map((m) => (
          <li key={m.id}>
            {m.passedAt && m.score !== null ? t('training.signOff.moduleScore', { title: m.title, score: m.score, outOf: m.outOf, date: formatDateTime(m.passedAt) }) : t('training.signOff.moduleMissing', { title: m.title })}
          </li>
        ))}
      </ul>
      <p>{avg ? t('training.signOff.practice', { count: r.practice.count, er: avg.emotionalReactions, ip: avg.interpretations, ex: avg.explorations }) : t('training.signOff.practice', { count: 0 })}</p>
      {r.currentCertificate ? <p>{t('training.signOff.current', { status: t(`training.certificates.statuses.${r.currentCertificate.status}`), date: formatDay(r.currentCertificate.expiresAt) })}</p> : null}
    </>
  );
}

/** The viewer's own request (an admin sees every request): the facts, and who decides it instead. */
function OwnRequest({ request: r }: { request: SignOffRequest }) {
  const { t } = useTranslation();
  return (
    <li className="card stack">
      <h3>{t('training.signOff.requestTitle', { handle: r.trainee.handle, kind: t(`training.kinds.${r.kind}`) })}</h3>
      <RequestFacts request={r} />
      <p>{t('training.signOff.own')}</p>
    </li>
  );
}

function PendingRequest({ request: r, onDecided }: { request: SignOffRequest; onDecided(message: string): void }) {
  const { t } = useTranslation();
  const id = useId();
  const decide = useDecideSignOff();
  const [note, setNote] = useState('');
  const [noteNeeded, setNoteNeeded] = useState(false);
  const kind = t(`training.kinds.${r.kind}`);
  const handle = r.trainee.handle;
  const send = (decision: 'approve' | 'decline') => {
    if (decision === 'decline' && !note.trim()) {
      setNoteNeeded(true);
      document.getElementById(`${id}-note`)?.focus();
      return;
    }
    setNoteNeeded(false);
    // mutateAsync: the request leaves the list (and this item unmounts) before a mutate callback would run.
    decide
      .mutateAsync({ id: r.id, decision, ...(note.trim() ? { note: note.trim() } : {}) })
      .then(() => onDecided(decision === 'approve' ? t('training.signOff.approved', { handle, kind }) : t('training.signOff.declined', { handle })))
      .catch(() => undefined); // shown by the ErrorNotice below
  };
  return (
    <li className="card stack">
      <h3>{t('training.signOff.requestTitle', { handle, kind })}</h3>
      <RequestFacts request={r} />
      <TextAreaField
        id={`${id}-note`}
        label={t('training.signOff.note', { handle })}
        hint={t('training.signOff.noteHint')}
        rows={3}
        maxLength={LIMITS.decisionNoteMax}
        value={note}
        error={noteNeeded ? t('training.signOff.noteNeeded') : fieldError(decide.error, 'note')}
        onChange={(e) => setNote(e.target.value)}
      />
      <ErrorNotice error={decide.error} />
      <div className="button-row">
        <button type="button" className="button" disabled={decide.isPending} aria-label={t('training.signOff.approveFor', { handle, kind })} onClick={() => send('approve')}>
          {t('training.signOff.approve')}
        </button>
        <button type="button" className="button button--secondary" disabled={decide.isPending} aria-label={t('training.signOff.declineFor', { handle })} onClick={() => send('decline')}>
          {t('training.signOff.decline')}
        </button>
      </div>
    </li>
  );
}

/** Supervisors and admins: current certificates, soonest to expire first, each withdrawable with a reason. */
export function CertificatesTable() {
  const { t } = useTranslation();
  const { data, isPending, error } = useCertificates();
  return (
    <section aria-labelledby="certificates-title" className="stack">
      <h2 id="certificates-title">{t('training.certificates.title')}</h2>
      <p>{t('training.certificates.intro')}</p>
      {isPending ? <Loading /> : null}
      <ErrorNotice error={error} />
      {data?.length === 0 ? <p>{t('training.certificates.empty')}</p> : null}
      {data?.length ? (
        <table className="training-table">
          <caption>{t('training.certificates.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('training.certificates.holder')}</th>
              <th scope="col">{t('training.certificates.kind')}</th>
              <th scope="col">{t('training.certificates.status')}</th>
              <th scope="col">{t('training.certificates.expires')}</th>
              <th scope="col">{t('training.certificates.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((c) => (
              <CertificateRow key={c.id} certificate={c} />
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function CertificateRow({ certificate: c }: { certificate: HeldCertificate }) {
  const { t } = useTranslation();
  const revoke = useRevokeCertificate();
  const [reason, setReason] = useState('');
  const kind = t(`training.kinds.${c.kind}`);
  const withdrawable = c.status !== 'revoked' && c.status !== 'replaced';
  return (
    <tr>
      <th scope="row">
        <bdi>{c.holder.handle}</bdi>
      </th>
      <td>{kind}</td>
      <td>{t(`training.certificates.statuses.${c.status}`)}</td>
      <td>{formatDay(c.expiresAt)}</td>
      <td>
        {revoke.isSuccess ? (
          <SuccessNotice>{t('training.certificates.withdrawn', { handle: c.holder.handle })}</SuccessNotice>
        ) : withdrawable ? (
          <details className="disclosure">
            <summary>
              {t('training.certificates.withdraw')}
              <span className="visually-hidden"> ({t('training.certificates.withdrawFor', { kind, handle: c.holder.handle })})</span>
            </summary>
            <form
              className="stack"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                revoke.mutate({ id: c.id, reason: reason.trim() });
              }}
            >
              <TextField label={t('training.certificates.reason')} value={reason} maxLength={LIMITS.revokeReasonMax} error={fieldError(revoke.error, 'reason')} onChange={(e) => setReason(e.target.value)} />
              <ErrorNotice error={revoke.error} />
              <button type="submit" className="button button--danger button--small" disabled={revoke.isPending}>
                {t('training.certificates.confirm')}
              </button>
            </form>
          </details>
        ) : null}
      </td>
    </tr>
  );
}
