import { useTranslation } from 'react-i18next';
import { Page } from '../../components/page.js';
import '../../features/mentoring/api.js';
import { AccessibleConversations, MentoringReports, SupporterFeedback } from '../../features/mentoring/supervisor-view.js';
import { RequireAuth } from '../require-auth.js';

/** Supervisors: conversations opened to them (consent or escalation), private feedback, reports. */
export default function SupervisionMentoringPage() {
  const { t } = useTranslation();
  return (
    <RequireAuth roles={['supervisor']} forbiddenTitle={t('mentoring.supervisor.title')} forbidden={t('mentoring.supervisor.forbidden')}>
      {() => (
        <Page title={t('mentoring.supervisor.title')} intro={t('mentoring.supervisor.intro')}>
          <AccessibleConversations />
          <SupporterFeedback />
          <MentoringReports />
        </Page>
      )}
    </RequireAuth>
  );
}
