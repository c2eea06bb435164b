import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorNotice, Loading, SuccessNotice } from '../../components/status.js';
import { formatDateTime, formatRelative } from '../../lib/i18n.js';
import { useRequestSignOff, useTraining, type KindStatus, type ModuleSummary } from './api.js';
import { formatDay } from './dates.js';

/** The Training page: where I stand for each certificate, then every module with my progress. */
export function TrainingOverview() {
  const { t } = useTranslation();
  const { data, isPending, error } = useTraining();
  if (isPending) return <Loading />;
  if (error) return <ErrorNotice error={error} />;
  const titles = new Map(data.modules.map((m) => [m.id, m.title]));
  // A module some certificate's refresher needs again.
  const again = new Set(data.kinds.filter((k) => k.refresher).flatMap((k) => k.remaining));
  return (
    <>
      <div className="training-kinds">
        {data.kinds.map((k) => (
          <KindCard key={k.kind} status={k} titles={titles} />
        ))}
      </div>
      <section aria-labelledby="training-modules">
        <h2 id="training-modules">{t('training.modulesTitle')}</h2>
        <ol className="plain-list stack training-modules">
          {data.modules.map((m) => (
            <ModuleItem key={m.id} module={m} again={again.has(m.id)} />
          ))}
        </ol>
      </section>
    </>
  );
}

function KindCard({ status, titles }: { status: KindStatus; titles: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  const ask = useRequestSignOff();
  const c = status.certificate;
  const headingId = `kind-${status.kind}`;
  const kindName = t(`training.kinds.${status.kind}`);
  const lapsed = status.state === 'expired' || status.state === 'revoked';
  const stateText = (() => {
    switch (status.state) {
      case 'training':
        return t('training.state.training', { passed: status.required.length - status.remaining.length, total: status.required.length });
      case 'awaiting_sign_off':
        return t('training.state.awaiting_sign_off', { when: status.pendingRequest ? formatRelative(status.pendingRequest.requestedAt) : '' });
      case 'revoked':
        return t('training.state.revoked', { date: c?.revokedAt ? formatDay(c.revokedAt) : '' });
      case 'ready':
        // Ready for a refresher still says when the certificate runs until.
        return status.refresher && c ? `${t(c.status === 'expired' ? 'training.state.expired' : 'training.state.refresher_due', { date: formatDay(c.expiresAt) })} ${t('training.state.ready')}` : t('training.state.ready');
      default:
        return t(`training.state.${status.state}`, { date: c ? formatDay(c.expiresAt) : '' });
    }
  })();
  return (
    <section className={`card stack training-kind${status.state === 'refresher_due' ? ' training-kind--due' : lapsed ? ' training-kind--lapsed' : ''}`} aria-labelledby={headingId}>
      <h2 id={headingId}>{t(`training.kindCertificate.${status.kind}`)}</h2>
      <p className="muted">{t(`training.kindWhat.${status.kind}`)}</p>
      {status.refresher && status.state !== 'awaiting_sign_off' ? <h3>{t('training.refresherTitle')}</h3> : null}
      <p>{stateText}</p>
      {c?.status === 'revoked' && c.revokeReason ? <p>{t('training.revokeReason', { reason: c.revokeReason })}</p> : null}
      {c && status.state === 'certified' ? (
        <p className="muted">{c.source === 'training' ? t('training.certificateSource.training') : t('training.certificateSource.prior_training', { note: c.note ?? '' })}</p>
      ) : null}
      {status.remaining.length > 0 && status.state !== 'certified' ? (
        <>
          <p>{status.refresher || status.state === 'revoked' ? t('training.stillToPassAgain') : t('training.stillToPass')}</p>
          <ul>
            {status.remaining.map((id) => (
              <li key={id}>
                <Link to={`/training/modules/${encodeURIComponent(id)}`}>{titles.get(id) ?? id}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {status.lastDecision?.status === 'declined' && !status.pendingRequest && status.state !== 'certified' ? (
        <div className="notice" role="note">
          <p>{t('training.lastDecision.declined', { who: status.lastDecision.decidedBy?.handle ?? t('training.lastDecision.someone'), date: formatDay(status.lastDecision.decidedAt ?? status.lastDecision.requestedAt) })}</p>
          {status.lastDecision.note ? <p>{t('training.lastDecision.note', { note: status.lastDecision.note })}</p> : null}
        </div>
      ) : null}
      {status.lastDecision?.status === 'approved' && status.state === 'certified' && status.lastDecision.note ? (
        <p className="muted">{t('training.lastDecision.note', { note: status.lastDecision.note })}</p>
      ) : null}
      <ErrorNotice error={ask.error} />
      {ask.isSuccess && ask.variables === status.kind ? <SuccessNotice>{t('training.asked')}</SuccessNotice> : null}
      {status.canRequestSignOff ? (
        <div className="button-row">
          <button type="button" className="button" disabled={ask.isPending} aria-label={t('training.askSignOffKind', { kind: kindName })} onClick={() => ask.mutate(status.kind)}>
            {t('training.askSignOff')}
          </button>
        </div>
      ) : null}
    </section>
  );
}

function ModuleItem({ module: m, again }: { module: ModuleSummary; again: boolean }) {
  const { t } = useTranslation();
  const p = m.progress;
  const lines: string[] = [];
  if (p.passedAt) lines.push(t('training.progress.passed', { date: formatDateTime(p.passedAt) }));
  else if (p.lastAttempt) lines.push(t('training.progress.tried', { score: p.lastAttempt.score, outOf: p.lastAttempt.outOf }));
  else if (p.lessonReadAt) lines.push(t('training.progress.lessonRead'));
  else lines.push(t('training.progress.notStarted'));
  if (p.practiceReplies) lines.push(t('training.progress.practice', { count: p.practiceReplies }));
  return (
    <li className="card training-module">
      <h3>
        <Link to={`/training/modules/${encodeURIComponent(m.id)}`}>{m.title}</Link>
      </h3>
      <p>{m.summary}</p>
      <p className="muted">{t('training.requiredFor', { kinds: m.requiredFor.map((k) => t(`training.kinds.${k}`)).join(', ') })}</p>
      <p className="training-module__progress">
        {lines.join(' ')}
        {again ? <strong> {t('training.progress.again')}</strong> : null}
      </p>
    </li>
  );
}
