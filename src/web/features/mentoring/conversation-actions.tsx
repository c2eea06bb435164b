import { useCallback, useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/dialog.js';
import { CheckboxField, SelectField, TextAreaField } from '../../components/fields.js';
import { ErrorNotice, fieldError, SuccessNotice } from '../../components/status.js';
import { formatDateTime } from '../../lib/i18n.js';
import {
  useAnswerHandover,
  useBlock,
  useConsentHandover,
  useEndMentorship,
  useProposeHandover,
  useReportMentorship,
  useSupervisorConsent,
  useSupporters,
  useSwitchSupporter,
  type EndResultView,
  type MentorshipView,
  type SafetyNotice,
  type SwitchResultView,
} from './api.js';
import { LIMITS, REPORT_REASONS, type MentoringReportReason } from './model.js';

const orNull = (s: string) => (s.trim() ? s.trim() : null);

function useDialog() {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  return { open, show: () => setOpen(true), close };
}

// ── end ──────────────────────────────────────────────────────────────────────
function EndForm({ mentorship, otherHandle, onEnded }: { mentorship: MentorshipView; otherHandle: string; onEnded(r: EndResultView): void }) {
  const { t } = useTranslation();
  const end = useEndMentorship(mentorship.id);
  const [message, setMessage] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    end.mutate(orNull(message), { onSuccess: onEnded });
  };
  return (
    <form onSubmit={submit} noValidate>
      <p>{t(mentorship.role === 'member' ? 'mentoring.end.introMember' : 'mentoring.end.introSupporter', { handle: otherHandle })}</p>
      <ErrorNotice error={end.error} />
      <TextAreaField
        label={t('mentoring.end.closing')}
        hint={t('mentoring.end.closingHint', { handle: otherHandle })}
        error={fieldError(end.error, 'closingMessage', t('mentoring.subjects.text'))}
        rows={4}
        maxLength={LIMITS.closingMessageMax}
        value={message}
        onChange={(e) => setMessage(e.target.value)}
      />
      <div className="button-row">
        <button type="submit" className="button" disabled={end.isPending}>
          {end.isPending ? t('mentoring.end.ending') : t('mentoring.end.submit')}
        </button>
      </div>
    </form>
  );
}

// ── switch (member) ──────────────────────────────────────────────────────────
function SwitchForm({ mentorship, otherHandle, onSwitched }: { mentorship: MentorshipView; otherHandle: string; onSwitched(r: SwitchResultView): void }) {
  const { t } = useTranslation();
  const sw = useSwitchSupporter(mentorship.id);
  return (
    <div>
      <p>{t('mentoring.switch.intro', { handle: otherHandle })}</p>
      <ErrorNotice error={sw.error} />
      <div className="button-row">
        <button type="button" className="button" disabled={sw.isPending} onClick={() => sw.mutate(undefined, { onSuccess: onSwitched })}>
          {sw.isPending ? t('mentoring.switch.switching') : t('mentoring.switch.submit')}
        </button>
      </div>
    </div>
  );
}

// ── report and block (both sides) ────────────────────────────────────────────
function ReportForm({ mentorship, otherId, otherHandle, onDone }: { mentorship: MentorshipView; otherId: string | null; otherHandle: string; onDone(notice: SafetyNotice | null): void }) {
  const { t } = useTranslation();
  const report = useReportMentorship(mentorship.id);
  const block = useBlock();
  const id = useId();
  const [reason, setReason] = useState<MentoringReportReason | null>(null);
  const [note, setNote] = useState('');
  const [alsoBlock, setAlsoBlock] = useState(false);
  const [missing, setMissing] = useState(false);
  const [done, setDone] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason) {
      setMissing(true);
      return;
    }
    report.mutate(
      { reason, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: (r) => {
          const finish = () => {
            setDone(true);
            onDone(r.notice);
          };
          if (alsoBlock && otherId) block.mutate(otherId, { onSuccess: finish });
          else finish();
        },
      },
    );
  };
  if (done) return <SuccessNotice>{alsoBlock ? t('mentoring.report.sentBlocked', { handle: otherHandle }) : t('mentoring.report.sent')}</SuccessNotice>;
  return (
    <form onSubmit={submit} noValidate>
      <p>{t('mentoring.report.intro', { handle: otherHandle })}</p>
      <ErrorNotice error={report.error ?? block.error} />
      <fieldset aria-invalid={missing && !reason ? true : undefined}>
        <legend>{t('mentoring.report.reason')}</legend>
        {missing && !reason ? <p className="field__error">{t('mentoring.report.reasonRequired')}</p> : null}
        {REPORT_REASONS.map((r) => (
          <div className="check" key={r}>
            <input type="radio" name={`${id}-reason`} id={`${id}-${r}`} checked={reason === r} onChange={() => setReason(r)} />
            <label htmlFor={`${id}-${r}`}>{t(`mentoring.report.reasons.${r}`)}</label>
          </div>
        ))}
      </fieldset>
      {reason === 'safety_concern' ? <p className="notice notice--warn">{t('mentoring.report.worried')}</p> : null}
      <TextAreaField
        label={t('mentoring.report.note')}
        error={fieldError(report.error, 'note', t('mentoring.subjects.text'))}
        rows={3}
        maxLength={LIMITS.reportNoteMax}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      {otherId ? (
        <CheckboxField
          label={t('mentoring.report.alsoBlock', { handle: otherHandle })}
          hint={t(mentorship.role === 'member' ? 'mentoring.report.blockHintMember' : 'mentoring.report.blockHintSupporter', { handle: otherHandle })}
          checked={alsoBlock}
          onChange={(e) => setAlsoBlock(e.target.checked)}
        />
      ) : null}
      <div className="button-row">
        <button type="submit" className="button" disabled={report.isPending || block.isPending}>
          {report.isPending || block.isPending ? t('mentoring.report.sending') : t('mentoring.report.submit')}
        </button>
      </div>
    </form>
  );
}

