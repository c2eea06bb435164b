import { i18n } from '../../lib/i18n.js';

/** The reader's own zone, as the browser knows it. */
export function readerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** "Monday 9 March, 18:00 GMT" in the reader's own zone (daylight saving included: the instant is UTC). */
export function formatInReaderZone(iso: string): string {
  return new Intl.DateTimeFormat(i18n.language, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

export function formatTimeOnly(iso: string): string {
  return new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(new Date(iso));
}

/** The same instant on the group's clock, e.g. "18:00" for Europe/London. */
export function formatInZone(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(i18n.language, { weekday: 'short', hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso));
}

/** True when the group's zone shows a different wall-clock time from the reader's for this instant. */
export function zonesDiffer(iso: string, timeZone: string): boolean {
  const d = new Date(iso);
  const fmt = (tz?: string) => new Intl.DateTimeFormat('en-US', { dateStyle: 'short', timeStyle: 'short', ...(tz ? { timeZone: tz } : {}) }).format(d);
  return fmt() !== fmt(timeZone);
}

export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** The zones this browser knows, for a select; falls back to a short list on older engines. */
export function knownZones(): string[] {
  const withSupported = Intl as typeof Intl & { supportedValuesOf?: (k: string) => string[] };
  try {
    const zones = withSupported.supportedValuesOf?.('timeZone');
    if (zones && zones.length) return zones;
  } catch {
    // fall through
  }
  return ['UTC', 'Europe/London', 'Europe/Paris', 'America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Australia/Sydney', 'Asia/Tokyo'];
}
