import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice, Loading, SuccessNotice } from '../../components/status.js';
import { CONTENT_WARNINGS, WARNING_MODES, useSaveWarningPrefs, useWarningPrefs, type WarningPrefs } from './api.js';

/** Per warning: always hide, ask each time (the default) or always show. */
export function WarningPrefsForm() {
  const { t } = useTranslation();
  const { data, isPending, error } = useWarningPrefs();
  const save = useSaveWarningPrefs();
  const [prefs, setPrefs] = useState<WarningPrefs | null>(null);
  useEffect(() => {
    if (data && !prefs) setPrefs(data);
  }, [data, prefs]);
  if (isPending) return <Loading />;
  if (!prefs) return <ErrorNotice error={error} />;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(prefs);
  };
  return (
    <form onSubmit={submit} noValidate>
      <ErrorNotice error={save.error} />
      {save.isSuccess && !save.isPending ? <SuccessNotice>{t('community.prefs.saved')}</SuccessNotice> : null}
      <ul className="plain-list mode-hints">
        {WARNING_MODES.map((m) => (
          <li key={m}>
            <strong>{t(`community.prefs.modes.${m}`)}:</strong> {t(`community.prefs.modeHints.${m}`)}
          </li>
        ))}
      </ul>
      {CONTENT_WARNINGS.map((w) => (
        <fieldset key={w} className="mode-row">
          <legend>{t(`warningNames.${w}`)}</legend>
          <div className="mode-row__options">
            {WARNING_MODES.map((m) => (
              <div className="check" key={m}>
                <input
                  type="radio"
                  name={`cw-${w}`}
                  id={`cw-${w}-${m}`}
                  value={m}
                  checked={prefs[w] === m}
                  onChange={() => {
                    save.reset();
                    setPrefs({ ...prefs, [w]: m });
                  }}
                />
                <label htmlFor={`cw-${w}-${m}`}>{t(`community.prefs.modes.${m}`)}</label>
              </div>
            ))}
          </div>
        </fieldset>
      ))}
      <div className="button-row">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? t('community.prefs.saving') : t('community.prefs.save')}
        </button>
      </div>
    </form>
  );
}
