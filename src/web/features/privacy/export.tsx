import { useTranslation } from 'react-i18next';
import { EXPORT_URL } from './api.js';

/** The server answers with content-disposition: attachment, so a plain link downloads the file. */
export function ExportSection() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">{t('privacy.exportTitle')}</h2>
      <p>{t('privacy.exportIntro')}</p>
      <p>
        <a className="button button--secondary" href={EXPORT_URL} download>
          {t('privacy.exportButton')}
        </a>
      </p>
    </section>
  );
}
