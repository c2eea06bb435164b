import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api.js';

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p role="status" className="muted">
      {label ?? t('app.loading')}
    </p>
  );
}

/** A form's or a request's error, announced at once. */
export function ErrorNotice({ error, children }: { error?: unknown; children?: ReactNode }) {
  const { t } = useTranslation();
  if (!error && !children) return null;
  // With field errors, each field says what is wrong beside it; the summary only points there.
  const message =
    error instanceof ApiError && error.fields.length > 0 ? t('common.fixErrors') : error instanceof Error ? error.message : null;
  return (
    <div className="notice notice--error" role="alert">
      {children ?? <p>{message}</p>}
    </div>
  );
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
