import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build, webDistDir } from './app.js';
import { ConfigError, loadConfig } from './platform/config.js';

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
    // Stop accepting, finish in-flight requests, tell sockets to reconnect, flush the outbox.
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

void main();
