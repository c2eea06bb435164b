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
});
