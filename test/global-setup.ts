import type { TestProject } from 'vitest/node';
import pg from 'pg';

declare module 'vitest' {
  export interface ProvidedContext {
    testRunId: string;
  }
}

/**
 * One id per test run. PostgreSQL test schemas carry it and are dropped here, after every test
 * file has finished: dropping a schema while another file's migrator introspects the catalog
 * (Kysely reads every schema's tables) makes that migrator fail with "schema … does not exist".
 */
export default function setup(project: TestProject) {
  const runId = `r${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  project.provide('testRunId', runId);
  return async () => {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) return;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ nspname: string }>('select nspname from pg_namespace where nspname like $1', [`t\\_${runId}\\_%`]);
      for (const { nspname } of rows) await client.query(`drop schema if exists "${nspname}" cascade`);
    } finally {
      await client.end();
    }
  };
}
