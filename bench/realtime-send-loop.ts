/**
 * The send loop of a reply's fan-out, alone (ADR 056): a `ws` server sends a thread's two events
 * (the post, ~600 bytes, and the thread's counts) to 1,000 local sockets, read by a child process,
 * four ways, interleaved, 15 rounds:
 *   each event one `ws.send` per socket (how the gateway sent before ADR 056);
 *   the same with each TCP socket corked at its first frame and uncorked after both (ADR 056);
 *   the post with the thread's counts in one event, corked (the gateway since ADR 059);
 *   the post alone (one event: what the bare `ws` baseline of bench/realtime.bench.ts sends).
 * Prints the median time of the synchronous send loop and of the loop's start → the last post read
 * by the child. Say the load average with its figures: the machine is shared.
 *
 *   npx tsx bench/realtime-send-loop.ts
 */
import { fork } from 'node:child_process';
import http from 'node:http';
import type { Socket } from 'node:net';
import os from 'node:os';
import WebSocket, { WebSocketServer } from 'ws';

const SOCKETS = 1000;
const ROUNDS = 15;
/** A monotonic clock both processes share (process.hrtime reads CLOCK_MONOTONIC). */
const now = () => Number(process.hrtime.bigint()) / 1e6;
const tcpOf = (ws: WebSocket) => (ws as unknown as { _socket: Socket })._socket;

if (process.argv[2] === 'reader') {
  const port = Number(process.argv[3]);
  const sockets: WebSocket[] = [];
  for (let i = 0; i < SOCKETS; i++) {
    const s = new WebSocket(`ws://127.0.0.1:${port}/`);
    await new Promise((resolve) => s.once('open', resolve));
    sockets.push(s);
  }
  let got = 0;
  for (const s of sockets)
    s.on('message', (raw: Buffer) => {
      if (raw.includes('post_created') && ++got === SOCKETS) process.send!({ last: now() });
    });
  process.on('message', () => (got = 0));
  process.send!({ ready: true });
} else {
  const server = http.createServer();
  const wss = new WebSocketServer({ server });
  const sockets: WebSocket[] = [];
  wss.on('connection', (s) => sockets.push(s));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const reader = fork(process.argv[1]!, ['reader', String((server.address() as { port: number }).port)], { execArgv: process.execArgv });
  await new Promise((resolve) => reader.once('message', resolve));
  const post = Buffer.from(JSON.stringify({ type: 'event', room: 'thread:t', event: { id: 'a', type: 'community.post_created', data: { post: { id: 'p', bodyHtml: 'x'.repeat(500) } } } }));
  const counts = Buffer.from(JSON.stringify({ type: 'event', room: 'thread:t', event: { id: 'b', type: 'community.thread_activity', data: { replyCount: 5, reactionCount: 2 } } }));
  /** A reply since ADR 059: the post with its thread's counts, one event. */
  const combined = Buffer.from(JSON.stringify({ type: 'event', room: 'thread:t', event: { id: 'c', type: 'community.post_created', data: { post: { id: 'p', bodyHtml: 'x'.repeat(500) }, replyCount: 5, reactionCount: 2, lastActivityAt: new Date().toISOString() } } }));
  const ways: Record<string, () => void> = {
    'two events, a write each': () => {
      for (const s of sockets) s.send(post, { binary: false });
      for (const s of sockets) s.send(counts, { binary: false });
    },
    'two events, corked: one write': () => {
      for (const s of sockets) {
        tcpOf(s).cork();
        s.send(post, { binary: false });
      }
      for (const s of sockets) s.send(counts, { binary: false });
      for (const s of sockets) tcpOf(s).uncork();
    },
    'one event with the counts, corked (a reply since ADR 059)': () => {
      for (const s of sockets) {
        tcpOf(s).cork();
        s.send(combined, { binary: false });
      }
      for (const s of sockets) tcpOf(s).uncork();
    },
    'one event (the bare baseline)': () => {
      for (const s of sockets) s.send(post, { binary: false });
    },
  };
  const times: Record<string, { loop: number[]; last: number[] }> = {};
  const load = os.loadavg()[0]!;
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, send] of Object.entries(ways)) {
      const done = new Promise<{ last: number }>((resolve) => reader.once('message', resolve as never));
      reader.send('next');
      await new Promise((resolve) => setTimeout(resolve, 30));
      const t0 = now();
      send();
      const t1 = now();
      const { last } = await done;
      (times[name] ??= { loop: [], last: [] }).loop.push(t1 - t0);
      times[name].last.push(last - t0);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
  }
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!;
  for (const [name, t] of Object.entries(times)) console.log(`${name.padEnd(32)} send loop ${median(t.loop).toFixed(1)} ms, loop start → last post read ${median(t.last).toFixed(1)} ms`);
  console.log(`${SOCKETS} sockets, median of ${ROUNDS}; load average ${load.toFixed(2)} → ${os.loadavg()[0]!.toFixed(2)}`);
  reader.kill();
  process.exit(0);
}
