import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Dialog } from '../../components/dialog.js';
import { CrisisResourcesView } from './crisis-resources.js';

/** "Get help now": the crisis helplines for the person's region, in a dialog over any page. */
export function HelpDialog({ open, onClose, defaultRegion }: { open: boolean; onClose(): void; defaultRegion: string }) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} onClose={onClose} title={t('help.title')} closeLabel={t('help.close')}>
      <p>{t('help.intro')}</p>
      <CrisisResourcesView defaultRegion={defaultRegion} headingLevel={3} />
      <p>
        <Link to="/help" onClick={onClose}>
          {t('help.fullPage')}
        </Link>
      </p>
    </Dialog>
  );
}
