import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/status.js';
import { ApiError } from '../../lib/api.js';
import { useAcceptAgreement, useJoinGroup, type Group } from './api.js';

/**
 * The group agreement in full, then one explicit step: tick "I accept" and join (or accept the new
 * version). The version read is the version sent, so a change made meanwhile is caught by the server.
 */
export function AgreementPanel({ group }: { group: Group }) {
  const { t } = useTranslation();
  const checkId = useId();
  const [accepted, setAccepted] = useState(false);
  const join = useJoinGroup(group.id);
  const accept = useAcceptAgreement(group.id);
  const needsJoin = !group.me.member && !group.me.facilitator;
  const needsAccept = group.me.member && !group.me.agreementCurrent;
  const error = join.error ?? accept.error;
  const changedMeanwhile = error instanceof ApiError && (error.code === 'agreement_changed' || error.code === 'agreement_required');

  return (
    <section aria-labelledby="agreement-title" className="agreement">
      <h2 id="agreement-title">{t('groups.agreement.title')}</h2>
      <p className="meta muted">
        {t('groups.agreement.version', { version: group.agreement.version })}
        {group.me.agreementCurrent ? <span className="badge badge--ok">{t('groups.agreement.accepted')}</span> : null}
      </p>
      <div className="agreement__text prose">
        {group.agreement.text.split(/\n{2,}/).map((para, i) => (
          <p key={i}>{para}</p>
        ))}
      </div>
      {needsAccept ? <p className="notice notice--warn">{t('groups.agreement.changed')}</p> : null}
      {needsJoin || needsAccept ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!accepted) return;
            if (needsJoin) join.mutate(group.agreement.version, { onError: () => setAccepted(false) });
            else accept.mutate(group.agreement.version, { onError: () => setAccepted(false) });
          }}
          noValidate
        >
          {changedMeanwhile ? <ErrorNotice>{<p>{t('groups.agreement.changedMeanwhile')}</p>}</ErrorNotice> : <ErrorNotice error={error} />}
          {needsJoin && group.full ? <p className="notice">{t('groups.agreement.full')}</p> : null}
          <div className="check">
            <input type="checkbox" id={checkId} checked={accepted} onChange={(e) => setAccepted(e.target.checked)} />
            <label htmlFor={checkId}>{t('groups.agreement.accept', { version: group.agreement.version })}</label>
          </div>
          <div className="button-row">
            <button type="submit" className="button" disabled={!accepted || join.isPending || accept.isPending || (needsJoin && group.full)}>
              {needsJoin ? t('groups.agreement.join') : t('groups.agreement.acceptNew')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
