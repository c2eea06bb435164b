import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Page } from '../../components/page.js';
import { markSignedOut } from '../../features/auth/api.js';
import { AuditSection } from '../../features/privacy/audit.js';
import { ChangePasswordSection } from '../../features/privacy/change-password.js';
import { DeleteAccountSection } from '../../features/privacy/delete-account.js';
import { ExportSection } from '../../features/privacy/export.js';
import { SessionsSection } from '../../features/privacy/sessions.js';
import { RequireAuth } from '../require-auth.js';

export default function PrivacyPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const leave = (reason: 'signed-out' | 'deleted') => {
    markSignedOut(qc, reason);
    void navigate(`/sign-in?reason=${reason}`, { replace: true });
  };
  return (
    <RequireAuth>
      {() => (
        <Page title={t('privacy.title')} intro={t('privacy.intro')}>
          <SessionsSection onSignedOutHere={() => leave('signed-out')} />
          <AuditSection />
          <ExportSection />
          <ChangePasswordSection />
          <DeleteAccountSection onDeleted={() => leave('deleted')} />
        </Page>
      )}
    </RequireAuth>
  );
}
