import { describe, expect, it } from 'vitest';
import { ArrayBytes, spaceListBytes, type Written } from './communities.presenter.js';
import type { SpaceRow } from './communities.repository.js';

/**
 * Bytes the community's caches keep between requests are each in an allocation of their own
 * (`utf8ToKeep`, ADR 053): `Buffer.from` and `Buffer.concat` put a short text in a slice of Node's
 * shared 8 KB pool, and a kept slice keeps all of the pool alive.
 */
const ownAllocation = (bytes: Buffer) => ({ offset: bytes.byteOffset, allocated: bytes.buffer.byteLength, length: bytes.length });
const own = (bytes: Buffer) => ({ offset: 0, allocated: bytes.length, length: bytes.length });

describe('kept bytes of the community presenter', () => {
  const items: Written<unknown>[] = [
    { json: '{"id":"a","title":"Evenings after work"}', view: () => ({}) },
    { json: '{"id":"b","title":"Mornings"}', view: () => ({}) },
  ];

  it('keeps a shared array and the response around it in allocations of their own, with the same text', () => {
    const kept = new ArrayBytes().get('values', items);
    expect(ownAllocation(kept.bytes)).toEqual(own(kept.bytes));
    expect(kept.bytes.toString('utf8')).toBe(`[${items.map((i) => i.json).join(',')}]`);
    // Multi-byte characters before the array (2 and 4 bytes in UTF-8): the array goes after the
    // head's bytes, not after its length in UTF-16 units, or the text comes out garbled.
    const head = '{"space":"Café 🌿","threads":';
    expect(Buffer.byteLength(head, 'utf8')).toBeGreaterThan(head.length);
    const whole = kept.around(head, ',"nextCursor":"é"}');
    expect(ownAllocation(whole)).toEqual(own(whole));
    expect(whole.toString('utf8')).toBe(`{"space":"Café 🌿","threads":${kept.bytes.toString('utf8')},"nextCursor":"é"}`);
    expect(kept.around(head, ',"nextCursor":"é"}')).toBe(whole);
  });

  it('keeps the spaces list in an allocation of its own', () => {
    const space: SpaceRow = {
      id: 's1',
      slug: 'carers',
      name: 'Carers',
      description: 'For people caring for someone.',
      house_rules: 'Be kind.',
      visibility: 'members',
      program_id: null,
      allow_anonymous: 1,
      sort_order: 1,
      created_at: '2026-11-27T00:00:00.000Z',
      updated_at: '2026-11-27T00:00:00.000Z',
    };
    const bytes = spaceListBytes([space]);
    expect(ownAllocation(bytes)).toEqual(own(bytes));
    expect(JSON.parse(bytes.toString('utf8'))).toMatchObject({ spaces: [{ id: 's1', name: 'Carers' }] });
  });
});
