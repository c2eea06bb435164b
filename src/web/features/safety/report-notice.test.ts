import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { SafetyNotice } from '../../../contracts/safety.js';
import { i18n } from '../../lib/i18n.js';
import { ReportNotice } from './report-notice.js';

// After a report (a post's or a group message's), the note's notice from the server: the crisis
// response at level 2 and up, nothing for a calm note or none.
const notice = (level: number, show: boolean) =>
  SafetyNotice.parse({ level, showCrisisResponse: show, headline: 'It sounds like things are really heavy right now.', firstStep: 'A crisis line is there any time.', helperGuidance: null, held: false, heldReason: null, region: 'GB', resources: [] });

function render(n: SafetyNotice | null): string {
  return renderToString(
    createElement(QueryClientProvider, { client: new QueryClient() }, createElement(MemoryRouter, null, createElement(I18nextProvider, { i18n }, createElement(ReportNotice, { notice: n })))),
  );
}

describe('the notice after a report', () => {
  it('shows the crisis response when the note screened at level 2 or above', () => {
    const html = render(notice(2, true));
    expect(html).toContain('It sounds like things are really heavy right now.');
    expect(html).toContain('A crisis line is there any time.');
  });
  it('shows nothing for a calm note or a report without one', () => {
    expect(render(notice(0, false))).toBe('');
    expect(render(null)).toBe('');
  });
});
