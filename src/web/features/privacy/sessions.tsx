import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading, SuccessNotice } from '../../components/status.js';
import { formatRelative } from '../../lib/i18n.js';
import { useRevokeOtherSessions, useRevokeSession, useSessions } from './api.js';

/** Where you are signed in, with "Sign out" per device and "Sign out everywhere else". */
export function SessionsSection({ onSignedOutHere }: { onSignedOutHere(): void }) {
  const { t } = useTranslation();
  const { data: sessions, isPending, error } = useSessions();
  const revoke = useRevokeSession();
  const revokeOthers = useRevokeOtherSessions();
  const others = sessions?.filter((s) => !s.current) ?? [];

  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('privacy.sessionsTitle')}</h2>
      {isPending ? <Loading /> : null}
      <ErrorNotice error={error ?? revoke.error ?? revokeOthers.error} />
      {revokeOthers.isSuccess ? <SuccessNotice>{t('privacy.signedOutOthers', { count: revokeOthers.data.revoked })}</SuccessNotice> : null}
      {sessions ? (
        <ul className="plain-list">
          {sessions.map((s) => (
            <li key={s.id} className="card">
              <p>
                <strong>{s.deviceLabel}</strong> {s.current ? <span className="badge">{t('privacy.thisDevice')}</span> : null}
              </p>
              <p className="muted">
                {t('privacy.signedInAt', { when: formatRelative(s.createdAt) })} · {t('privacy.lastSeen', { when: formatRelative(s.lastSeenAt) })}
              </p>
              <button
                type="button"
                className="button button--secondary button--small"
                disabled={revoke.isPending}
                aria-label={s.current ? undefined : t('privacy.signOutSessionLabel', { device: `${s.deviceLabel}, ${formatRelative(s.lastSeenAt)}` })}
                onClick={() => revoke.mutate(s.id, { onSuccess: () => s.current && onSignedOutHere() })}
              >
                {s.current ? t('nav.signOut') : t('privacy.signOutSession')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {sessions && others.length === 0 ? <p className="muted">{t('privacy.noOtherSessions')}</p> : null}
      {others.length > 0 ? (
        <div className="button-row">
          <button type="button" className="button button--secondary" disabled={revokeOthers.isPending} onClick={() => revokeOthers.mutate()}>
            {t('privacy.signOutOthers')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
