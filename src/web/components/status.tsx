import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, GONE_MEANWHILE_CODE, HELD_BY_SAFETY_CODE } from '../lib/api.js';
import { formatDateTime } from '../lib/i18n.js';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p role="status" className="muted">
      {label ?? t('app.loading')}
    </p>
  );
}

/** Loaded only when needed: it reads the notice through its contract (zod stays out of the first page). */
const GoneMeanwhileCrisis = lazy(() => import('./gone-meanwhile-crisis.js'));

/** The refusals whose `details.safety` is the writer's crisis response, shown under the error. */
const CRISIS_CARRYING: ReadonlySet<string> = new Set([GONE_MEANWHILE_CODE, HELD_BY_SAFETY_CODE]);

/**
 * A form's or a request's error, announced at once. A write refused because something it named was
 * deleted meanwhile (409 `gone_meanwhile`, ADR 061), or because its words cannot be saved as written
 * (422 `held_by_safety`: a moderator's note with method detail, ADR 064), also shows, where the person
 * wrote, the crisis response its words called for: they are still here and their draft is still in the form.
 */
export function ErrorNotice({ error, children }: { error?: unknown; children?: ReactNode }) {
  const { t } = useTranslation();
  if (!error && !children) return null;
  // With field errors, each field says what is wrong beside it; the summary only points there.
  const message =
    error instanceof ApiError && error.fields.length > 0
      ? t('common.fixErrors')
      : suspendedUntil(error)
        ? t('common.suspendedUntil', { until: formatDateTime(suspendedUntil(error)!) })
        : error instanceof Error
          ? error.message
          : null;
  const crisis = error instanceof ApiError && CRISIS_CARRYING.has(error.code) && error.details['safety'] ? error : null;
  const notice = (
    <div className="notice notice--error" role="alert">
      {children ?? <p>{message}</p>}
    </div>
  );
  if (!crisis) return notice;
  return (
    <>
      {notice}
      <Suspense fallback={null}>
        <GoneMeanwhileCrisis error={crisis} />
      </Suspense>
    </>
  );
}

/** The end of a suspension the server refused a post for (403 `suspended`, anywhere a member shares writing), shown in the reader's own time. */
function suspendedUntil(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.code !== 'suspended') return undefined;
  return typeof error.details.until === 'string' ? error.details.until : undefined;
}

/** A calm confirmation, read out politely. */
export function SuccessNotice({ children }: { children: ReactNode }) {
  return (
    <div className="notice notice--success" role="status">
      <p>{children}</p>
    </div>
  );
}

/**
 * The server's message for a field. Server messages are predicates ("must be at least 10
 * characters"), so they follow a short subject: "Your password must be at least 10 characters".
 * Without a subject the message stands alone, capitalised.
 */
export function fieldError(error: unknown, path: string, subject?: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const msg = error.field(path);
  if (!msg) return undefined;
  return subject ? `${subject} ${msg}` : msg.charAt(0).toUpperCase() + msg.slice(1);
}
