import { renderMarkdown } from '../communities/markdown.js';

/**
 * A lesson as the module page shows it: the community's safe Markdown (no raw HTML, no images,
 * safe links), without a first heading that repeats the module's title (the page's h1 says it),
 * and with its headings moved down so the highest is an h3 under the page's "Lesson" h2 — one h1
 * per page and no skipped levels for screen reader users.
 */
export function renderLesson(markdown: string, title: string): string {
  const lines = markdown.split(/\r?\n/);
  const first = lines.findIndex((l) => l.trim() !== '');
  const heading = first >= 0 ? /^#\s+(.*?)\s*#*\s*$/.exec(lines[first]!) : null;
  const source = heading && heading[1]!.trim() === title.trim() ? lines.slice(first + 1).join('\n') : markdown;
  const html = renderMarkdown(source).html;
  // With raw HTML off, every <hN> tag in the output is one the renderer made.
  const levels = [...html.matchAll(/<h([1-6])>/g)].map((m) => Number(m[1]));
  if (levels.length === 0) return html;
  const shift = 3 - Math.min(...levels);
  return html.replace(/<(\/?)h([1-6])>/g, (_m, slash: string, n: string) => `<${slash}h${Math.min(6, Math.max(1, Number(n) + shift))}>`);
}
