import type { ClientMessage, RealtimeEvent, ServerMessage } from '../../contracts/events.js';

export type RealtimeStatus = 'connecting' | 'open' | 'closed';

export interface RealtimeHandlers {
  onEvent(event: RealtimeEvent, room: string): void;
  /** After a reconnect: events may have been missed, so refetch what is on screen. */
  onReconnected(): void;
  /**
   * The server closed the socket because it found the session ended (4401). Resolves true when
   * the session holds all the same (the socket's check lost a race, e.g. with a rotation of the
   * session): the client then reconnects, with backoff, as it does when the check fails. False stops it.
   */
  onUnauthorized(): Promise<boolean>;
  onStatus?(status: RealtimeStatus): void;
  /** The rooms the server has confirmed (a room asked for but not listed was refused or is pending). */
  onRooms?(joined: ReadonlySet<string>): void;
}

const MAX_BACKOFF_MS = 30_000;
const UNAUTHORIZED_CLOSE = 4401;

/**
 * One WebSocket per tab at /api/realtime, authenticated by the session cookie. Rooms are
 * re-subscribed after every reconnect; reconnects back off exponentially (with jitter) up to 30 s.
 */
export class RealtimeClient {
  private socket: WebSocket | null = null;
  /** Rooms and how many parts of the page asked for each: a room is left when the last one lets go. */
  private readonly rooms = new Map<string, number>();
  private readonly joined = new Set<string>();
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private everOpened = false;
  /**
   * Rooms whose subscribe the server could not check (`unavailable`: not a "no"), with the tries so
   * far and the timer of the next one. A tab must not stay off `safety:duty` for a slow read.
   */
  private readonly retries = new Map<string, { attempt: number; timer: ReturnType<typeof setTimeout> | null }>();

  constructor(private readonly handlers: RealtimeHandlers) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.clearRetries();
    this.socket?.close(1000, 'bye');
    this.socket = null;
  }

  subscribe(room: string): void {
    const n = this.rooms.get(room) ?? 0;
    this.rooms.set(room, n + 1);
    if (n === 0) this.send({ type: 'subscribe', room });
  }

  unsubscribe(room: string): void {
    const n = this.rooms.get(room) ?? 0;
    if (n > 1) {
      this.rooms.set(room, n - 1);
      return;
    }
    this.rooms.delete(room);
    this.clearRetry(room);
    this.setJoined(room, false);
    this.send({ type: 'unsubscribe', room });
  }

  private setJoined(room: string, on: boolean): void {
    if (on === this.joined.has(room)) return;
    if (on) this.joined.add(room);
    else this.joined.delete(room);
    this.handlers.onRooms?.(new Set(this.joined));
  }

  /** Subscribes again after the server could not check a subscribe, backing off per room (with jitter) up to 30 s. */
  private retrySubscribe(room: string, afterMs: number): void {
    if (this.stopped || !this.rooms.has(room)) return;
    const retry = this.retries.get(room) ?? { attempt: 0, timer: null };
    if (retry.timer) return;
    const base = Math.min(MAX_BACKOFF_MS, Math.max(afterMs, 1000) * 2 ** retry.attempt) / 2;
    retry.attempt += 1;
    retry.timer = setTimeout(() => {
      retry.timer = null;
      if (this.rooms.has(room)) this.send({ type: 'subscribe', room });
    }, base + Math.random() * base);
    this.retries.set(room, retry);
  }

  private clearRetry(room: string): void {
    const retry = this.retries.get(room);
    if (retry?.timer) clearTimeout(retry.timer);
    this.retries.delete(room);
  }

  private clearRetries(): void {
    for (const room of [...this.retries.keys()]) this.clearRetry(room);
  }

  private send(msg: ClientMessage): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(msg));
  }

  private connect(): void {
    if (this.stopped) return;
    // The new socket subscribes to every room at its open: no retry of the last one's may run on it
    // (a second subscribe, audited twice for a supervisor), nor its rooms count as joined. Done here,
    // not only at the old socket's close: a reconnect hint replaces the socket before that close fires.
    this.clearRetries();
    if (this.joined.size > 0) {
      this.joined.clear();
      this.handlers.onRooms?.(new Set());
    }
    this.handlers.onStatus?.('connecting');
    const url = new URL('/api/realtime', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url);
    this.socket = socket;

    socket.addEventListener('open', () => {
      const reconnected = this.everOpened;
      this.everOpened = true;
      this.attempt = 0;
      this.handlers.onStatus?.('open');
      for (const room of this.rooms.keys()) this.send({ type: 'subscribe', room });
      if (reconnected) this.handlers.onReconnected();
    });

    socket.addEventListener('message', (ev: MessageEvent<string>) => {
      let msg: ServerMessage;
      try {
        msg = JSON.parse(ev.data) as ServerMessage;
      } catch {
        return;
      }
      if (msg.type === 'event') this.handlers.onEvent(msg.event, msg.room);
      else if (msg.type === 'subscribed') {
        this.clearRetry(msg.room);
        this.setJoined(msg.room, this.rooms.has(msg.room));
      } else if (msg.type === 'denied') {
        this.clearRetry(msg.room);
        this.setJoined(msg.room, false);
      } else if (msg.type === 'unavailable') {
        // Not a "no": the server could not check it now. Asked again later, not given up.
        this.setJoined(msg.room, false);
        this.retrySubscribe(msg.room, msg.afterMs);
      }
      else if (msg.type === 'reconnect') this.scheduleReconnect(msg.afterMs);
    });

    socket.addEventListener('close', (ev) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.joined.clear();
      // The next socket subscribes to every room at its open: no retry of this one's is left to run.
      this.clearRetries();
      this.handlers.onRooms?.(new Set());
      this.handlers.onStatus?.('closed');
      if (this.stopped) return;
      if (ev.code === UNAUTHORIZED_CLOSE) {
        // A tab left without live updates while still signed in would miss alerts until reloaded.
        // Unknown (the check failed): try again, with backoff; a 4401 at the next handshake asks again.
        void this.handlers.onUnauthorized().then(
          (signedIn) => {
            if (signedIn) this.scheduleReconnect();
          },
          () => this.scheduleReconnect(),
        );
        return;
      }
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(afterMs?: number): void {
    if (this.stopped || this.timer) return;
    // Jitter on both paths: after a restart every tab gets the same hint at the same moment, and
    // without it they would all come back in the same millisecond.
    const base = afterMs ?? Math.min(MAX_BACKOFF_MS, 1000 * 2 ** this.attempt) / 2;
    const delay = base + Math.random() * base;
    this.attempt += 1;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.socket && this.socket.readyState <= WebSocket.OPEN) this.socket.close(1000, 'reconnecting');
      this.socket = null;
      this.connect();
    }, delay);
  }
}
