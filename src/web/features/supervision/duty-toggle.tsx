import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/status.js';
import { useDuty, useSetDuty } from './api.js';

export function DutyToggle() {
  const { t } = useTranslation();
  const { data: onDuty } = useDuty();
  const setDuty = useSetDuty();
  // Optimistic, and set in the same event: a mutation's pending state only renders a tick later,
  // and React would meanwhile put a controlled checkbox back to its old value.
  const [wanted, setWanted] = useState<boolean | null>(null);
  return (
    <div className="field">
      <div className="check">
        <input
          type="checkbox"
          role="switch"
          id="on-duty"
          aria-describedby="on-duty-hint"
          // Shows the choice at once; it falls back if the server refuses.
          checked={wanted ?? onDuty ?? false}
          disabled={onDuty === undefined}
          onChange={(e) => {
            setWanted(e.target.checked);
            setDuty.mutate(e.target.checked, { onSettled: () => setWanted(null) });
          }}
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
