import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type KindredApp } from '../../src/server/app.js';
import { BackupError, readManifest, restoreSqlite, type BackupManifest } from '../../src/server/platform/backup.js';
import { ManualClock } from '../../src/server/platform/clock.js';
import { TestClient } from '../client.js';
import { buildUser, type BuiltUser } from '../factories.js';
import { rootDir } from '../server-process.js';

const CRISIS = 'I have saved up 40 pills and I am going to take them all tonight.';
const NOTE = 'Called them back; they are safe with their sister tonight.';

/** Every row of every table, in a stable order: the whole content of a SQLite file. */
function dumpTables(file: string): Record<string, string[]> {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const names = db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").pluck().all() as string[];
    return Object.fromEntries(names.map((name) => [name, (db.prepare(`select * from "${name}"`).all() as unknown[]).map((row) => JSON.stringify(row)).sort()]));
  } finally {
    db.close();
  }
}

function runScript(script: string, args: string[], env: Record<string, string>) {
  const inherited = { ...process.env };
  delete inherited.KINDRED_SECRET;
  delete inherited.DATABASE_URL;
  delete inherited.KINDRED_KEY_FILE;
  return spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: rootDir, env: { ...inherited, ...env }, encoding: 'utf8', timeout: 60_000 });
}

function runScriptAsync(script: string, args: string[], env: Record<string, string>): Promise<{ status: number | null; stderr: string }> {
  const inherited = { ...process.env };
  delete inherited.KINDRED_SECRET;
  delete inherited.DATABASE_URL;
  delete inherited.KINDRED_KEY_FILE;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: rootDir, env: { ...inherited, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (status) => resolve({ status, stderr }));
  });
}

async function appOn(dbFile: string, keyFile: string, clock = new ManualClock()): Promise<KindredApp> {
  return build({
    passwordStrength: 'test',
    pollMs: 0,
    clock,
    config: { databaseUrl: `sqlite:${dbFile}`, keyFile, secret: undefined, oldSecrets: [], redisUrl: undefined, logLevel: 'silent', writeRateLimitPerMinute: 100_000, rateLimitPerMinute: 100_000 },
  });
}

/**
 * `npm run backup` while the app is open, `npm run restore` into a fresh place: every table comes
 * back row for row, and encrypted fields open with the restored key file.
 */
