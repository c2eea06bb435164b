import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTENT_WARNINGS, type ContentWarning } from './api.js';

/** Content warnings as a group of checkboxes. */
export function WarningsFieldset({ value, onChange, legend, hint }: { value: ContentWarning[]; onChange(next: ContentWarning[]): void; legend: string; hint?: string }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <div className="check-grid">
        {CONTENT_WARNINGS.map((w) => (
          <div className="check" key={w}>
            <input
              type="checkbox"
              id={`${id}-${w}`}
              checked={value.includes(w)}
              onChange={(e) => onChange(e.target.checked ? [...value, w] : value.filter((x) => x !== w))}
            />
            <label htmlFor={`${id}-${w}`}>{t(`warningNames.${w}`)}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
