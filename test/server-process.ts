import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A TCP port nobody listens on right now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

let bundle: Promise<string> | null = null;

/**
 * The server's code (src/server/main.ts and everything it imports) compiled by esbuild into one
 * file, once per test process: the same compiler tsx runs file by file, without tsx's per-module
 * loader hooks, which make each start several seconds slower on a busy machine. Packages stay
 * external and load from node_modules, so the file lives under node_modules/.cache.
 */
function serverBundle(): Promise<string> {
  bundle ??= (async () => {
    const { build } = await import('esbuild');
    const dir = path.join(rootDir, 'node_modules', '.cache', 'kindred-test');
    fs.mkdirSync(dir, { recursive: true });
    const outfile = path.join(dir, `server-${process.pid}.mjs`);
    await build({
      entryPoints: [path.join(rootDir, 'src', 'server', 'main.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile,
      logLevel: 'warning',
    });
    process.once('exit', () => fs.rmSync(outfile, { force: true }));
    return outfile;
  })();
  return bundle;
}

/**
 * Resolves once the server `child` answers `${baseURL}/api/health`; fails with what it wrote so far
 * (`output()`) if it exits first, or is killed (SIGKILL) and fails after `timeoutMs`.
 */
export async function waitUntilHealthy(child: ChildProcess, baseURL: string, output: () => string, { timeoutMs, pollMs }: { timeoutMs: number; pollMs: number }): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited early:\n${output()}`);
    try {
      const res = await fetch(`${baseURL}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not become healthy in time:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

export interface ServerProcess {
  baseURL: string;
  port: number;
  child: ChildProcess;
  /** Everything the process wrote so far (JSON log lines at LOG_LEVEL=info). */
  output(): string;
  /** Log lines parsed as JSON (other lines skipped). */
  logLines(): Record<string, unknown>[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Ends the process if it still runs (SIGKILL): for cleanup after a failed test. */
  kill(): void;
}

/**
 * Starts the real server (`src/server/main.ts`, compiled as above) as a child process on a free
 * port, with a SQLite file and key file in `dir`. The web app is not served (KINDRED_DEV=1), so no web build is needed.
 */
export async function startServerProcess(dir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const inherited = { ...process.env };
  // The key file is the point of some tests; Redis is not needed on one instance.
  delete inherited.KINDRED_SECRET;
  delete inherited.KINDRED_OLD_SECRETS;
  delete inherited.REDIS_URL;
  const child = spawn(process.execPath, [await serverBundle()], {
    cwd: rootDir,
    env: {
      ...inherited,
      NODE_ENV: 'production',
      KINDRED_DEV: '1',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${path.join(dir, 'kindred.db')}`,
      KINDRED_KEY_FILE: path.join(dir, 'kindred.key'),
      KINDRED_RATE_LIMIT_PER_MINUTE: '100000',
      KINDRED_WRITE_RATE_LIMIT_PER_MINUTE: '100000',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  const baseURL = `http://127.0.0.1:${port}`;
  await waitUntilHealthy(child, baseURL, () => output, { timeoutMs: 60_000, pollMs: 100 });

  return {
    baseURL,
    port,
    child,
    output: () => output,
    logLines: () =>
      output.split('\n').flatMap((line) => {
        if (!line.startsWith('{')) return [];
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      }),
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

export interface HttpResult {
  status: number;
  body: unknown;
}

/** A browser-like client over real HTTP: keeps its cookies and sends the CSRF token on writes. */
export class HttpSession {
  private readonly cookies = new Map<string, string>();
  private csrf: string | null = null;

  constructor(readonly baseURL: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private absorb(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(method: string, url: string, body?: unknown): Promise<HttpResult> {
    const headers: Record<string, string> = { cookie: this.cookieHeader };
    if (method !== 'GET') {
      if (!this.csrf) {
        const res = await fetch(`${this.baseURL}/api/auth/csrf`, { headers: { cookie: this.cookieHeader } });
        this.absorb(res);
        this.csrf = ((await res.json()) as { token: string }).token;
        headers.cookie = this.cookieHeader;
      }
      headers['x-csrf-token'] = this.csrf;
    }
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseURL}${url}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    this.absorb(res);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed };
  }

  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: unknown) {
    return this.request('POST', url, body);
  }
}

/** Signs up through the real route; the session is then signed in as the new account. */
export async function signUp(baseURL: string, handle: string, password = `pw-${handle}-long-enough`): Promise<{ session: HttpSession; id: string; handle: string; password: string }> {
  const session = new HttpSession(baseURL);
  const res = await session.post('/api/auth/sign-up', { handle, password, ageConfirmed: true });
  if (res.status !== 201) throw new Error(`sign-up of ${handle}: ${res.status} ${JSON.stringify(res.body)}`);
  return { session, id: (res.body as { id: string }).id, handle, password };
}
