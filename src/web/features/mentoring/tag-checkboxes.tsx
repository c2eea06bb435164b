import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { TAGS, type ExperienceTag } from './model.js';

/** The lived-experience tags as a group of checkboxes (a fieldset with a legend and a hint). */
export function TagCheckboxes({
  legend,
  hint,
  error,
  value,
  max,
  onChange,
}: {
  legend: string;
  hint: string;
  error?: string | undefined;
  value: readonly ExperienceTag[];
  max: number;
  onChange(next: ExperienceTag[]): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset aria-describedby={`${id}-hint`} aria-invalid={error ? true : undefined}>
      <legend>{legend}</legend>
      <p className="field__hint" id={`${id}-hint`}>
        {hint}
      </p>
      {error ? <p className="field__error">{error}</p> : null}
      <div className="check-grid">
        {TAGS.map((tag) => {
          const checked = value.includes(tag);
          return (
            <div className="check" key={tag}>
              <input
                type="checkbox"
                id={`${id}-${tag}`}
                checked={checked}
                disabled={!checked && value.length >= max}
                onChange={(e) => onChange(e.target.checked ? [...value, tag] : value.filter((x) => x !== tag))}
              />
              <label htmlFor={`${id}-${tag}`}>{t(`tags.${tag}`)}</label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** The known tags among `values` (a view's tags are plain strings). */
export function knownTags(values: readonly string[]): ExperienceTag[] {
  return TAGS.filter((tag) => values.includes(tag));
}

/** "en, pt-BR" → ['en', 'pt-BR'] (the server checks each code). */
export function parseLanguages(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,\s]+/)
        .map((l) => l.trim())
        .filter(Boolean),
    ),
  ];
}

/** A language code's name in the reader's language ("pt-BR" → "Brazilian Portuguese"). */
export function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
