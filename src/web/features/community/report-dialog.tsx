import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Dialog } from '../../components/dialog.js';
import { ErrorNotice, fieldError, SuccessNotice } from '../../components/status.js';
import { ReportNotice } from '../safety/report-notice.js';
import { LIMITS, REPORT_REASONS, useReport, type PostView, type ReportReason } from './api.js';

/** Report a post: a reason (radio group) and an optional note. The author is never told who reported. */
export function ReportDialog({ post, onClose }: { post: PostView | null; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={!!post} onClose={onClose} title={t('community.report.title')} closeLabel={t('community.report.close')}>
      {post ? <ReportForm key={post.id} post={post} /> : null}
    </Dialog>
  );
}

function ReportForm({ post }: { post: PostView }) {
  const { t } = useTranslation();
  const report = useReport();
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [note, setNote] = useState('');
  const noteId = useId();
  const [missing, setMissing] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason) {
      setMissing(true);
      return;
    }
    report.mutate({ postId: post.id, reason, ...(note.trim() ? { note: note.trim() } : {}) });
  };
  if (report.isSuccess) {
    return (
      <>
        <SuccessNotice>{t('community.report.sent')}</SuccessNotice>
        <ReportNotice notice={report.data.notice} />
        <p>
          <Link to="/community/reports">{t('community.report.seeReports')}</Link>
        </p>
      </>
    );
  }
  return (
    <form onSubmit={submit} noValidate>
      <p>{t('community.report.intro')}</p>
      <ErrorNotice error={report.error} />
      <fieldset aria-invalid={missing && !reason ? true : undefined}>
        <legend>{t('community.report.reason')}</legend>
        {missing && !reason ? <p className="field__error">{t('community.report.reasonRequired')}</p> : null}
        {REPORT_REASONS.map((r) => (
          <div className="check" key={r}>
            <input type="radio" name="report-reason" id={`${noteId}-${r}`} value={r} checked={reason === r} onChange={() => setReason(r)} />
            <label htmlFor={`${noteId}-${r}`}>{t(`community.reportReasons.${r}`)}</label>
          </div>
        ))}
      </fieldset>
      {reason === 'self_harm_risk' ? <p className="notice notice--warn">{t('community.report.worried')}</p> : null}
      <div className="field">
        <label htmlFor={noteId}>{t('community.report.note')}</label>
        <textarea id={noteId} value={note} maxLength={LIMITS.noteMax} onChange={(e) => setNote(e.target.value)} />
        {fieldError(report.error, 'note') ? <span className="field__error">{fieldError(report.error, 'note')}</span> : null}
      </div>
      <div className="button-row">
        <button type="submit" className="button" disabled={report.isPending}>
          {report.isPending ? t('community.report.sending') : t('community.report.submit')}
        </button>
      </div>
    </form>
  );
}
