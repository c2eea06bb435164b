import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { migrations } from '../../../migrations/index.js';
import { isSqliteBusy } from './db.js';

/**
 * Backups of a SQLite installation: the database (an online, consistent copy taken with SQLite's
 * backup API while the server may be running) and the key file, with a manifest of checksums.
 * PostgreSQL installations use pg_dump / pg_restore instead (README, "Backups").
 */

export const MANIFEST_FILE = 'manifest.json';
const DATABASE_COPY = 'kindred.db';
const KEY_COPY = 'kindred.key';

export interface BackupManifest {
  format: 'kindred-backup-1';
  createdAt: string;
  database: { file: string; bytes: number; sha256: string };
  /** null when the installation uses KINDRED_SECRET instead of a key file: that secret is kept elsewhere. */
  keyFile: { file: string; sha256: string } | null;
  /** The newest migration applied to the copied database, and how many were applied. */
  migration: { latest: string | null; applied: number };
  /** Rows per table in the copy, for a quick look and for comparison after a restore. */
  tables: Record<string, number>;
}

export class BackupError extends Error {}

export function sha256File(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** The file behind a `sqlite:<file>` URL; other URLs (PostgreSQL, in-memory) have none to copy. */
export function sqliteFileOf(databaseUrl: string): string {
  if (!databaseUrl.startsWith('sqlite:')) {
    throw new BackupError('DATABASE_URL points at PostgreSQL: back it up with pg_dump and restore with pg_restore (README, "Backups").');
  }
  const file = databaseUrl.slice('sqlite:'.length);
  if (file === ':memory:' || file === '') throw new BackupError('An in-memory database has nothing to back up.');
  return path.resolve(file);
}

/** A folder name that sorts by time and is safe on every file system. */
export function timestampedName(now: Date): string {
  return `kindred-${now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')}`;
}

/** Row counts of every table and the migration level, read from a database file. */
export function describeDatabase(file: string): Pick<BackupManifest, 'migration' | 'tables'> {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const names = db
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
      .pluck()
      .all() as string[];
    const tables: Record<string, number> = {};
    for (const name of names) {
      tables[name] = Number(db.prepare(`select count(*) from "${name.replace(/"/g, '""')}"`).pluck().get());
    }
    let migration: BackupManifest['migration'] = { latest: null, applied: 0 };
    if (names.includes('kysely_migration')) {
      const applied = db.prepare('select name from kysely_migration order by name').pluck().all() as string[];
      migration = { latest: applied.at(-1) ?? null, applied: applied.length };
    }
    return { migration, tables };
  } finally {
    db.close();
  }
}

export interface BackupInput {
  databaseFile: string;
  /** The key file to copy, or null when KINDRED_SECRET is in use. */
  keyFile: string | null;
  /** A new (or empty) folder to write into. */
  outDir: string;
  now?: Date;
}

/**
 * Copies the database with SQLite's online backup API. The whole copy is one step, so it is one
 * read snapshot: in WAL mode the server keeps writing meanwhile, and a write cannot make the
 * copy restart or mix two moments. The copy is then made self-contained (no WAL) and checked.
 */
