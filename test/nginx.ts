import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Runs the repository's nginx configuration (deploy/nginx.conf) on loopback ports, for the
 * two-instance test and `npm run bench -- --instances 2`. Only its listen port and upstream lines
 * change; everything nginx writes (pid, logs, temp files) stays in the caller's folder.
 */
export const nginxBin = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Writes deploy/nginx.conf with these ports, and a main configuration around it, into `dir`; returns the main file. */
export function writeNginxConfig(dir: string, listenPort: number, upstreamPorts: number[]): string {
  let site = fs.readFileSync(path.join(rootDir, 'deploy', 'nginx.conf'), 'utf8');
  const upstreams = [...site.matchAll(/^([ \t]*)server[ \t]+127\.0\.0\.1:300[12]\b(.*)$/gm)];
  const listens = site.match(/^[ \t]*listen[ \t]+80;/gm) ?? [];
  if (upstreams.length !== 2 || listens.length !== 1) throw new Error('deploy/nginx.conf no longer has the two upstream lines (127.0.0.1:3001/3002) and the "listen 80;" this helper rewrites');
  // The first sample line becomes one line per port (same options), the second goes.
  const [first, second] = upstreams as [RegExpExecArray, RegExpExecArray];
  site = site.replace(second[0] + '\n', '');
  site = site.replace(first[0], upstreamPorts.map((p) => `${first[1]}server 127.0.0.1:${p}${first[2]}`).join('\n'));
  site = site.replace(/^([ \t]*)listen[ \t]+80;/m, `$1listen 127.0.0.1:${listenPort};`);
  fs.writeFileSync(path.join(dir, 'kindred.conf'), site);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'];
  for (const t of temp) fs.mkdirSync(path.join(dir, t), { recursive: true });
  const main = [
    'daemon off;',
    'worker_processes 1;',
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log warn;`,
    // As root, workers would otherwise run as "nobody" and could not use the temp folders here.
    ...(process.getuid?.() === 0 ? ['user root;'] : []),
    'events { worker_connections 1024; }',
    'http {',
    `  access_log off;`,
    ...temp.map((t) => `  ${t}_temp_path ${dir}/${t};`),
    `  include ${dir}/kindred.conf;`,
    '}',
  ].join('\n');
  const file = path.join(dir, 'nginx.conf');
  fs.writeFileSync(file, main + '\n');
  return file;
}

/** Checks the configuration (`nginx -t`, throwing nginx's own message) and starts nginx in the foreground. */
export function startNginx(dir: string, listenPort: number, upstreamPorts: number[]): ChildProcess {
  const conf = writeNginxConfig(dir, listenPort, upstreamPorts);
  const args = ['-c', conf, '-p', `${dir}/`, '-e', `${dir}/error.log`];
  const check = spawnSync(nginxBin, ['-t', ...args], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx -t rejected the configuration:\n${check.stderr}`);
  return spawn(nginxBin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
}
