import type { ReactNode } from 'react';
import type { Highlighted } from './api.js';

/** Plain text with the server's match ranges wrapped in <mark>. Never HTML: React escapes the text. */
export function HighlightedText({ value }: { value: Highlighted }) {
  const parts: ReactNode[] = [];
  let at = 0;
  const ranges = [...value.ranges].sort((a, b) => a[0] - b[0]);
  for (const [start, end] of ranges) {
    if (start < at || end <= start || end > value.text.length) continue;
    if (start > at) parts.push(value.text.slice(at, start));
    parts.push(<mark key={start}>{value.text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < value.text.length) parts.push(value.text.slice(at));
  return <>{parts}</>;
}
