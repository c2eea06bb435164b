import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build, webDistDir } from './app.js';
import { ConfigError, loadConfig } from './platform/config.js';
import { errorSummary } from './platform/errors.js';

/** Process entry: validate config, build the web app if needed, migrate, listen, shut down gracefully. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }

  // In development Vite serves the web app itself (npm run dev).
  const dev = process.env.KINDRED_DEV === '1';
  if (!dev && (!fs.existsSync(path.join(webDistDir, 'index.html')) || process.env.KINDRED_REBUILD_WEB === '1')) {
    console.log('Building the web app (first start only)…');
    const res = spawnSync(process.execPath, [path.resolve('node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
      stdio: 'inherit',
    });
    if (res.status !== 0) {
      console.error('The web app failed to build; see the messages above.');
      process.exit(1);
    }
  }

  const app = await build({ serveWeb: !dev });
  const address = await app.listen({ port: config.port, host: config.host });
  const dialect = app.kindred.database.dialect;
  console.log(`Kindred is running at ${address.replace('127.0.0.1', 'localhost')}  (database: ${dialect}, bus: ${app.kindred.bus.kind})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    // app.close(): sockets get a reconnect hint and close 1012; the listener closes (no new
    // connections; idle keep-alive ones end); in-flight requests finish; then the outbox drains and
    // the database closes. Requests still running after the grace period are cut off; a shutdown
    // that still hangs ends the process with 1 so a supervisor notices.
    const graceMs = config.shutdownGraceSeconds * 1000;
    const cutOff = setTimeout(() => {
      app.log.warn({ graceSeconds: config.shutdownGraceSeconds }, 'requests still running after the grace period; closing their connections');
      app.server.closeAllConnections();
    }, graceMs);
    const force = setTimeout(() => {
      app.log.error('shutdown did not finish; exiting');
      process.exit(1);
    }, graceMs + 10_000);
    // A keep-alive connection whose last request finished during shutdown would otherwise stay
    // open (and hold the close) until its keep-alive timeout.
    const idleSweep = setInterval(() => app.server.closeIdleConnections(), 100);
    cutOff.unref();
    force.unref();
    idleSweep.unref();
    try {
      await app.close();
    } catch (err) {
      app.log.error({ err: errorSummary(err) }, 'shutdown failed');
      process.exit(1);
    }
    app.log.info('shut down cleanly');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

void main();
