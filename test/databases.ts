import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dropPostgresSchema, ensurePostgresSchema } from '../src/server/platform/db.js';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /**
   * A fresh, empty database for one test file (or one test). `persistent` asks for one that
   * outlives an app instance (restart tests): a temporary file for SQLite.
   */
  create(opts?: { persistent?: boolean }): Promise<{ url: string; pgSchema?: string; cleanup(): Promise<void> }>;
}

const sqlite: TestDatabase = {
  name: 'sqlite',
  async create(opts) {
    if (opts?.persistent) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kindred-test-'));
      return { url: `sqlite:${path.join(dir, 'kindred.db')}`, cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
    }
    // In-memory is a real SQLite database: the same engine, SQL and constraints as a file.
    return { url: 'sqlite::memory:', cleanup: async () => undefined };
  },
};

function postgres(url: string): TestDatabase {
  return {
    name: 'postgres',
    async create() {
      const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
      await ensurePostgresSchema(url, schema);
      return { url, pgSchema: schema, cleanup: () => dropPostgresSchema(url, schema) };
    },
  };
}

/**
 * The databases every API test runs on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set
 * (CI sets it to the local server). Use with `describe.each(testDatabases)`.
 */
export const testDatabases: TestDatabase[] = [
  sqlite,
  ...(process.env.TEST_DATABASE_URL ? [postgres(process.env.TEST_DATABASE_URL)] : []),
];
