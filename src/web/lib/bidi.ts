/** Direction embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * Someone's words without direction controls, for places where they share a line of plain text
 * with other words: every value i18next interpolates (lib/i18n.ts), an <option>. There, a
 * right-to-left override (U+202E) could turn the words after it around. In markup, give such text
 * its own element (<bdi>) instead.
 */
export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}
