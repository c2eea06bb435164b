import { errorKind } from './errors.js';

/** A background sweep on a timer; see `periodic`. */
export interface PeriodicSweep {
  start(): void;
  stop(): void;
}

/**
 * Runs `sweep` every `everyMs` once started (never when `everyMs` is 0: tests call the sweep
 * themselves). The timer does not keep the process alive. A sweep that fails is tried again at the
 * next tick; its error's kind (name and code, never its message, which may quote values) is logged
 * when `log` is given (sweeps that never log stay silent).
 * A tick that comes while the previous run is still going is skipped, not started beside it: a slow
 * sweep (a database under load) would otherwise have runs pile up on one instance, each claiming and
 * sending the same work again. The next tick after it ends runs.
 * The sweeps themselves claim their work by conditional updates, so several instances may run them.
 */
export function periodic(everyMs: number, sweep: () => Promise<unknown>, log?: { name: string; warn(obj: unknown, msg: string): void }): PeriodicSweep {
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  const onError = (err: unknown) => log?.warn({ err: errorKind(err) }, `${log.name} failed`);
  const tick = () => {
    if (running) return;
    running = true;
    // Through a resolved promise, so a sweep that throws before its first await is a failed run
    // (logged, tried at the next tick), not a job left marked running for good.
    void Promise.resolve()
      .then(sweep)
      .catch(onError)
      .finally(() => (running = false));
  };
  return {
    start() {
      if (everyMs <= 0 || timer) return;
      timer = setInterval(tick, everyMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
