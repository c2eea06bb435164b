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

// ADR 061, amendment 2026-11-28: a write refused because something it named was deleted meanwhile.
// The server's side is tested in test/api/erased-account-writes.test.ts.
describe('ErrorNotice for a 409 gone_meanwhile', () => {
  const GONE_MEANWHILE = "Something this refers to was removed while you were saving (a post, a thread or a person's account), so nothing was saved. Refresh the page and try again.";
  const notice = {
    level: 3,
    showCrisisResponse: true,
    headline: 'Thank you for sharing something this painful. You do not have to face it alone.',
    firstStep: 'You can talk to someone right now: a crisis line is free and there for exactly this. A supporter here will also check in with you soon.',
    helperGuidance: null,
    held: false,
    heldReason: null,
    region: 'GB',
    resources: [{ id: 'gb-samaritans', region: 'GB', kind: 'crisis_line' as const, name: 'Samaritans', description: 'Someone to talk to.', phone: '116 123', sms: null, web: 'https://www.samaritans.org', hours: '24/7' }],
  };
  /** Rendered to the end, the lazily loaded panel included (as the browser shows it once loaded). */
  const renderedAll = async (error: unknown) => {
    const { prerender } = await import('react-dom/static');
    const { QueryClient, QueryClientProvider } = await import('@tanstack/react-query');
    const { MemoryRouter } = await import('react-router');
    const client = new QueryClient({ defaultOptions: { queries: { enabled: false } } });
    const page = createElement(I18nextProvider, { i18n }, createElement(ErrorNotice, { error }));
    const { prelude } = await prerender(createElement(MemoryRouter, null, createElement(QueryClientProvider, { client }, page)));
    return new Response(prelude).text();
  };

  it('says what happened and what to do, in the server\'s words', async () => {
    const html = await renderedAll(new ApiError(409, 'gone_meanwhile', GONE_MEANWHILE));
    expect(html).toContain('Refresh the page and try again.');
    expect(html).not.toContain(notice.headline);
  });

  it('shows the crisis response the 409 carried, where the person wrote, and nothing else the 409 carried', async () => {
    const html = await renderedAll(new ApiError(409, 'gone_meanwhile', GONE_MEANWHILE, [], { safety: { ...notice, text: 'words the person wrote' } }));
    expect(html).toContain('Refresh the page and try again.');
    expect(html).toContain(notice.headline);
    expect(html).toContain('A supporter here will also check in with you soon.');
    expect(html).not.toContain('words the person wrote');
  });

  it('shows no crisis response when the words did not call for one, nor for another code carrying one', async () => {
    expect(await renderedAll(new ApiError(409, 'gone_meanwhile', GONE_MEANWHILE, [], { safety: { ...notice, showCrisisResponse: false } }))).not.toContain(notice.headline);
    expect(await renderedAll(new ApiError(409, 'conflict', 'Someone else decided first.', [], { safety: notice }))).not.toContain(notice.headline);
  });
});

// ADR 064: a moderator's note refused for method detail (422 `held_by_safety`) that read as their own
// crisis carries the crisis response; it is shown under "take out …", as for a 409 gone_meanwhile.
describe('ErrorNotice for a 422 held_by_safety', () => {
  const HELD = 'The note cannot be saved as written: it is shown to others, and the safety check would hold it (method detail): take out “lethal dose”.';
  const notice = {
    level: 5,
    showCrisisResponse: true,
    headline: 'We are really glad you told us. Your safety matters right now.',
    firstStep: 'Please reach out to a crisis line or emergency services now.',
    helperGuidance: null,
    held: false,
    heldReason: null,
    region: 'GB',
    resources: [],
  };
  const renderedAll = async (error: unknown) => {
    const { prerender } = await import('react-dom/static');
    const { QueryClient, QueryClientProvider } = await import('@tanstack/react-query');
    const { MemoryRouter } = await import('react-router');
    const client = new QueryClient({ defaultOptions: { queries: { enabled: false } } });
    const page = createElement(I18nextProvider, { i18n }, createElement(ErrorNotice, { error }));
    const { prelude } = await prerender(createElement(MemoryRouter, null, createElement(QueryClientProvider, { client }, page)));
    return new Response(prelude).text();
  };

  it('shows what to take out and the crisis response the 422 carried', async () => {
    const html = await renderedAll(new ApiError(422, 'held_by_safety', HELD, [], { field: 'note', reason: 'method_detail', safety: notice }));
    expect(html).toContain('take out “lethal dose”');
    expect(html).toContain(notice.headline);
  });

  it('shows only the message when the words did not read as the writer’s own crisis', async () => {
    const html = await renderedAll(new ApiError(422, 'held_by_safety', HELD, [], { field: 'note', reason: 'method_detail' }));
    expect(html).toContain('take out “lethal dose”');
    expect(html).not.toContain(notice.headline);
    expect(await renderedAll(new ApiError(422, 'held_by_safety', HELD, [], { safety: { ...notice, showCrisisResponse: false } }))).not.toContain(notice.headline);
  });
});
