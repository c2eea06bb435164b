import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { periodic } from './periodic.js';

describe('periodic sweeps', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs the sweep on every tick once started, once however often it is started, and no more once stopped', async () => {
    let runs = 0;
    const sweep = periodic(1000, async () => runs++);
    await vi.advanceTimersByTimeAsync(3000);
    expect(runs).toBe(0);
    sweep.start();
    sweep.start();
    await vi.advanceTimersByTimeAsync(3000);
    expect(runs).toBe(3);
    sweep.stop();
    await vi.advanceTimersByTimeAsync(3000);
    expect(runs).toBe(3);
  });

  it('never runs with an interval of 0 (tests call the sweep themselves)', async () => {
    let runs = 0;
    periodic(0, async () => runs++).start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toBe(0);
  });

  it('keeps going after a failed sweep, logging its kind (never its message) when given a logger and staying silent otherwise', async () => {
    const warnings: [unknown, string][] = [];
    let runs = 0;
    const failing = async () => {
      runs++;
      throw Object.assign(new Error('update failed for handle "quiet_river"'), { code: 'SQLITE_BUSY' });
    };
    const logged = periodic(1000, failing, { name: 'training sweep', warn: (obj, msg) => warnings.push([obj, msg]) });
    const silent = periodic(1000, failing);
    logged.start();
    silent.start();
    await vi.advanceTimersByTimeAsync(2000);
    logged.stop();
    silent.stop();
    expect(runs).toBe(4);
    expect(warnings).toEqual([
      [{ err: { name: 'Error', code: 'SQLITE_BUSY' } }, 'training sweep failed'],
      [{ err: { name: 'Error', code: 'SQLITE_BUSY' } }, 'training sweep failed'],
    ]);
    expect(JSON.stringify(warnings)).not.toContain('quiet_river');
  });

  it('keeps going after a sweep that throws before its first await (it is a failed run, not a job stuck as running)', async () => {
    let runs = 0;
    const throwsAtOnce = (): Promise<unknown> => {
      runs++;
      throw new Error('thrown synchronously');
    };
    const job = periodic(1000, throwsAtOnce);
    job.start();
    await vi.advanceTimersByTimeAsync(3000);
    job.stop();
    expect(runs).toBe(3);
  });

  it('skips a tick while the run before is still going, and runs again at the next tick after it ends (failed or not)', async () => {
    let started = 0;
    let running = 0;
    let most = 0;
    const ends: ((failed: boolean) => void)[] = [];
    const sweep = periodic(1000, () => {
      started++;
      running++;
      most = Math.max(most, running);
      return new Promise<void>((resolve, reject) => ends.push((failed) => (running--, failed ? reject(new Error('database went away')) : resolve())));
    });
    sweep.start();
    await vi.advanceTimersByTimeAsync(5000);
    expect(started).toBe(1);
    ends[0]!(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(started).toBe(2);
    await vi.advanceTimersByTimeAsync(3000);
    expect(started).toBe(2);
    ends[1]!(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(started).toBe(3);
    sweep.stop();
    ends[2]!(false);
    expect(most).toBe(1);
  });
});
