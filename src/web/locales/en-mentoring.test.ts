import { describe, expect, it } from 'vitest';
import { GUIDANCE_KEYS, LOAD_REASONS } from '../../contracts/conversations.js';
import { MENTORING_REPORT_REASONS, SUPPORTER_GENDERS } from '../../contracts/mentoring.js';
import enMentoring from './en-mentoring.js';

const m = enMentoring.mentoring;

// The server names these by key; the catalog must have a message for every one, or a person sees a raw key.
describe('the mentoring catalog', () => {
  it('has a text for every guidance key the server gives supporters', () => {
    expect(Object.keys(m.guidance).sort()).toEqual([...GUIDANCE_KEYS].sort());
    for (const key of GUIDANCE_KEYS) expect(m.guidance[key].length).toBeGreaterThan(20);
  });

  it('names every load reason, report reason and supporter gender', () => {
    expect(Object.keys(m.load.reasons).sort()).toEqual([...LOAD_REASONS].sort());
    expect(Object.keys(m.report.reasons).sort()).toEqual([...MENTORING_REPORT_REASONS].sort());
    expect(Object.keys(m.genders).sort()).toEqual([...SUPPORTER_GENDERS].sort());
  });
});
