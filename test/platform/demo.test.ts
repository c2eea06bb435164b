import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type KindredApp } from '../../src/server/app.js';
import { TestClient } from '../client.js';
import { rootDir } from '../server-process.js';

/**
 * `npm run demo` on a fresh SQLite file, then the demo as a person uses it: a member who asks for
 * a peer supporter is offered one. Before, the demo's supporters had the role but no certificate,
 * supervisor or supporter profile, so every request stayed "No supporter is available right now".
 */
describe('npm run demo', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindred-demo-'));
  const db = path.join(dir, 'kindred.db');
  const key = path.join(dir, 'kindred.key');
  const passwords = new Map<string, string>();
  let app: KindredApp;

  beforeAll(async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `sqlite:${db}`, KINDRED_KEY_FILE: key, LOG_LEVEL: 'silent' };
    delete env.KINDRED_SECRET;
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], { cwd: rootDir, env, encoding: 'utf8', timeout: 120_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    for (const [, handle, password] of run.stdout.matchAll(/^\s+(\S+)\s+(demo-\S+)/gm)) passwords.set(handle!, password!);
    app = await build({
      passwordStrength: 'test',
      pollMs: 0,
      config: { databaseUrl: `sqlite:${db}`, keyFile: key, secret: undefined, oldSecrets: [], redisUrl: undefined, logLevel: 'silent', writeRateLimitPerMinute: 100_000, rateLimitPerMinute: 100_000 },
    });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function signIn(handle: string): Promise<TestClient> {
    const client = new TestClient(app);
    const res = await client.post('/api/auth/sign-in', { handle, password: passwords.get(handle) });
    expect(res.statusCode).toBe(200);
    return client;
  }

  it('offers a member who asks for a peer supporter to a trained, supervised demo supporter', async () => {
    expect(passwords.size).toBe(9);
    const member = await signIn('night_owl_sam');
    const asked = await member.post('/api/mentoring/requests', { topic: 'Cannot sleep and my thoughts keep racing', preferences: { experienceTags: ['anxiety'] } });
    expect(asked.statusCode).toBe(201);
    const { request } = asked.json() as { request: { offeredCount: number; pendingCount: number } };
    expect(request.offeredCount).toBeGreaterThan(0);
    expect(request.pendingCount).toBe(request.offeredCount);

    // The supporter who shares the experience has it in front of them, and can accept it.
    const mei = await signIn('supporter_mei');
    const offers = (await mei.get('/api/mentoring/offers')).json() as { offers: { requestId: string; member: { handle: string } }[] };
    const offer = offers.offers.find((o) => o.member.handle === 'night_owl_sam');
    expect(offer).toBeDefined();
    expect((await mei.post(`/api/mentoring/offers/${offer!.requestId}/accept`)).statusCode).toBe(200);
  });
});
