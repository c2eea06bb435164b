import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../locales/en.js';
import { withoutBidiControls } from './bidi.js';

/** One catalog, one namespace. A new language is a new file in locales/ added to `resources`. */
export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en } },
  lng: 'en',
  fallbackLng: 'en',
  // React escapes HTML. The one escape here takes direction controls out of interpolated values:
  // they are people's words (names, titles, units) set inside our sentences, and an override in
  // one could turn the rest of the sentence around.
  interpolation: { escapeValue: true, escape: withoutBidiControls },
  returnNull: false,
  initAsync: false,
  showSupportNotice: false, // no promotional console output in a health app
});

/** The name of a region code in the reader's language, e.g. GB → "United Kingdom". */
export function regionName(code: string): string {
  try {
    return new Intl.DisplayNames([i18n.language], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The region of the browser's language (en-GB → GB), if any: worked out once (the frame asks on every render). */
let regionOfBrowser: string | null | undefined;
export function browserRegion(): string | null {
  if (regionOfBrowser === undefined) regionOfBrowser = findBrowserRegion();
  return regionOfBrowser;
}

function findBrowserRegion(): string | null {
  for (const tag of navigator.languages ?? [navigator.language]) {
    try {
      const region = new Intl.Locale(tag).maximize().region;
      if (region && /^[A-Z]{2}$/.test(region)) return region;
    } catch {
      // ignore malformed tags
    }
  }
  return null;
}

/**
 * One Intl formatter per language and options, made once: making one costs far more than using it
 * (a thread page shows a time on every post, and re-renders when anything on it changes).
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat>();
function formatter<F extends Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat>(
  Kind: new (locale: string, options: object) => F,
  options: Intl.DateTimeFormatOptions | Intl.RelativeTimeFormatOptions | Intl.NumberFormatOptions,
): F {
  const key = `${Kind.name}|${i18n.language}|${JSON.stringify(options)}`;
  let made = formatters.get(key) as F | undefined;
  if (!made) {
    made = new Kind(i18n.language, options);
    formatters.set(key, made);
  }
  return made;
}

export function formatDateTime(iso: string): string {
  return formatter(Intl.DateTimeFormat, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** "3 minutes ago" / "in 5 minutes", in the reader's language. */
export function formatRelative(iso: string, now = Date.now()): string {
  const diffS = Math.round((new Date(iso).getTime() - now) / 1000);
  const rtf = formatter(Intl.RelativeTimeFormat, { numeric: 'auto' });
  const abs = Math.abs(diffS);
  if (abs < 60) return rtf.format(diffS, 'second');
  if (abs < 3600) return rtf.format(Math.round(diffS / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(diffS / 3600), 'hour');
  return rtf.format(Math.round(diffS / 86400), 'day');
}

/** A span of time without direction: "12 min", "1 hr 5 min". */
export function formatDuration(ms: number): string {
  const totalMin = Math.max(0, Math.round(Math.abs(ms) / 60000));
  const h = Math.floor(totalMin / 60);
  const m = totalMin % 60;
  const nf = (n: number, unit: 'hour' | 'minute') =>
    formatter(Intl.NumberFormat, { style: 'unit', unit, unitDisplay: 'short' }).format(n);
  return h > 0 ? `${nf(h, 'hour')} ${nf(m, 'minute')}` : nf(m, 'minute');
}
