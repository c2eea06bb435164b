import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../app.js';
import { sqliteTestDatabase } from '../databases.js';
import { buildUser } from '../factories.js';

// Compression does not touch the database: SQLite is enough.
describe('JSON responses compressed for browsers that accept it', () => {
  const t = useTestApp(sqliteTestDatabase);
  const get = (url: string, acceptEncoding?: string) => t.app.inject({ method: 'GET', url, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });

  it('sends a large JSON response as Brotli, else gzip, else as it is, and the same JSON each way', async () => {
    // The API description: JSON, and tens of kilobytes.
    const plain = await get('/api/openapi.json', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(10_000);
    expect(plain.headers.vary).toMatch(/accept-encoding/i);

    const br = await get('/api/openapi.json', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/application\/json/);
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString('utf8'))).toEqual(plain.json());

    const gz = await get('/api/openapi.json', 'gzip;q=1, br;q=0');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString('utf8'))).toEqual(plain.json());

    const none = await get('/api/openapi.json');
    expect(none.headers['content-encoding']).toBeUndefined();
  });

  it('leaves small responses (the CSRF token among them) as they are', async () => {
    for (const url of ['/api/health', '/api/auth/csrf']) {
      const res = await get(url, 'br, gzip');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-encoding'], url).toBeUndefined();
      expect(() => res.json(), url).not.toThrow();
    }
  });

  it('never compresses the data export, a download that holds the email beside words others wrote (BREACH)', async () => {
    const member = await buildUser(t.app);
    // Enough of the member's own words that the export is well over the compression threshold.
    expect((await member.client.patch('/api/me/profile', { bio: 'Walking helps me on slow days. '.repeat(12) })).statusCode).toBe(200);
    const res = await member.client.request('GET', '/api/me/export', undefined, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment/);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.rawPayload.length).toBeGreaterThan(1024);
    expect(() => res.json()).not.toThrow();
  });
});