export async function backupSqlite(input: BackupInput): Promise<BackupManifest> {
  const { databaseFile, keyFile, outDir } = input;
  if (!fs.existsSync(databaseFile)) throw new BackupError(`No database at ${databaseFile}.`);
  if (keyFile && !fs.existsSync(keyFile)) throw new BackupError(`No key file at ${keyFile}: without it encrypted content cannot be read.`);
  if (fs.existsSync(outDir) && fs.readdirSync(outDir).length > 0) throw new BackupError(`${outDir} is not empty; choose a new folder.`);
  // The folder holds the key: only the owner may read it.
  fs.mkdirSync(outDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(outDir, 0o700);

  const dbCopy = path.join(outDir, DATABASE_COPY);
  const source = new SQLite(databaseFile, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    await source.backup(dbCopy, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  fs.chmodSync(dbCopy, 0o600);
  const copy = new SQLite(dbCopy);
  try {
    copy.pragma('journal_mode = DELETE');
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new BackupError(`The copy failed SQLite's integrity check: ${String(integrity)}`);
  } finally {
    copy.close();
  }

  let key: BackupManifest['keyFile'] = null;
  if (keyFile) {
    const keyCopy = path.join(outDir, KEY_COPY);
    fs.copyFileSync(keyFile, keyCopy);
    fs.chmodSync(keyCopy, 0o600);
    key = { file: KEY_COPY, sha256: sha256File(keyCopy) };
  }

  const manifest: BackupManifest = {
    format: 'kindred-backup-1',
    createdAt: (input.now ?? new Date()).toISOString(),
    database: { file: DATABASE_COPY, bytes: fs.statSync(dbCopy).size, sha256: sha256File(dbCopy) },
    keyFile: key,
    ...describeDatabase(dbCopy),
  };
  fs.writeFileSync(path.join(outDir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n', { mode: 0o600 });
  return manifest;
}

export function readManifest(backupDir: string): BackupManifest {
  const file = path.join(backupDir, MANIFEST_FILE);
  if (!fs.existsSync(file)) throw new BackupError(`${backupDir} has no ${MANIFEST_FILE}: is it a Kindred backup folder?`);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as BackupManifest;
  } catch {
    throw new BackupError(`${file} is not valid JSON.`);
  }
  if (manifest?.format !== 'kindred-backup-1' || !manifest.database?.sha256) throw new BackupError(`${file} is not a Kindred backup manifest.`);
  // Only names this folder itself holds: a manifest must not point the restore at other files.
  if (path.basename(manifest.database.file) !== manifest.database.file || (manifest.keyFile && path.basename(manifest.keyFile.file) !== manifest.keyFile.file)) {
    throw new BackupError(`${file} names files outside the backup folder.`);
  }
  return manifest;
}

/**
 * True while another connection (a running server) has the database open. Every WAL-mode
 * connection holds a shared lock on the file, so an exclusive lock is refused at once.
 */
export function databaseInUse(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  const db = new SQLite(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return false;
  } catch (err) {
    if (isSqliteBusy(err)) return true;
    throw err;
  } finally {
    db.close();
  }
}

export interface RestoreInput {
  backupDir: string;
  databaseFile: string;
  /** Where the key file goes, or null when the installation uses KINDRED_SECRET. */
  keyFile: string | null;
  /** Replace an existing database (and a different key file); the old files are kept beside them. */
  force: boolean;
  now?: Date;
}

export interface RestoreResult {
  manifest: BackupManifest;
  /** Files moved aside rather than overwritten. */
  keptAside: string[];
  keyRestored: boolean;
}

/** Restores a backup folder after checking its checksums; never over a database a server has open. */
export function restoreSqlite(input: RestoreInput): RestoreResult {
  const { backupDir, databaseFile, keyFile, force } = input;
  const manifest = readManifest(backupDir);
  const dbCopy = path.join(backupDir, manifest.database.file);
  if (!fs.existsSync(dbCopy)) throw new BackupError(`${dbCopy} is missing.`);
  if (sha256File(dbCopy) !== manifest.database.sha256) throw new BackupError(`${dbCopy} does not match its checksum in the manifest: the backup is damaged.`);
  const keyCopy = manifest.keyFile ? path.join(backupDir, manifest.keyFile.file) : null;
  if (keyCopy && manifest.keyFile) {
    if (!fs.existsSync(keyCopy)) throw new BackupError(`${keyCopy} is missing: without it encrypted content cannot be read.`);
    if (sha256File(keyCopy) !== manifest.keyFile.sha256) throw new BackupError(`${keyCopy} does not match its checksum in the manifest: the backup is damaged.`);
  }
  if (manifest.migration.latest && !(manifest.migration.latest in migrations)) {
    throw new BackupError(`The backup was made by a newer Kindred (migration ${manifest.migration.latest}); update Kindred before restoring it.`);
  }

  if (databaseInUse(databaseFile)) throw new BackupError(`${databaseFile} is open in a running Kindred server: stop the server first.`);
  const stamp = (input.now ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  const keyDiffers = !!(keyCopy && keyFile && fs.existsSync(keyFile) && sha256File(keyFile) !== manifest.keyFile!.sha256);
  if (!force && fs.existsSync(databaseFile)) throw new BackupError(`${databaseFile} already exists; run again with --force to replace it (the current one is kept beside it).`);
  if (!force && keyDiffers) throw new BackupError(`${keyFile} holds a different key; run again with --force to replace it (the current one is kept beside it).`);

  const keptAside: string[] = [];
  const moveAside = (file: string) => {
    if (!fs.existsSync(file)) return;
    const aside = `${file}.before-restore-${stamp}`;
    fs.renameSync(file, aside);
    keptAside.push(aside);
  };

  fs.mkdirSync(path.dirname(databaseFile), { recursive: true });
  // Copy next to the target first, so the switch is a rename and a failure leaves the old file whole.
  const incoming = `${databaseFile}.restoring`;
  fs.copyFileSync(dbCopy, incoming);
  fs.chmodSync(incoming, 0o600);
  if (sha256File(incoming) !== manifest.database.sha256) {
    fs.rmSync(incoming, { force: true });
    throw new BackupError('The copied database does not match its checksum; nothing was changed.');
  }
  moveAside(databaseFile);
  // A WAL left from the old database would be replayed onto the restored one.
  moveAside(`${databaseFile}-wal`);
  fs.rmSync(`${databaseFile}-shm`, { force: true });
  fs.renameSync(incoming, databaseFile);

  let keyRestored = false;
  if (keyCopy && keyFile) {
    if (keyDiffers) moveAside(keyFile);
    if (!fs.existsSync(keyFile)) {
      fs.mkdirSync(path.dirname(keyFile), { recursive: true });
      const incomingKey = `${keyFile}.restoring`;
      fs.copyFileSync(keyCopy, incomingKey);
      fs.chmodSync(incomingKey, 0o600);
      fs.renameSync(incomingKey, keyFile);
    }
    keyRestored = true;
  }
  return { manifest, keptAside, keyRestored };
}
