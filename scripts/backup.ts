/**
 * A consistent online backup of a SQLite installation: the database and the key file, with a
 * manifest (time, migration level, rows per table, sha256 of each file). Safe while the server runs.
 *
 *   npm run backup                  # into ./backups/kindred-<time>/
 *   npm run backup -- /mnt/safe/kindred-monday
 *
 * PostgreSQL: use pg_dump (README, "Backups").
 */
import path from 'node:path';
import { BackupError, backupSqlite, sqliteFileOf, timestampedName } from '../src/server/platform/backup.js';
import { ConfigError, loadConfig } from '../src/server/platform/config.js';

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args.some((a) => a === '--help' || a === '-h')) {
    console.log('Usage: npm run backup [-- <folder>]   (default ./backups/kindred-<time>)');
    return 0;
  }
  if (args.length > 1 || args.some((a) => a.startsWith('-'))) {
    console.error('Usage: npm run backup [-- <folder>]');
    return 2;
  }
  const config = loadConfig();
  const now = new Date();
  const outDir = path.resolve(args[0] ?? path.join('backups', timestampedName(now)));
  const keyFile = config.secret ? null : config.keyFile;
  const manifest = await backupSqlite({ databaseFile: sqliteFileOf(config.databaseUrl), keyFile, outDir, now });
  const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
  console.log(`Backup written to ${outDir}`);
  console.log(`  database: ${manifest.database.bytes} bytes, ${Object.keys(manifest.tables).length} tables, ${rows} rows, migration ${manifest.migration.latest ?? '(none)'}`);
  if (manifest.keyFile) {
    console.log('  key file: copied (mode 0600). Keep this folder private: the key opens the encrypted content.');
  } else {
    console.log('  key file: none (KINDRED_SECRET is set). Keep that secret safe separately: without it encrypted content is unreadable.');
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof BackupError || err instanceof ConfigError) {
      console.error(`backup: ${err.message}`);
      process.exit(1);
    }
    throw err;
  },
);
