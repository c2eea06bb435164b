import { describe, expect, it } from 'vitest';
import { requestIds } from './request-ids.js';

describe('request ids', () => {
  it('are distinct within a process and between processes (instances, restarts)', () => {
    const one = requestIds();
    const other = requestIds();
    const ids = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      ids.add(one());
      ids.add(other());
    }
    expect(ids.size).toBe(20_000);
    // Each generator (process) has its own random prefix: no id of one is ever one of the other's.
    const prefix = (id: string) => id.slice(0, id.indexOf('-'));
    expect(prefix(one())).toMatch(/^[0-9a-f]{12}$/);
    expect(prefix(one())).not.toBe(prefix(other()));
  });
});
