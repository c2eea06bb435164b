import { formatDateTime, formatRelative } from '../lib/i18n.js';

/** "3 hours ago", with the exact time for machines (dateTime) and on hover (title). */
export function RelativeTime({ iso, template }: { iso: string; template?: (relative: string) => string }) {
  const relative = formatRelative(iso);
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {template ? template(relative) : relative}
    </time>
  );
}