describe('backup and restore (SQLite)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindred-backup-'));
  const live = { db: path.join(dir, 'live', 'kindred.db'), key: path.join(dir, 'live', 'kindred.key') };
  const restored = { db: path.join(dir, 'restored', 'kindred.db'), key: path.join(dir, 'restored', 'kindred.key') };
  const backupDir = path.join(dir, 'backups', 'monday');
  let app: KindredApp;
  let member: BuiltUser;
  let supervisor: BuiltUser;
  let alertId: string;
  let threadId: string;

  beforeAll(async () => {
    app = await appOn(live.db, live.key);
    member = await buildUser(app);
    supervisor = await buildUser(app, { roles: ['supervisor'] });
    const other = await buildUser(app);
    expect((await member.client.patch('/api/me/profile', { email: 'river@example.org', bio: 'I like long walks by the river.' })).statusCode).toBe(200);
    const spaces = (await member.client.get('/api/spaces')).json() as { spaces: { id: string }[] };
    const thread = await member.client.post(`/api/spaces/${spaces.spaces[0]!.id}/threads`, { kind: 'story', title: 'A better week', body: 'Walking helped.' });
    threadId = (thread.json() as { thread: { id: string } }).thread.id;
    for (let i = 0; i < 3; i++) expect((await other.client.post(`/api/threads/${threadId}/posts`, { body: `That sounds good, reply ${i}.` })).statusCode).toBe(201);
    expect((await other.client.post(`/api/spaces/${spaces.spaces[1]!.id}/threads`, { kind: 'story', title: 'Tonight', body: CRISIS })).statusCode).toBe(201);
    await app.kindred.dispatcher.idle();
    const alerts = (await supervisor.client.get('/api/safety/alerts')).json() as { alerts: { id: string }[] };
    alertId = alerts.alerts[0]!.id;
    expect((await supervisor.client.post(`/api/safety/alerts/${alertId}/notes`, { body: NOTE })).statusCode).toBe(201);
    await app.kindred.dispatcher.idle();
  });

  afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('backs up while the app is open, restores into a fresh path, and every table and encrypted field comes back', async () => {
    const before = dumpTables(live.db);
    expect(before.users!.length).toBe(4);
    expect(before.notifications!.length).toBeGreaterThan(0);
    // Encrypted at rest: the email and the note are not in the file as text.
    expect(before.users!.join('\n')).not.toContain('river@example.org');
    expect(before.safety_alert_notes!.join('\n')).not.toContain('sister');

    const backup = runScript('scripts/backup.ts', [backupDir], { DATABASE_URL: `sqlite:${live.db}`, KINDRED_KEY_FILE: live.key });
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/Backup written to/);
    const manifest = readManifest(backupDir);
    expect(manifest.migration.latest).toMatch(/^\d{4}_/);
    expect(manifest.tables.users).toBe(4);
    expect(manifest.tables.safety_alert_notes).toBe(1);
    expect(manifest.keyFile).not.toBeNull();
    expect(fs.statSync(path.join(backupDir, 'kindred.key')).mode & 0o777).toBe(0o600);
    expect(fs.statSync(backupDir).mode & 0o777).toBe(0o700);
    // The app is still open and working during and after the backup.
    expect((await member.client.get(`/api/threads/${threadId}`)).statusCode).toBe(200);

    const restore = runScript('scripts/restore.ts', [backupDir], { DATABASE_URL: `sqlite:${restored.db}`, KINDRED_KEY_FILE: restored.key });
    expect(restore.status, restore.stderr).toBe(0);
    expect(fs.statSync(restored.key).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(restored.key)).toEqual(fs.readFileSync(live.key));

    const after = dumpTables(restored.db);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);

    // The restored installation opens the encrypted fields with the restored key file.
    const second = await appOn(restored.db, restored.key);
    try {
      const memberAgain = new TestClient(second);
      expect((await memberAgain.post('/api/auth/sign-in', { handle: member.handle, password: member.password })).statusCode).toBe(200);
      expect((await memberAgain.get('/api/me')).json()).toMatchObject({ id: member.id, email: 'river@example.org' });
      const supervisorAgain = new TestClient(second);
      expect((await supervisorAgain.post('/api/auth/sign-in', { handle: supervisor.handle, password: supervisor.password })).statusCode).toBe(200);
      const detail = (await supervisorAgain.get(`/api/safety/alerts/${alertId}`)).json() as { notes: { body: string }[] };
      expect(detail.notes.map((n) => n.body)).toEqual([NOTE]);
    } finally {
      await second.close();
    }
  });

  it('takes a consistent copy while the app keeps writing', async () => {
    const writer = await buildUser(app);
    let writing = true;
    let written = 0;
    const writes = (async () => {
      while (writing) {
        expect((await writer.client.post(`/api/threads/${threadId}/posts`, { body: `Still here, note ${written}.` })).statusCode).toBe(201);
        written++;
      }
    })();
    const busyDir = path.join(dir, 'backups', 'busy');
    while (written < 3) await new Promise((r) => setTimeout(r, 5));
    // The backup runs in its own process, as `npm run backup` does beside a running server.
    const writtenBefore = written;
    const backup = await runScriptAsync('scripts/backup.ts', [busyDir], { DATABASE_URL: `sqlite:${live.db}`, KINDRED_KEY_FILE: live.key });
    writing = false;
    await writes;
    expect(backup.status, backup.stderr).toBe(0);
    expect(written).toBeGreaterThan(writtenBefore);
    const manifest = readManifest(busyDir);
    const copy = new SQLite(path.join(busyDir, 'kindred.db'), { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('foreign_key_check')).toEqual([]);
      // Each thread's counter agrees with its rows: no write is half in the copy.
      const mismatched = copy
        .prepare(
          `select t.id from threads t where t.reply_count != (select count(*) from posts p where p.thread_id = t.id and p.is_opening = 0 and p.state = 'visible')`,
        )
        .all();
      expect(mismatched).toEqual([]);
      expect(Number(copy.prepare('select count(*) from posts').pluck().get())).toBe(manifest.tables.posts);
    } finally {
      copy.close();
    }
  });

  it('refuses to restore over a database in use, over an existing one without --force, or from a damaged backup', async () => {
    const attempt = (input: Partial<Parameters<typeof restoreSqlite>[0]>) => () =>
      restoreSqlite({ backupDir, databaseFile: restored.db, keyFile: restored.key, force: false, ...input });
    // The live database is open in the app.
    expect(attempt({ databaseFile: live.db, keyFile: live.key, force: true })).toThrow(/open in a running Kindred server/);
    expect(attempt({})).toThrow(/already exists; run again with --force/);
    const replaced = restoreSqlite({ backupDir, databaseFile: restored.db, keyFile: restored.key, force: true });
    expect(replaced.keptAside.some((f) => f.startsWith(`${restored.db}.before-restore-`))).toBe(true);

    const damaged = path.join(dir, 'backups', 'damaged');
    fs.cpSync(backupDir, damaged, { recursive: true });
    const file = path.join(damaged, 'kindred.db');
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    fs.writeFileSync(file, bytes);
    expect(attempt({ backupDir: damaged, databaseFile: path.join(dir, 'fresh', 'kindred.db'), keyFile: path.join(dir, 'fresh', 'kindred.key') })).toThrow(/does not match its checksum/);
    expect(fs.existsSync(path.join(dir, 'fresh', 'kindred.db'))).toBe(false);

    const wrongKey = path.join(dir, 'other.key');
    fs.writeFileSync(wrongKey, 'x'.repeat(64), { mode: 0o600 });
    expect(attempt({ databaseFile: path.join(dir, 'fresh2', 'kindred.db'), keyFile: wrongKey })).toThrow(/holds a different key/);

    const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, 'manifest.json'), 'utf8')) as BackupManifest;
    const escaping = path.join(dir, 'backups', 'escaping');
    fs.cpSync(backupDir, escaping, { recursive: true });
    fs.writeFileSync(path.join(escaping, 'manifest.json'), JSON.stringify({ ...manifest, database: { ...manifest.database, file: '../monday/kindred.db' } }));
    expect(() => readManifest(escaping)).toThrow(BackupError);
  });
});
