import { i18n } from '../../lib/i18n.js';

/** "15 January 2027": a certificate's dates, in the reader's language and time zone. */
export function formatDay(iso: string): string {
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(new Date(iso));
}
