import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/status.js';
import { regionName } from '../../lib/i18n.js';
import { dialable, mainLine, useCrisisResources, type CrisisLine } from './api.js';

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

/** A number that a narrow screen does not break over two lines ("116 123"). */
const unbroken = (number: string) => number.replace(/ /g, '\u00a0');

/**
 * The region's main line as one big call (or text) button, with its hours, the emergency number
 * and a way to the region picker: what a person in crisis needs first, on a phone's first screen.
 */
function MainLine({ line, emergency, region, pickerId }: { line: CrisisLine; emergency: CrisisLine | undefined; region: string; pickerId: string }) {
  const { t } = useTranslation();
  return (
    <div className="crisis-main">
      {line.phone ? (
        <a className="button button--help button--big" href={`tel:${dialable(line.phone)}`}>
          {t('crisis.mainLine', { name: line.name, number: unbroken(line.phone) })}
        </a>
      ) : line.sms ? (
        <a className="button button--help button--big" href={`sms:${dialable(line.sms)}`}>
          {t('crisis.mainText', { name: line.name, number: unbroken(line.sms) })}
        </a>
      ) : null}
      <p>{line.description}</p>
      <p className="muted">{t('help.mainFor', { region: regionName(region), hours: line.hours })}</p>
      {emergency && emergency !== line && emergency.phone ? (
        <p>
          <a href={`tel:${dialable(emergency.phone)}`}>{t('crisis.emergency', { number: emergency.phone })}</a>
        </p>
      ) : null}
      <p>
        <a href={`#${pickerId}`}>{t('help.otherRegion')}</a>
      </p>
    </div>
  );
}

/**
 * Helplines for the chosen region, emergency services first, with a region selector and the
 * international directory always underneath. Anyone can use it, signed in or not. With `mainFirst`
 * (the "Get help now" page) the region's main line comes first as one big button, then `intro`,
 * then the rest, so that on a small phone the call is on the first screen.
 */
export function CrisisResourcesView({ defaultRegion, headingLevel = 2, mainFirst = false, intro }: { defaultRegion: string; headingLevel?: 2 | 3; mainFirst?: boolean; intro?: ReactNode }) {
  const { t } = useTranslation();
  const selectId = useId();
  const [choice, setChoice] = useState<string | null>(null);
  const region = choice ?? defaultRegion;
  const { data, isPending, isError } = useCrisisResources(region);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const lineHeading = headingLevel === 2 ? 3 : 4;
  const known = Boolean(data?.region && data.regions.includes(data.region));
  const main = mainFirst && data && known ? mainLine(data.lines) : undefined;

  return (
    <div className="stack">
      {main && data?.region ? <MainLine line={main} emergency={data.lines.find((l) => l.kind === 'emergency')} region={data.region} pickerId={selectId} /> : null}
      {intro ? <p className="lead">{intro}</p> : null}
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
          {known && data.region ? (
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
