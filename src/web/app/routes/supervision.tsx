import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Page } from '../../components/page.js';
import { AlertDetailPanel } from '../../features/supervision/alert-detail.js';
import { AlertQueue } from '../../features/supervision/alert-queue.js';
import { useAlertRooms } from '../../features/supervision/alert-rooms.js';
import { useOpenAlerts } from '../../features/supervision/api.js';
import { DutyToggle } from '../../features/supervision/duty-toggle.js';
import { HeldList } from '../../features/supervision/held-list.js';
import { RequireAuth } from '../require-auth.js';

/** Announces newly arrived alerts politely, so a supervisor using a screen reader hears them. */
function useNewAlertAnnouncement(): string {
  const { t } = useTranslation();
  const { data: alerts } = useOpenAlerts();
  const seen = useRef<Set<string> | null>(null);
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (!alerts) return;
    if (seen.current) {
      const fresh = alerts.filter((a) => !seen.current!.has(a.id));
      if (fresh.length > 0) setMessage(fresh.map((a) => t('supervision.newAlert', { level: a.level })).join(' '));
    }
    seen.current = new Set(alerts.map((a) => a.id));
  }, [alerts, t]);
  return message;
}

function SupervisionBoard() {
  const { t } = useTranslation();
  const live = useAlertRooms();
  const [params, setParams] = useSearchParams();
  const selected = params.get('alert');
  const announcement = useNewAlertAnnouncement();
  return (
    <Page title={t('supervision.title')} intro={t('supervision.intro')}>
      <DutyToggle />
      <p className={live ? 'muted' : 'notice notice--warn'} role="status">
        {live ? t('supervision.liveConnected') : t('supervision.liveOffline')}
      </p>
      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>
      <div className="grid-2">
        <AlertQueue selectedId={selected} onOpen={(id) => setParams({ alert: id })} />
        {selected ? <AlertDetailPanel id={selected} onClose={() => setParams({})} /> : null}
      </div>
      <HeldList />
    </Page>
  );
}

export default function SupervisionPage() {
  const { t } = useTranslation();
  return (
    <RequireAuth roles={['supervisor', 'admin']} forbiddenTitle={t('supervision.title')} forbidden={t('supervision.forbidden')}>
      {() => <SupervisionBoard />}
    </RequireAuth>
  );
}
