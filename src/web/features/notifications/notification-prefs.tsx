import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, SuccessNotice } from '../../components/status.js';
import { NOTIFICATION_PREF_KINDS, useNotificationPrefs, useSaveNotificationPrefs, type NotificationPrefs } from './api.js';

/** Which kinds to be told about; moderation messages always arrive. */
export function NotificationPrefsForm() {
  const { t } = useTranslation();
  const { data, error } = useNotificationPrefs();
  const save = useSaveNotificationPrefs();
  const [prefs, setPrefs] = useState<NotificationPrefs | null>(null);
  useEffect(() => {
    if (data && !prefs) setPrefs(data);
  }, [data, prefs]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (prefs) save.mutate(prefs);
  };
  return (
    <section aria-labelledby="note-prefs-title">
      <h2 id="note-prefs-title">{t('notifications.prefsHeading')}</h2>
      <ErrorNotice error={error ?? save.error} />
      {prefs ? (
        <form onSubmit={submit} noValidate>
          {save.isSuccess && !save.isPending ? <SuccessNotice>{t('notifications.prefsSaved')}</SuccessNotice> : null}
          <fieldset>
            <legend>{t('notifications.prefsTitle')}</legend>
            <p className="field__hint">{t('notifications.prefsIntro')}</p>
            {NOTIFICATION_PREF_KINDS.map((k) => (
              <div className="check" key={k}>
                <input
                  type="checkbox"
                  id={`np-${k}`}
                  checked={prefs[k] !== false}
                  onChange={(e) => {
                    save.reset();
                    setPrefs({ ...prefs, [k]: e.target.checked });
                  }}
                />
                <label htmlFor={`np-${k}`}>{t(`notifications.prefKinds.${k}`)}</label>
              </div>
            ))}
          </fieldset>
          <div className="button-row">
            <button type="submit" className="button" disabled={save.isPending}>
              {t('notifications.savePrefs')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
