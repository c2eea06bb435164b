import { describe, expect, it } from 'vitest';
import { EXPERIENCE_TAGS } from '../../contracts/accounts.js';
import { GUIDANCE_KEYS, LOAD_REASONS } from '../../contracts/conversations.js';
import { MENTORING_REPORT_REASONS, SUPPORTER_GENDERS } from '../../contracts/mentoring.js';
import { GENDERS, REPORT_REASONS, TAGS } from '../features/mentoring/model.js';
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

  it('repeats the contract lists exactly in the web model (kept apart so the chunks carry no zod)', () => {
    expect([...TAGS]).toEqual([...EXPERIENCE_TAGS]);
    expect([...GENDERS]).toEqual([...SUPPORTER_GENDERS]);
    expect([...REPORT_REASONS]).toEqual([...MENTORING_REPORT_REASONS]);
  });
});
