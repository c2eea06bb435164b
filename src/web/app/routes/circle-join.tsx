import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Page } from '../../components/page.js';
import { ErrorNotice, Loading } from '../../components/status.js';
import { useMe } from '../../features/auth/api.js';
import { useAcceptInvitation } from '../../features/circles/api.js';

const STORED = 'kindred.circleInvitation';

/**
 * /circles/join#<token>. The token lives in the fragment, which never reaches a server log; while
 * someone signs in first it waits in this tab's session storage rather than in a URL.
 */
function useInvitationToken(): string | null {
  const [token] = useState<string | null>(() => {
    const fromHash = window.location.hash.replace(/^#/, '').trim();
    if (fromHash) {
      sessionStorage.setItem(STORED, fromHash);
      return fromHash;
    }
    return sessionStorage.getItem(STORED);
  });
  useEffect(() => {
    // Take the secret out of the address bar (and history) once read.
    if (window.location.hash) window.history.replaceState(window.history.state, '', window.location.pathname);
  }, []);
  return token;
}

export default function CircleJoinPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const token = useInvitationToken();
  const { data: me, isPending } = useMe();
  const accept = useAcceptInvitation();
  if (isPending) return <Loading />;
  if (!token) {
    return (
      <Page title={t('circles.join.title')}>
        <p>{t('circles.join.noToken')}</p>
      </Page>
    );
  }
  if (!me) {
    return (
      <Page title={t('circles.join.title')} intro={t('circles.join.signInFirst')}>
        <div className="button-row">
          <Link className="button" to="/sign-in?next=%2Fcircles%2Fjoin">
            {t('home.signIn')}
          </Link>
          <Link className="button button--secondary" to="/sign-up?next=%2Fcircles%2Fjoin">
            {t('home.join')}
          </Link>
        </div>
      </Page>
    );
  }
  return (
    <Page title={t('circles.join.title')} intro={t('circles.join.intro')}>
      <ErrorNotice error={accept.error} />
      <div className="button-row">
        <button
          type="button"
          className="button"
          disabled={accept.isPending}
          onClick={() =>
            accept.mutate(token, {
              onSuccess: (c) => {
                sessionStorage.removeItem(STORED);
                void navigate(`/circles/${c.id}`);
              },
              onError: () => sessionStorage.removeItem(STORED),
            })
          }
        >
          {t('circles.join.accept')}
        </button>
        <Link className="button button--secondary" to="/circles">
          {t('circles.join.notNow')}
        </Link>
      </div>
    </Page>
  );
}
