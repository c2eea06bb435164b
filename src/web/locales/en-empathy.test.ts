import { describe, expect, it } from 'vitest';
import { EMPATHY_NOTE_CODES } from '../../safety/empathy.js';
import enEmpathy from './en-empathy.js';

const e = enEmpathy.empathy;

// The library names notes by code; the catalog must have a message for every one, or a supporter sees a raw key.
describe('the empathy catalog', () => {
  it('has a message for every note code and for nothing else', () => {
    expect(Object.keys(e.notes).sort()).toEqual([...EMPATHY_NOTE_CODES].sort());
    for (const code of EMPATHY_NOTE_CODES) expect(e.notes[code].length).toBeGreaterThan(20);
  });

  it('names every level, kind and dimension', () => {
    expect(Object.keys(e.levels).sort()).toEqual(['0', '1', '2']);
    expect(Object.keys(e.kinds).sort()).toEqual(['pitfall', 'strength', 'suggestion']);
    expect(Object.keys(e.dimensions).sort()).toEqual(['emotionalReactions', 'explorations', 'interpretations']);
  });
});
