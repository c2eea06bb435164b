import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextAreaField } from '../../components/fields.js';
import { ErrorNotice, fieldError, SuccessNotice } from '../../components/status.js';
import { ApiError } from '../../lib/api.js';
import { useAcceptAgreement, useJoinGroup, useProgram, useUpdateAgreement, type Group } from './api.js';

/**
 * Facilitators and program leads change the agreement here. Saving a changed text makes a new
 * version on the server, and every member must accept it again before taking part.
 */
function AgreementEditor({ group }: { group: Group }) {
  const { t } = useTranslation();
  const update = useUpdateAgreement(group.id);
  const [text, setText] = useState<string | null>(null);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const value = text ?? group.agreement.text;
  const unchanged = value.trim() === group.agreement.text.trim();
  return (
    <details className="agreement__edit">
      <summary>{t('groups.agreement.editSummary')}</summary>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (unchanged) return;
          update.mutate(value.trim(), {
            onSuccess: (g) => {
              setSavedVersion(g.agreement.version);
              setText(null);
            },
          });
        }}
      >
        {savedVersion !== null && !update.isPending ? <SuccessNotice>{t('groups.agreement.saved', { version: savedVersion })}</SuccessNotice> : null}
        <ErrorNotice error={update.error} />
        <TextAreaField
          label={t('groups.agreement.editLabel')}
          hint={t('groups.agreement.editHint', { version: group.agreement.version + 1 })}
          rows={10}
          maxLength={8000}
          value={value}
          onChange={(e) => setText(e.target.value)}
          error={fieldError(update.error, 'agreement', t('groups.subjects.agreement'))}
        />
        <div className="button-row">
          <button type="submit" className="button" disabled={update.isPending || unchanged}>
            {t('groups.agreement.save', { version: group.agreement.version + 1 })}
          </button>
        </div>
      </form>
    </details>
  );
}

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
  // Only program members may join (the server refuses anyone else): staff and admins who read the
  // group without belonging to its program get no form that could only fail.
  const { data: program } = useProgram(group.programId);
  const needsJoin = !group.me.member && !group.me.facilitator && program?.membership === 'member';
  const needsAccept = group.me.member && !group.me.agreementCurrent;
  const canEdit = group.me.facilitator || !!program?.canManage;
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
      {canEdit ? <AgreementEditor group={group} /> : null}
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
