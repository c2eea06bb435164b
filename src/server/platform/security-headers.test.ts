import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.js';
import { testDatabases } from '../../../test/databases.js';

describe.each(testDatabases.slice(0, 1))('security headers on $name', (database) => {
  const t = useTestApp(database);

  it('sets helmet\'s headers, computed once, on answers, errors and unknown routes alike', async () => {
    for (const url of ['/api/health', '/api/me', '/api/no-such-route']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['strict-transport-security']).toContain('max-age=');
      expect(res.headers['cross-origin-embedder-policy']).toBeUndefined();
    }
  });
});
