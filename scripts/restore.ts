/**
 * Restores a folder written by `npm run backup` into the configured DATABASE_URL and
 * KINDRED_KEY_FILE, after checking every checksum. Stop the server first: a database that a
 * server has open is never replaced. An existing database (or a different key file) is replaced
 * only with --force, and then kept beside the new one as <file>.before-restore-<time>.
 *
 *   npm run restore -- backups/kindred-2025-01-31T02-00-00Z
 *   npm run restore -- backups/kindred-2025-01-31T02-00-00Z --force
 */
import path from 'node:path';
import { BackupError, restoreSqlite, sqliteFileOf } from '../src/server/platform/backup.js';
import { ConfigError, loadConfig } from '../src/server/platform/config.js';

function main(): number {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  const force = args.includes('--force');
  const rest = args.filter((a) => a !== '--force');
  if (rest.length !== 1 || rest[0]!.startsWith('-')) {
    console.error('Usage: npm run restore -- <backup folder> [--force]');
    return 2;
  }
  const config = loadConfig();
  const databaseFile = sqliteFileOf(config.databaseUrl);
  const result = restoreSqlite({ backupDir: path.resolve(rest[0]!), databaseFile, keyFile: config.secret ? null : config.keyFile, force });
  console.log(`Restored the backup of ${result.manifest.createdAt} into ${databaseFile} (migration ${result.manifest.migration.latest ?? '(none)'}).`);
  if (result.keyRestored) console.log(`  key file: ${config.keyFile}`);
  else if (result.manifest.keyFile && config.secret) console.log('  key file: not restored, KINDRED_SECRET is set; it must be the secret this backup was made with.');
  else if (!result.manifest.keyFile) console.log('  key file: the backup has none (it was made with KINDRED_SECRET); start with the same KINDRED_SECRET.');
  for (const aside of result.keptAside) console.log(`  kept the previous file as ${aside}`);
  return 0;
}

try {
  process.exit(main());
} catch (err) {
  if (err instanceof BackupError || err instanceof ConfigError) {
    console.error(`restore: ${err.message}`);
    process.exit(1);
  }
  throw err;
}
