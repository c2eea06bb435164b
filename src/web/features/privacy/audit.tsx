import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading } from '../../components/status.js';
import { formatDateTime } from '../../lib/i18n.js';
import { useAudit } from './api.js';

/** "Who saw my data": every privileged access to this person's data. */
export function AuditSection() {
  const { t } = useTranslation();
  const { data, isPending, error } = useAudit();
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">{t('privacy.auditTitle')}</h2>
      <p>{t('privacy.auditIntro')}</p>
      {isPending ? <Loading /> : null}
      <ErrorNotice error={error} />
      {data && data.entries.length === 0 ? <p className="muted">{t('privacy.auditEmpty')}</p> : null}
      {data && data.entries.length > 0 ? (
        <ul className="plain-list">
          {data.entries.map((e) => (
            <li key={e.id} className="card">
              <p>
                <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              </p>
              <p>
                {t('privacy.auditEntry', {
                  actor: e.actorHandle ?? t('privacy.someone'),
                  role: t(`roles.${e.actorRole}`, { defaultValue: e.actorRole }),
                  action: e.action.replace(/[._]/g, ' '),
                  object: t(`objects.${e.objectType}`, { defaultValue: e.objectType.replace(/_/g, ' ') }),
                })}
              </p>
              <p className="muted">{t('privacy.auditReason', { reason: e.reason })}</p>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
