import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration from the environment', () => {
  it('reads the thread list cache bound in megabytes, 16 by default, and names the variable when it is wrong', () => {
    expect(loadConfig({}).threadListCacheBytes).toBe(16 * 1024 * 1024);
    expect(loadConfig({ KINDRED_THREAD_LIST_CACHE_MB: '2' }).threadListCacheBytes).toBe(2 * 1024 * 1024);
    expect(loadConfig({ KINDRED_THREAD_LIST_CACHE_MB: '0.5' }).threadListCacheBytes).toBe(512 * 1024);
    for (const bad of ['lots', '0', '-1', '5000']) {
      expect(() => loadConfig({ KINDRED_THREAD_LIST_CACHE_MB: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ KINDRED_THREAD_LIST_CACHE_MB: bad }), bad).toThrow(/KINDRED_THREAD_LIST_CACHE_MB/);
    }
  });

  it("reads PostgreSQL's bounds in milliseconds, with defaults, 0 for none, and names the variable when it is wrong (ADR 041)", () => {
    expect(loadConfig({})).toMatchObject({ pgStatementTimeoutMs: 15_000, pgLongStatementTimeoutMs: 600_000, pgIdleInTransactionTimeoutMs: 60_000, pgConnectTimeoutMs: 10_000 });
    expect(loadConfig({ KINDRED_PG_STATEMENT_TIMEOUT_MS: '5000', KINDRED_PG_LONG_STATEMENT_TIMEOUT_MS: '0', KINDRED_PG_IDLE_IN_TRANSACTION_TIMEOUT_MS: '0', KINDRED_PG_CONNECT_TIMEOUT_MS: '2500' })).toMatchObject({
      pgStatementTimeoutMs: 5000,
      pgLongStatementTimeoutMs: 0,
      pgIdleInTransactionTimeoutMs: 0,
      pgConnectTimeoutMs: 2500,
    });
    // No bound for requests: none for the long units of work either (theirs only ever raises it).
    expect(loadConfig({ KINDRED_PG_STATEMENT_TIMEOUT_MS: '0' }).pgLongStatementTimeoutMs).toBe(0);
    for (const name of ['KINDRED_PG_STATEMENT_TIMEOUT_MS', 'KINDRED_PG_LONG_STATEMENT_TIMEOUT_MS', 'KINDRED_PG_IDLE_IN_TRANSACTION_TIMEOUT_MS', 'KINDRED_PG_CONNECT_TIMEOUT_MS']) {
      for (const bad of ['soon', '-1', '1.5', '99999999999']) {
        expect(() => loadConfig({ [name]: bad }), `${name}=${bad}`).toThrow(new RegExp(`Invalid environment variable ${name}`));
      }
      // Empty or blank (a line left as `NAME=` in an env file) would coerce to 0, turning the bound off.
      for (const blank of ['', '  ']) {
        expect(() => loadConfig({ [name]: blank }), `${name}='${blank}'`).toThrow(new RegExp(`${name}: must not be blank`));
      }
    }
    expect(() => loadConfig({ KINDRED_PG_STATEMENT_TIMEOUT_MS: '20000', KINDRED_PG_LONG_STATEMENT_TIMEOUT_MS: '10000' })).toThrow(/KINDRED_PG_LONG_STATEMENT_TIMEOUT_MS: must be 0 \(no bound\) or at least KINDRED_PG_STATEMENT_TIMEOUT_MS/);
  });
});
