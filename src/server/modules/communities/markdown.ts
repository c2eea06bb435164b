import MarkdownIt from 'markdown-it';

/**
 * The one Markdown renderer for community text. Guarantees: no raw HTML (escaped), no images
 * (they would make the reader's browser fetch a third party), links only to http, https and
 * mailto, and every link opens outside Kindred marked nofollow ugc noopener noreferrer.
 */
const md = new MarkdownIt('default', { html: false, linkify: true, typographer: false, breaks: true });
md.disable(['image']);

const SAFE_LINK = /^(https?:|mailto:)/i;
md.validateLink = (url: string) => SAFE_LINK.test(url.trim());

md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx]!;
  token.attrSet('rel', 'nofollow ugc noopener noreferrer');
  token.attrSet('target', '_blank');
  return self.renderToken(tokens, idx, options);
};

export interface RenderedMarkdown {
  html: string;
  /** Plain text of what a reader sees, for search and snippets (control characters removed). */
  text: string;
}

// Control characters would collide with the search highlighter's markers.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

export function renderMarkdown(source: string): RenderedMarkdown {
  const clean = source.replace(CONTROL, '');
  // Parsed once: the HTML and the plain text come from the same tokens (\`md.render\` is exactly
  // \`renderer.render(parse(src, env), options, env)\`; parsing twice was half of Markdown's cost).
  const env = {};
  const tokens = md.parse(clean, env);
  const html = md.renderer.render(tokens, md.options, env);
  const parts: string[] = [];
  for (const token of tokens) {
    if (token.type === 'inline' && token.children) {
      parts.push(token.children.filter((c) => c.type === 'text' || c.type === 'code_inline').map((c) => c.content).join(''));
    } else if (token.type === 'code_block' || token.type === 'fence') {
      parts.push(token.content);
    }
  }
  return { html, text: parts.join('\n').replace(CONTROL, '').trim() };
}

/** Handles mentioned as @handle in Markdown source (lower-cased, at most 10). */
export function mentionedHandles(source: string): string[] {
  const out = new Set<string>();
  for (const m of source.matchAll(/(^|[^\w@/])@([A-Za-z0-9_.-]{3,24})/g)) {
    out.add(m[2]!.replace(/[.-]+$/, '').toLowerCase());
    if (out.size >= 10) break;
  }
  return [...out];
}
