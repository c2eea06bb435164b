/**
 * The start of a text as one line: whitespace collapsed, cut at a word where it can be, with an
 * ellipsis when anything was left out. Counts code points, so an emoji is never cut in half.
 * `alreadyCut`: the caller read only the start of the text (SQL `substr`), so an ellipsis is due
 * even when what it read fits.
 */
export function excerptOf(text: string, max: number, alreadyCut = false): string {
  const flat = Array.from(text.replace(/\s+/g, ' ').trim());
  if (flat.length <= max && !alreadyCut) return flat.join('');
  const cut = flat.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > cut.length / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
