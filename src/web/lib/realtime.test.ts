import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClientMessage, ServerMessage } from '../../contracts/events.js';
import { RealtimeClient } from './realtime.js';

/**
 * The web client's subscribe retries against a stand-in for the browser's WebSocket (a browser API,
 * not our server; the server side of `unavailable` is tested for real in
 * src/server/realtime/room-recheck-errors.test.ts). Like a browser's, a closed socket's `close`
 * event fires later, not inside `close()`.
 */
class FakeWebSocket extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static all: FakeWebSocket[] = [];
  readyState = FakeWebSocket.CONNECTING;
  readonly sent: ClientMessage[] = [];
  constructor(readonly url: URL) {
    super();
    FakeWebSocket.all.push(this);
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data) as ClientMessage);
  }
  close(): void {
    this.readyState = FakeWebSocket.CLOSING;
  }
  open(): void {
    this.readyState = FakeWebSocket.OPEN;
    this.dispatchEvent(new Event('open'));
  }
  receive(msg: ServerMessage): void {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(msg) }));
  }
  /** The close event the browser fires once the closing handshake is over. */
  closed(code = 1000): void {
    this.readyState = FakeWebSocket.CLOSED;
    this.dispatchEvent(Object.assign(new Event('close'), { code }));
  }
}

describe('RealtimeClient', () => {
  beforeEach(() => {
    FakeWebSocket.all = [];
    vi.useFakeTimers();
    vi.stubGlobal('WebSocket', FakeWebSocket);
    vi.stubGlobal('window', { location: { href: 'http://localhost/' } });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('a reconnect hint drops the old socket’s pending subscribe retry: the new socket subscribes once', () => {
    const rooms: Array<ReadonlySet<string>> = [];
    const client = new RealtimeClient({ onEvent() {}, onReconnected() {}, onUnauthorized: async () => true, onRooms: (joined) => rooms.push(joined) });
    client.start();
    client.subscribe('safety:duty');
    client.subscribe('thread:t1');
    const first = FakeWebSocket.all[0]!;
    first.open();
    first.receive({ type: 'subscribed', room: 'thread:t1' });
    // The server could not check one room: a retry is due in 0.5–1 s.
    first.receive({ type: 'unavailable', room: 'safety:duty', afterMs: 1000 });
    // A restart notice: a new socket in 0.1–0.2 s, before the old one's close event has fired.
    first.receive({ type: 'reconnect', afterMs: 100 });
    vi.advanceTimersByTime(250);
    const second = FakeWebSocket.all[1]!;
    expect(second).toBeDefined();
    // The new socket has joined nothing yet.
    expect(rooms.at(-1)).toEqual(new Set());
    second.open();
    first.closed(1012);
    vi.advanceTimersByTime(60_000);
    expect(second.sent.filter((m) => m.type === 'subscribe' && m.room === 'safety:duty')).toHaveLength(1);
    expect(second.sent.filter((m) => m.type === 'subscribe' && m.room === 'thread:t1')).toHaveLength(1);
    client.stop();
  });
});
