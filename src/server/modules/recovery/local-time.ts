/** Calendar dates and wall-clock times in a member's IANA zone (Intl only; pure). */

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string): Intl.DateTimeFormat {
  let f = dateFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    dateFormats.set(timeZone, f);
  }
  return f;
}

/** The local date (YYYY-MM-DD) and time (HH:mm) of an instant in a zone. */
export function localParts(at: Date, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(formatIn(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** A calendar date moved by whole days. */
export function addDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

/** Every date from `from` to `to`, inclusive. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/**
 * Instants that surely cover the local dates `from`…`to` in any zone (offsets stay within ±14 h):
 * rows are read in this window and then sorted into local days exactly.
 */
export function utcWindow(from: string, to: string): { fromIso: string; toIso: string } {
  const start = new Date(`${from}T00:00:00Z`).getTime() - 15 * 3_600_000;
  const end = new Date(`${addDays(to, 1)}T00:00:00Z`).getTime() + 15 * 3_600_000;
  return { fromIso: new Date(start).toISOString(), toIso: new Date(end).toISOString() };
}
