import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SafetyNotice } from '../../../contracts/accounts.js';
import { dialable, mainLine, useCrisisResources } from './api.js';
import { CrisisLineCard } from './crisis-resources.js';

/**
 * Shown at once when something a person wrote suggests they may be at risk. Warm and calm, never
 * blocking: one clear first step, the region's main crisis line as a big link, a peer supporter,
 * and the other resources one click away. Focus moves here so the message is read first.
 */
export function CrisisResponsePanel({
  notice,
  region,
  onDismiss,
  peerSupport = true,
}: {
  notice: SafetyNotice;
  region: string;
  onDismiss?(): void;
  /** Whether to offer a peer supporter: not to a person whose account was just deleted (no account to talk from: ADR 061). */
  peerSupport?: boolean;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const ref = useRef<HTMLElement>(null);
  const { data } = useCrisisResources(region);
  const lines = data?.lines ?? [];
  const main = mainLine(lines);
  const emergency = lines.find((l) => l.kind === 'emergency');
  const others = [...lines.filter((l) => l !== main), ...(data?.directory ?? [])];

  // Focus comes here when a notice arrives, once: keyed by what the person sees of it (its level and
  // headline), not by the object, which a parent may build again on any render (a keystroke in a draft).
  useEffect(() => {
    ref.current?.focus();
  }, [notice.level, notice.headline]);

  return (
    <section className="crisis-panel" aria-labelledby={headingId} tabIndex={-1} ref={ref}>
      <h2 id={headingId}>{notice.headline}</h2>
      <p className="lead">{notice.firstStep}</p>
      {main ? (
        <p>
          {main.phone ? (
            <a className="button button--help button--big" href={`tel:${dialable(main.phone)}`}>
              {t('crisis.mainLine', { name: main.name, number: main.phone })}
            </a>
          ) : main.sms ? (
            <a className="button button--help button--big" href={`sms:${dialable(main.sms)}`}>
              {t('crisis.mainText', { name: main.name, number: main.sms })}
            </a>
          ) : null}
        </p>
      ) : null}
      {emergency && emergency !== main && emergency.phone ? (
        <p>
          <a href={`tel:${dialable(emergency.phone)}`}>{t('crisis.emergency', { number: emergency.phone })}</a>
        </p>
      ) : null}
      {peerSupport ? (
        <p>
          <Link className="button button--secondary" to="/support">
            {t('crisis.talkToPeer')}
          </Link>
        </p>
      ) : null}
      {notice.held ? (
        <div className="notice">
          <p>{t('crisis.held')}</p>
          {notice.heldReason ? <p>{t('crisis.heldReasonLabel', { reason: notice.heldReason })}</p> : null}
        </div>
      ) : null}
      {notice.helperGuidance ? (
        <div className="notice">
          <h3>{t('crisis.forSomeoneElse')}</h3>
          <p>{notice.helperGuidance}</p>
        </div>
      ) : null}
      {others.length > 0 ? (
        <details>
          <summary>{t('crisis.moreHelp')}</summary>
          <p className="muted">{t('app.notEmergency')}</p>
          <ul className="plain-list">
            {others.map((line) => (
              <li key={line.id}>
                <CrisisLineCard line={line} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {onDismiss ? (
        <div className="button-row">
          <button type="button" className="button button--secondary button--small" onClick={onDismiss}>
            {t('crisis.dismiss')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
