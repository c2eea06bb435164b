import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../lib/api.js';
import { formatDateTime, i18n } from '../lib/i18n.js';
import { ErrorNotice } from './status.js';

const rendered = (error: unknown) => renderToString(createElement(I18nextProvider, { i18n }, createElement(ErrorNotice, { error })));

describe('ErrorNotice', () => {
  it('tells a suspended member when they may post again, in their own time, wherever the refusal came from (community, library)', () => {
    const until = '2026-12-01T09:30:00.000Z';
    const html = rendered(new ApiError(403, 'suspended', `You cannot post in the community until ${until}.`, [], { until }));
    expect(html).toContain('paused your posting and sharing until');
    expect(html).toContain(formatDateTime(until));
    // Not the raw timestamp the server's message carries.
    expect(html).not.toContain(until);
  });

  it("shows the server's own message for other refusals", () => {
    expect(rendered(new ApiError(403, 'forbidden', 'You cannot do that here.'))).toContain('You cannot do that here.');
  });
});
