import { describe, expect, it } from 'vitest';
import { renderLesson } from './lesson.js';

describe('renderLesson', () => {
  it('drops a first heading that repeats the title and starts the rest at h3', () => {
    const html = renderLesson('# Listening first\n\nHear first.\n\n## Reflecting back\n\nSay it back.\n\n### In writing\n', 'Listening first');
    expect(html).not.toContain('Listening first');
    expect(html).toContain('<h3>Reflecting back</h3>');
    expect(html).toContain('<h4>In writing</h4>');
    expect(html).not.toMatch(/<h[12]>/);
  });

  it('keeps a first heading that says something else, moved down to h3', () => {
    expect(renderLesson('# Before you start\n\nText.', 'Listening first')).toBe('<h3>Before you start</h3>\n<p>Text.</p>\n');
  });

  it('stays safe: raw HTML escaped, no images, only safe links', () => {
    const html = renderLesson('<script>alert(1)</script>\n\n![x](https://example.org/x.png) [a](javascript:alert(1)) [b](https://example.org)', 'T');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('href="https://example.org"');
  });
});
