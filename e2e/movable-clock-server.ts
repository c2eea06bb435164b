/**
 * The real app (same `build()` as `src/server/main.ts`) with a clock the browser test can move over
 * IPC, for data that must carry an earlier date. Test-only: nothing in the product moves a clock.
 */
import { build } from '../src/server/app.js';
import type { Clock } from '../src/server/platform/clock.js';
import { loadConfig } from '../src/server/platform/config.js';

let offsetMs = 0;
const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };

process.on('message', (msg: { offsetMs: number }) => {
  offsetMs = msg.offsetMs;
  process.send?.({ ok: true });
});

const config = loadConfig();
const app = await build({ serveWeb: true, clock });
await app.listen({ port: config.port, host: config.host });

const stop = () => {
  void app.close().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
