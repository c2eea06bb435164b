import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { StillHeldError } from '../../../contracts/safety.js';
import { ApiError } from '../../lib/api.js';
import { i18n } from '../../lib/i18n.js';
import { stillHeldOf } from './api.js';
import { HeldEditFields, type Draft, type HeldEditFieldsProps } from './held-edit-form.js';

// The server's 422 to an edit the screen would still hold (safety.service `screenReviewerEdit`), checked against its contract.
const body = StillHeldError.parse({
  error: {
    code: 'still_held',
    message: 'The edited words would still be held for review (method detail): take out …, or send publishAnyway: true to publish them as they are.',
    reason: 'method_detail',
    flagged: [
      { field: 'text', words: 'bought a rope', start: 2, end: 15, code: 'method.hanging_means', level: 4 },
      { field: 'text', words: 'hanging myself', start: 40, end: 54, code: 'method.hanging', level: 4 },
      { field: 'text', words: 'hanging myself', start: 70, end: 84, code: 'method.hanging', level: 4 },
      { field: 'title', words: '40 pills', start: 8, end: 16, code: 'method.overdose', level: 4 },
    ],
  },
});
const { code, message, ...details } = body.error;
const stillHeld = new ApiError(422, code, message, [], details);

const noop = () => undefined;
function render(draft: Draft, over: Partial<HeldEditFieldsProps> = {}): string {
  const props: HeldEditFieldsProps = {
    label: 'Edit post by northern_light',
    draft,
    error: null,
    pending: false,
    offerPublishAnyway: false,
    confirmed: false,
    confirmMissing: false,
    onChange: noop,
    onConfirmChange: noop,
    onSave: noop,
    onPublishAnyway: noop,
    onCancel: noop,
    ...over,
  };
  return renderToString(createElement(I18nextProvider, { i18n }, createElement(HeldEditFields, props)));
}

/** The start tag of the named field, or undefined. */
function field(html: string, tag: 'textarea' | 'input', name: string): string | undefined {
  return new RegExp(`<${tag}\\b[^>]*\\bname="${name}"[^>]*>`).exec(html)?.[0];
}

/** The ids an element's aria-describedby names, and the text of each. */
function descriptions(html: string, tag: 'textarea' | 'input', name: string): string[] {
  const el = field(html, tag, name);
  expect(el, `${tag}[name=${name}]`).toBeDefined();
  const ids = /aria-describedby="([^"]*)"/.exec(el!)?.[1]?.split(' ') ?? [];
  return ids.map((id) => new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(html)?.[1] ?? `(no element ${id})`);
}

describe('stillHeldOf', () => {
  it('reads the flagged words per field, each once, from a still_held refusal', () => {
    expect(stillHeldOf(stillHeld)).toEqual({ reason: 'method_detail', title: ['40 pills'], text: ['bought a rope', 'hanging myself'] });
  });

  it('is null for any other error', () => {
    expect(stillHeldOf(new ApiError(409, 'conflict', 'Someone has already decided on this item.'))).toBeNull();
    expect(stillHeldOf(new ApiError(400, 'validation', 'title must be at least 4 characters', [{ path: 'title', message: 'must be at least 4 characters' }]))).toBeNull();
    expect(stillHeldOf(new Error('network'))).toBeNull();
  });
});

describe('HeldEditFields', () => {
  it('labels the held text, prefilled, with the safe-messaging hint tied to it; a title field only for an item with a title', () => {
    const reply = render({ text: 'I bought a rope tonight.', title: null });
    expect(reply).toContain('aria-label="Edit post by northern_light"');
    expect(reply).toMatch(/<label for="([^"]+)">Text<\/label>/);
    expect(reply).toContain('>I bought a rope tonight.</textarea>');
    expect(descriptions(reply, 'textarea', 'text')).toEqual([i18n.t('supervision.editHint')]);
    expect(reply).not.toContain('name="title"');

    const opening = render({ text: 'Checking in.', title: 'A long evening' });
    expect(opening).toMatch(/<label for="([^"]+)">Title<\/label>/);
    expect(field(opening, 'input', 'title')).toContain('value="A long evening"');
    expect(field(opening, 'input', 'title')).toContain('maxLength="140"');
    expect(descriptions(opening, 'input', 'title')).toEqual(['Between 4 and 140 characters.']);
  });

  it('on still_held: announces why, names the flagged words under each field (described by them), and offers publishing anyway only with a confirmation', () => {
    const html = render({ text: 'edited', title: 'A title' }, { error: stillHeld, offerPublishAnyway: true });
    expect(html).toMatch(/role="alert"[^>]*>.*The safety check would still hold this edit \(Mentions a method\)/s);
    // Not the API's own wording ("send publishAnyway: true").
    expect(html).not.toContain('publishAnyway: true');
    expect(descriptions(html, 'textarea', 'text')).toEqual([i18n.t('supervision.editHint'), 'Still flagged: “bought a rope”, “hanging myself”']);
    expect(descriptions(html, 'input', 'title')).toEqual(['Between 4 and 140 characters.', 'Still flagged: “40 pills”']);
    expect(field(html, 'textarea', 'text')).toContain('aria-invalid="true"');
    // The second step: a confirmation to tick, then a secondary button; the primary stays "Save and publish".
    expect(html).toContain('<legend>Publish it as it is?</legend>');
    expect(field(html, 'input', 'confirm')).toContain('type="checkbox"');
    expect(field(html, 'input', 'confirm')).not.toContain('checked');
    expect(html).toContain('I have read it and it is safe to publish');
    expect(html).toMatch(/<button type="button" class="button button--secondary button--small">Publish anyway<\/button>/);
    expect(html).toMatch(/<button type="submit" class="button button--small">Save and publish<\/button>/);
  });

  it('does not offer publishing anyway for words the check has not seen (the draft changed since)', () => {
    const html = render({ text: 'edited further', title: null }, { error: stillHeld, offerPublishAnyway: false });
    expect(html).not.toContain('Publish anyway');
    expect(html).not.toContain('name="confirm"');
  });

  it('says beside the checkbox that it must be ticked, when publishing anyway was pressed without it', () => {
    const html = render({ text: 'edited', title: null }, { error: stillHeld, offerPublishAnyway: true, confirmMissing: true });
    expect(descriptions(html, 'input', 'confirm')).toEqual(['Tick the box first, if you are sure.']);
  });

  it('shows a field error from the server beside its field, and other refusals in words', () => {
    const tooShort = new ApiError(400, 'validation', 'title must be at least 4 characters', [{ path: 'title', message: 'must be at least 4 characters' }]);
    expect(descriptions(render({ text: 'x', title: 'A' }, { error: tooShort }), 'input', 'title')).toEqual([
      'Between 4 and 140 characters.',
      'The title must be at least 4 characters',
    ]);
    expect(render({ text: 'x', title: null }, { error: new ApiError(409, 'conflict', 'Someone has already decided on this item.') })).toContain(
      'Someone has already decided on this item.',
    );
  });
});
