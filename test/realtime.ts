import WebSocket from 'ws';
import type { ServerMessage } from '../src/contracts/events.js';
import type { KindredApp } from '../src/server/app.js';
import type { TestClient } from './client.js';

/** A real WebSocket to a listening app, authenticated by the client's session cookie. */
export class TestSocket {
  readonly messages: ServerMessage[] = [];
  private waiters: { match: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })));
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as ServerMessage;
      this.messages.push(msg);
      this.waiters = this.waiters.filter((w) => (w.match(msg) ? (w.resolve(msg), false) : true));
    });
  }

  /** Settles with the close code and reason, whenever the socket closes (listened to from the start). */
  readonly closed: Promise<{ code: number; reason: string }>;

  static async open(app: KindredApp, client: TestClient): Promise<TestSocket> {
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('the app is not listening');
    const ws = new WebSocket(`ws://127.0.0.1:${address.port}/api/realtime`, { headers: { cookie: client.cookieHeader } });
    // Listening before 'open': a socket the server closes at once may close before open() returns.
    const socket = new TestSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return socket;
  }

  send(msg: unknown): void {
    this.ws.send(JSON.stringify(msg));
  }

  /** Resolves with the first matching message received from index `from` on (default: any so far). */
  next(match: (m: ServerMessage) => boolean, timeoutMs = 5000, from = 0): Promise<ServerMessage> {
    const seen = this.messages.slice(from).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching realtime message arrived')), timeoutMs);
      this.waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }

  async subscribe(room: string): Promise<ServerMessage> {
    const from = this.messages.length;
    this.send({ type: 'subscribe', room });
    return this.next((m) => (m.type === 'subscribed' || m.type === 'denied' || m.type === 'unavailable') && m.room === room, 5000, from);
  }

  close(): void {
    this.ws.close();
  }
}

/** A room's "no longer allowed" (a recheck took it away), as `TestSocket.next` matches it. */
export const deniedNow = (room: string) => (m: ServerMessage) => m.type === 'denied' && m.room === room && m.reason === 'no longer allowed';

/** Everything the server sent this socket up to a ping sent now (the server answers in order). */
export async function drained(socket: TestSocket): Promise<ServerMessage[]> {
  const from = socket.messages.length;
  socket.send({ type: 'ping' });
  await socket.next((m) => m.type === 'pong', 5000, from);
  return socket.messages;
}

/** Whether the socket got an event of this room carrying `text` (an id, a body) by now. */
export async function gotInRoom(socket: TestSocket, room: string, text: string): Promise<boolean> {
  return (await drained(socket)).some((m) => m.type === 'event' && m.room === room && JSON.stringify(m.event).includes(text));
}

/** Runs `fn` with a way to open sockets, and ends every socket it opened afterwards, passed or failed. */
export async function withSockets<T>(fn: (open: (app: KindredApp, client: TestClient) => Promise<TestSocket>) => Promise<T>): Promise<T> {
  const sockets: TestSocket[] = [];
  try {
    return await fn(async (app, client) => {
      const socket = await TestSocket.open(app, client);
      sockets.push(socket);
      return socket;
    });
  } finally {
    for (const socket of sockets) socket.ws.terminate();
  }
}
