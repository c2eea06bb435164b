import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.js';

describe('renderMarkdown (one parse for the HTML and the text, ADR 031)', () => {
  it('renders safely and gives the plain text a reader sees', () => {
    const r = renderMarkdown('Hello **there**\nsecond line <b>raw</b>\n\n- see [the guide](https://example.org/guide)\n- `code` here\n\n![img](https://example.org/x.png)\n\n    indented code\n');
    expect(r.html).toBe(
      '<p>Hello <strong>there</strong><br>\nsecond line &lt;b&gt;raw&lt;/b&gt;</p>\n' +
        '<ul>\n<li>see <a href="https://example.org/guide" rel="nofollow ugc noopener noreferrer" target="_blank">the guide</a></li>\n<li><code>code</code> here</li>\n</ul>\n' +
        // Images are off: the link stays a link, marked as one.
        '<p>!<a href="https://example.org/x.png" rel="nofollow ugc noopener noreferrer" target="_blank">img</a></p>\n' +
        '<pre><code>indented code\n</code></pre>\n',
    );
    expect(r.text).toBe('Hello theresecond line <b>raw</b>\nsee the guide\ncode here\n!img\nindented code');
  });

  it('drops unsafe links and control characters', () => {
    const r = renderMarkdown('[click](javascript:alert(1)) and a\u0007bell');
    expect(r.html).toBe('<p>[click](javascript:alert(1)) and abell</p>\n');
    expect(r.text).toBe('[click](javascript:alert(1)) and abell');
  });
});
