import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/status.js';
import { regionName } from '../../lib/i18n.js';
import { dialable, useCrisisResources, type CrisisLine } from './api.js';

export function CrisisLineCard({ line, headingLevel = 3 }: { line: CrisisLine; headingLevel?: 3 | 4 }) {
  const { t } = useTranslation();
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <article className={line.kind === 'emergency' ? 'crisis-line crisis-line--emergency' : 'crisis-line'}>
      <Heading>{line.name}</Heading>
      <p>{line.description}</p>
      <p className="muted">{t('help.hours', { hours: line.hours })}</p>
      <div className="crisis-line__actions">
        {line.phone ? (
          <a className={line.kind === 'emergency' ? 'button button--help' : 'button'} href={`tel:${dialable(line.phone)}`}>
            {t('help.call', { number: line.phone })}
          </a>
        ) : null}
        {line.sms ? (
          <a className="button button--secondary" href={`sms:${dialable(line.sms)}`}>
            {t('help.text', { number: line.sms })}
          </a>
        ) : null}
        {line.web ? (
          <a className="button button--secondary" href={line.web} target="_blank" rel="noopener noreferrer">
            {t('help.website', { name: line.name })} <span className="visually-hidden">{t('help.opensNewTab')}</span>
          </a>
        ) : null}
      </div>
    </article>
  );
}

/**
 * Helplines for the chosen region, emergency services first, with a region selector and the
 * international directory always underneath. Anyone can use it, signed in or not.
 */
export function CrisisResourcesView({ defaultRegion, headingLevel = 2 }: { defaultRegion: string; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const selectId = useId();
  const [choice, setChoice] = useState<string | null>(null);
  const region = choice ?? defaultRegion;
  const { data, isPending, isError } = useCrisisResources(region);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const lineHeading = headingLevel === 2 ? 3 : 4;

  return (
    <div className="stack">
      <p className="notice notice--warn">
        <strong>{t('app.notEmergency')}</strong>
      </p>
      {data ? (
        <div className="field">
          <label htmlFor={selectId}>{t('help.region')}</label>
          <span className="field__hint" id={`${selectId}-hint`}>
            {t('help.regionHint')}
          </span>
          <select
            id={selectId}
            aria-describedby={`${selectId}-hint`}
            value={data.region && data.regions.includes(data.region) ? data.region : 'INTL'}
            onChange={(e) => setChoice(e.target.value)}
          >
            {[...data.regions]
              .sort((a, b) => regionName(a).localeCompare(regionName(b)))
              .map((r) => (
                <option key={r} value={r}>
                  {regionName(r)}
                </option>
              ))}
            <option value="INTL">{t('help.international')}</option>
          </select>
        </div>
      ) : null}
      {isPending ? <Loading /> : null}
      {isError && !data ? (
        <p className="notice notice--error" role="alert">
          {t('help.loadFailed')}
        </p>
      ) : null}
      {data ? (
        <>
          {data.region && data.regions.includes(data.region) ? (
            <section aria-labelledby={`${selectId}-lines`}>
              <H id={`${selectId}-lines`}>{t('help.linesFor', { region: regionName(data.region) })}</H>
              {data.lines.length === 0 ? <p>{t('help.noLines')}</p> : null}
              <ul className="plain-list">
                {data.lines.map((line) => (
                  <li key={line.id}>
                    <CrisisLineCard line={line} headingLevel={lineHeading} />
                  </li>
                ))}
              </ul>
            </section>
          ) : (
            <p>{t('help.noLines')}</p>
          )}
          <section aria-labelledby={`${selectId}-dir`}>
            <H id={`${selectId}-dir`}>{t('help.directoryTitle')}</H>
            <ul className="plain-list">
              {data.directory.map((line) => (
                <li key={line.id}>
                  <CrisisLineCard line={line} headingLevel={lineHeading} />
                </li>
              ))}
            </ul>
          </section>
        </>
      ) : null}
    </div>
  );
}
