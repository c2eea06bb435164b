/**
 * Hostile text for the XSS test (e2e/xss.e2e.ts). Every payload that could run script calls
 * `__xss('<id>')` (the test defines it and fails on any call); many also try `alert`, which the test
 * catches as a dialog. Payloads are short (most fit a 60-character name) so that every field,
 * however small, can carry some of them; longer fields carry many at once (see `pack`).
 */
export interface Payload {
  id: string;
  text: string;
}

/** Direction overrides, isolates and marks that could make text read differently from how it is stored. */
export const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

export const XSS_CORPUS: readonly Payload[] = [
  // Direction overrides and invisible characters, first: so the first value of every field has
  // some, and a page that names just one object (a notification, a heading) still meets them.
  { id: 'bidi-rlo', text: 'Invoice \u202Egnp.exe\u202C done' },
  { id: 'bidi-rlo-open', text: '\u202Ereversed until the end' },
  { id: 'bidi-isolate-open', text: '\u2067isolate left open' },
  { id: 'bidi-lre-pop', text: 'a\u202Ab\u202Bc\u202Dd\u202C' },
  { id: 'zero-width', text: 'zero\u200Bwidth\u200Cjoin\u200Dtext\uFEFFhere\u2060' },
  // Raw HTML: tags and event handlers.
  { id: 'script', text: '<script>__xss("script")</script>' },
  { id: 'img-onerror', text: '<img src=x onerror=__xss("img")>' },
  { id: 'svg-onload', text: '<svg onload=__xss("svg")>' },
  { id: 'svg-script', text: '<svg><script>__xss("svgs")</script></svg>' },
  { id: 'details-ontoggle', text: '<details open ontoggle=__xss("det")>' },
  { id: 'custom-onclick', text: '<x onclick=__xss("x")>tap me</x>' },
  { id: 'iframe-js', text: '<iframe src=javascript:__xss("ifr")>' },
  { id: 'iframe-srcdoc', text: '<iframe srcdoc="<script>parent.__xss(1)</script>">' },
  { id: 'object', text: '<object data=javascript:__xss("obj")>' },
  { id: 'form-action', text: '<form action=javascript:__xss("f")><button>go' },
  { id: 'base', text: '<base href="javascript:__xss(\'base\')//">' },
  { id: 'meta-refresh', text: '<meta http-equiv=refresh content="0;url=javascript:alert(1)">' },
  { id: 'a-js', text: '<a href="javascript:__xss(\'a\')">open</a>' },
  { id: 'a-entity', text: '<a href="&#106;avascript:alert(1)">open</a>' },
  { id: 'mathml', text: '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>' },
  // Styles that once ran script.
  { id: 'style-expression', text: '<p style="x:expression(__xss(\'css\'))">' },
  { id: 'style-import', text: '<style>@import "javascript:alert(1)";</style>' },
  // Breaking out of comments, CDATA and attributes.
  { id: 'comment', text: '--><img src=x onerror=__xss("cmt")><!--' },
  { id: 'cdata', text: '<![CDATA[><img src=x onerror=alert(1)>]]>' },
  { id: 'attr-double', text: '"><img src=x onerror=__xss("q2")>' },
  { id: 'attr-single', text: "' onmouseover='__xss(1)' x='" },
  { id: 'attr-backtick', text: '`><svg onload=alert(1)>' },
  // Links in Markdown and as plain text.
  { id: 'md-js', text: '[click me](javascript:__xss("md"))' },
  { id: 'md-js-case', text: '[x](JaVaScRiPt:alert(1))' },
  { id: 'md-js-space', text: '[x]( javascript:alert(1) )' },
  { id: 'md-js-encoded', text: '[x](jav&#x61;script:alert(1))' },
  { id: 'md-js-escaped', text: '[x](java\\script:alert(1))' },
  { id: 'md-data', text: '[x](data:text/html,<script>alert(1)</script>)' },
  { id: 'md-vbscript', text: '[x](vbscript:msgbox(1))' },
  { id: 'md-reference', text: '[see this][r1]\n\n[r1]: javascript:__xss("ref")' },
  { id: 'md-autolink', text: '<javascript:__xss("auto")>' },
  { id: 'md-title-breakout', text: '[x](https://example.org "a\\" onmouseover=alert(1))' },
  { id: 'md-image', text: '![x](javascript:alert(1))' },
  { id: 'md-image-onerror', text: '![x](x" onerror="__xss(\'mi\'))' },
  { id: 'md-html-link', text: '[<img src=x onerror=alert(1)>](https://example.org)' },
  { id: 'linkify-breakout', text: 'https://example.org/"onmouseover="alert(1)' },
  { id: 'plain-js', text: 'javascript:__xss("plain")' },
  // Template and interpolation syntax (React, Angular-style, i18next).
  { id: 'template', text: "{{constructor.constructor('__xss(1)')()}}" },
  { id: 'i18next', text: '$t(nav.signOut) {{count}} {{- html}}' },
  { id: 'template-literal', text: '${__xss("tpl")}' },
];

/** The literal text the test looks for to know a field's hostile content is on screen. */
export const VISIBLE_MARK = 'onerror=__xss("img")';

/**
 * The corpus packed into as few strings of at most `max` characters as it takes, each string
 * carrying whole payloads separated by `separator`. Payloads longer than `max` are left out of
 * that field (none is longer than 64 characters). `multiline` fields get blank lines between
 * payloads, so each Markdown payload stands in its own paragraph.
 */
export function pack(max: number, opts: { multiline?: boolean; only?: readonly Payload[] } = {}): string[] {
  const separator = opts.multiline ? '\n\n' : ' ';
  const out: string[] = [];
  let current = '';
  for (const { text } of opts.only ?? XSS_CORPUS) {
    // Single-line fields get the one multi-line payload on one line.
    const value = opts.multiline ? text : text.replace(/\n+/g, ' ');
    if (value.length > max) continue;
    const next = current ? `${current}${separator}${value}` : value;
    if (next.length <= max) current = next;
    else {
      out.push(current);
      current = value;
    }
  }
  if (current) out.push(current);
  return out;
}

/** The whole corpus in one text, for fields of a few thousand characters. */
export function everything(): string {
  return pack(100_000, { multiline: true })[0]!;
}