// ── handover ─────────────────────────────────────────────────────────────────
function HandoverForm({ mentorship, otherHandle, onDone }: { mentorship: MentorshipView; otherHandle: string; onDone(): void }) {
  const { t } = useTranslation();
  const supporters = useSupporters();
  const propose = useProposeHandover(mentorship.id);
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const colleagues = (supporters.data ?? []).filter((s) => s.id !== mentorship.member?.id);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    propose.mutate({ toSupporterId: to, note: note.trim() }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate>
      <p>{t('mentoring.handover.intro', { handle: otherHandle })}</p>
      <ErrorNotice error={propose.error ?? supporters.error} />
      <SelectField
        label={t('mentoring.handover.to')}
        hint={t('mentoring.handover.toHint')}
        error={fieldError(propose.error, 'toSupporterId')}
        value={to}
        onChange={(e) => setTo(e.target.value)}
      >
        <option value="">{t('mentoring.handover.choose')}</option>
        {colleagues.map((s) => (
          <option key={s.id} value={s.id} disabled={!s.hasCapacity}>
            {s.hasCapacity ? s.handle : t('mentoring.handover.full', { handle: s.handle })}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label={t('mentoring.handover.note')}
        hint={t('mentoring.handover.noteHint', { handle: otherHandle })}
        error={fieldError(propose.error, 'note', t('mentoring.subjects.text'))}
        rows={4}
        maxLength={LIMITS.handoverNoteMax}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <div className="button-row">
        <button type="submit" className="button" disabled={propose.isPending || !to || !note.trim()}>
          {propose.isPending ? t('mentoring.handover.proposing') : t('mentoring.handover.submit')}
        </button>
      </div>
    </form>
  );
}

/** Where a handover stands, and the answer each side can give now. */
export function HandoverPanel({ mentorship }: { mentorship: MentorshipView }) {
  const { t } = useTranslation();
  const answer = useAnswerHandover();
  const consent = useConsentHandover();
  const h = mentorship.handover;
  if (!h || !['proposed', 'accepted_by_supporter'].includes(h.status)) return null;
  const from = h.fromSupporter?.handle ?? t('mentoring.someoneGone');
  const to = h.toSupporter?.handle ?? t('mentoring.someoneGone');
  const busy = answer.isPending || consent.isPending;
  let body: ReactNode = null;
  if (mentorship.role === 'member' && h.status === 'accepted_by_supporter') {
    body = (
      <>
        <p>{t('mentoring.handover.askMember', { from, to })}</p>
        {h.note ? <blockquote className="offer__topic"><p>{h.note}</p></blockquote> : null}
        <div className="button-row">
          <button type="button" className="button" disabled={busy} onClick={() => consent.mutate({ id: h.id, consent: true })}>
            {t('mentoring.handover.yes', { to })}
          </button>
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => consent.mutate({ id: h.id, consent: false })}>
            {t('mentoring.handover.no', { from })}
          </button>
        </div>
      </>
    );
  } else if (mentorship.role === 'supporter') {
    body = (
      <>
        <p>{t(h.status === 'proposed' ? 'mentoring.handover.waitingColleague' : 'mentoring.handover.waitingMember', { to })}</p>
        <div className="button-row">
          <button type="button" className="button button--secondary button--small" disabled={busy} onClick={() => answer.mutate({ id: h.id, action: 'cancel' })}>
            {t('mentoring.handover.cancel')}
          </button>
        </div>
      </>
    );
  } else if (mentorship.role === 'member') {
    body = <p>{t('mentoring.handover.memberProposed', { from, to })}</p>;
  }
  if (!body) return null;
  return (
    <section className="notice" aria-labelledby="handover-title">
      <h2 id="handover-title">{t('mentoring.handover.title')}</h2>
      <ErrorNotice error={answer.error ?? consent.error} />
      {body}
    </section>
  );
}

// ── supervisor consent (member) ──────────────────────────────────────────────
export function ConsentToggle({ mentorship }: { mentorship: MentorshipView }) {
  const { t } = useTranslation();
  const setConsent = useSupervisorConsent(mentorship.id);
  const grant = mentorship.supervisorAccess.find((g) => g.kind === 'consent' && g.active);
  // Shown at once and set in the same event: a mutation's pending state renders a tick later, and
  // React would meanwhile put the controlled checkbox back (see supervision/duty-toggle.tsx).
  const [wanted, setWanted] = useState<boolean | null>(null);
  const id = useId();
  return (
    <div className="field">
      <div className="check">
        <input
          type="checkbox"
          role="switch"
          id={id}
          aria-describedby={`${id}-hint`}
          checked={wanted ?? !!grant}
          onChange={(e) => {
            setWanted(e.target.checked);
            setConsent.mutate(e.target.checked, { onSettled: () => setWanted(null) });
          }}
        />
        <label htmlFor={id}>{t('mentoring.consent.label', { days: LIMITS.consentDaysDefault })}</label>
      </div>
      <span className="field__hint" id={`${id}-hint`}>
        {grant ? t('mentoring.consent.until', { when: formatDateTime(grant.expiresAt) }) : t('mentoring.consent.hint')}
      </span>
      <ErrorNotice error={setConsent.error} />
    </div>
  );
}

// ── the actions block ────────────────────────────────────────────────────────
/**
 * What either side can do with the mentorship: end it kindly, ask for someone else (member, no
 * reason asked), hand over (supporter), report and block (both).
 */
export function ConversationActions({
  mentorship,
  otherId,
  otherHandle,
  onEnded,
  onSwitched,
  onNotice,
}: {
  mentorship: MentorshipView;
  otherId: string | null;
  otherHandle: string;
  onEnded(r: EndResultView): void;
  onSwitched(r: SwitchResultView): void;
  /** A screened text (report note) asked for the crisis response. */
  onNotice(notice: SafetyNotice): void;
}) {
  const { t } = useTranslation();
  const end = useDialog();
  const sw = useDialog();
  const handover = useDialog();
  const report = useDialog();
  const [handoverSent, setHandoverSent] = useState(false);
  const isMember = mentorship.role === 'member';
  const active = mentorship.status === 'active';
  const handoverOpen = !!mentorship.handover && ['proposed', 'accepted_by_supporter'].includes(mentorship.handover.status);
  return (
    <section className="conversation__actions" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('mentoring.actions.title')}</h2>
      {handoverSent ? <SuccessNotice>{t('mentoring.handover.sent')}</SuccessNotice> : null}
      <div className="button-row">
        {active ? (
          <button type="button" className="button button--secondary" aria-haspopup="dialog" onClick={end.show}>
            {t('mentoring.end.open')}
          </button>
        ) : null}
        {active && isMember ? (
          <button type="button" className="button button--secondary" aria-haspopup="dialog" onClick={sw.show}>
            {t('mentoring.switch.open')}
          </button>
        ) : null}
        {active && !isMember && !handoverOpen ? (
          <button type="button" className="button button--secondary" aria-haspopup="dialog" onClick={handover.show}>
            {t('mentoring.handover.open')}
          </button>
        ) : null}
        <button type="button" className="button button--secondary" aria-haspopup="dialog" onClick={report.show}>
          {t('mentoring.report.open')}
        </button>
      </div>
      <Dialog open={end.open} onClose={end.close} title={t('mentoring.end.title')} closeLabel={t('mentoring.close')}>
        <EndForm
          mentorship={mentorship}
          otherHandle={otherHandle}
          onEnded={(r) => {
            end.close();
            onEnded(r);
          }}
        />
      </Dialog>
      <Dialog open={sw.open} onClose={sw.close} title={t('mentoring.switch.title')} closeLabel={t('mentoring.close')}>
        <SwitchForm mentorship={mentorship} otherHandle={otherHandle} onSwitched={onSwitched} />
      </Dialog>
      <Dialog open={handover.open} onClose={handover.close} title={t('mentoring.handover.dialogTitle')} closeLabel={t('mentoring.close')}>
        <HandoverForm
          mentorship={mentorship}
          otherHandle={otherHandle}
          onDone={() => {
            handover.close();
            setHandoverSent(true);
          }}
        />
      </Dialog>
      <Dialog open={report.open} onClose={report.close} title={t('mentoring.report.title')} closeLabel={t('mentoring.close')}>
        <ReportForm
          mentorship={mentorship}
          otherId={otherId}
          otherHandle={otherHandle}
          onDone={(notice) => {
            if (notice?.showCrisisResponse) {
              report.close();
              onNotice(notice);
            }
          }}
        />
      </Dialog>
    </section>
  );
}
