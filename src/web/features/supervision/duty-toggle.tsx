import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/status.js';
import { useDuty, useSetDuty } from './api.js';

export function DutyToggle() {
  const { t } = useTranslation();
  const { data: onDuty } = useDuty();
  const setDuty = useSetDuty();
  return (
    <div className="field">
      <div className="check">
        <input
          type="checkbox"
          role="switch"
          id="on-duty"
          aria-describedby="on-duty-hint"
          // Optimistic: show the choice at once; it falls back if the server refuses.
          checked={setDuty.isPending ? setDuty.variables : (onDuty ?? false)}
          disabled={onDuty === undefined}
          onChange={(e) => setDuty.mutate(e.target.checked)}
        />
        <label htmlFor="on-duty">{t('supervision.onDuty')}</label>
      </div>
      <span className="field__hint" id="on-duty-hint">
        {t('supervision.onDutyHint')}
      </span>
      <ErrorNotice error={setDuty.error} />
    </div>
  );
}
