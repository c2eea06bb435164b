import type { Socket } from 'node:net';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { WebSocket } from '@fastify/websocket';
import type { ClientMessage, RealtimeEvent, ServerMessage } from '../../contracts/events.js';
import type { Actor, RoomAsk } from '../platform/actor.js';
import type { Bus, BusEvent } from '../platform/bus.js';
import { isDatabaseUnavailable } from '../platform/db.js';
import { errorKind } from '../platform/errors.js';

/** Decides whether an actor may join a room, e.g. "thread:<id>". Checked at every subscribe. */
export type RoomAuthorizer = (actor: Actor, roomId: string) => boolean | Promise<boolean>;

/**
 * Decides for many sockets' rooms of one kind at once whether each may stay (the periodic recheck
 * of every room): one answer per asked, in order, from a fixed number of reads per call (one to
 * four statements, whatever the number asked), never one per socket. It must answer as the room's
 * recheck authorizer would; throwing fails the whole call (see settleRecheck).
 */
export type RoomsRechecker = (asked: readonly RoomAsk[]) => Promise<boolean[]>;

/** One person's rooms to authorize again (see recheckPersonRoomsWhen): `rooms` picks which of the rooms their sockets have open. */
export interface PersonRooms {
  userId: string;
  rooms: (room: string) => boolean;
}

interface Connection {
  socket: WebSocket;
  actor: Actor;
  /**
   * The rooms joined, each with the number of its latest join: a recheck leaves a room only if it is
   * still the join it checked (its "no" may come after the socket left and joined again, allowed anew).
   */
  rooms: Map<string, number>;
  /** Ids of the last events sent (at most RECENT_EVENT_IDS, oldest first): an event id reaches a socket once. */
  recent: Set<string>;
  /** Settles once the session was checked again after the socket joined its rooms (see confirm); subscribes wait for it. */
  confirmed: Promise<void>;
}

/**
 * Event ids a socket remembers, to send an event once even when it arrives again: the outbox
 * publishes again an event whose publish timed out (ADR 033), which may have reached Redis all the
 * same, a moment (a few seconds to a minute) later. A socket gets far fewer events than this in that time.
 */
const RECENT_EVENT_IDS = 256;

/**
 * Bounded send buffer: the bytes a socket may hold queued in this process (beyond what the kernel
 * already took) before it is closed as too slow. A reader that stops reading (a frozen tab, a
 * dead phone link) then costs at most this much, and the others are never held up by it: fan-out
 * only queues, it never waits on a socket.
 */
export const MAX_BUFFERED_BYTES = 1024 * 1024;
/**
 * Close code and reason for a socket that fell behind: 1013 "try again later". The web client
 * (src/web/lib/realtime.ts) reconnects on any close (after 4401 only while still signed in), and refetches what is on screen,
 * which recovers the events this socket missed.
 */
export const SLOW_CONSUMER_CLOSE = { code: 1013, reason: 'too slow: reconnect and refetch' } as const;
/**
 * Bytes a socket may hold corked in this process during one synchronous job (see sendFrame) before they are
 * written at once: far below MAX_BUFFERED_BYTES, so a burst in one job never makes a socket that
 * keeps up look slow (corked bytes count in its buffered amount).
 */
export const CORK_FLUSH_BYTES = 64 * 1024;
/** Close code and reason for a new socket whose session could not be checked again (the database did not answer). */
export const SESSION_UNCHECKED_CLOSE = { code: 1011, reason: 'could not check the session: reconnect' } as const;
/** After a restart notice, a client has this long to answer the close handshake before its socket is cut. */
const CLOSE_HANDSHAKE_MS = 2000;
/**
 * A socket closed as too slow keeps its queue (at most the bound) until it reads the close frame
 * or this long has passed; a briefly frozen tab can still read the close code and reconnect at once.
 */
const SLOW_CLOSE_GRACE_MS = 10_000;
/**
 * The TCP socket under a WebSocket (ws keeps it as `_socket`, and writes each frame to it at once
 * when, as here, messages are not compressed), if it can be corked; otherwise frames are sent one
 * write each, as ws does by itself.
 */
function tcpSocketOf(socket: WebSocket): Socket | undefined {
  const tcp = (socket as unknown as { _socket?: Socket })._socket;
  return tcp && typeof tcp.cork === 'function' && typeof tcp.uncork === 'function' && !tcp.destroyed ? tcp : undefined;
}

/** Notes that an event id reached a socket, forgetting the oldest past RECENT_EVENT_IDS. */
function remember(conn: Connection, id: string): void {
  conn.recent.add(id);
  if (conn.recent.size > RECENT_EVENT_IDS) conn.recent.delete(conn.recent.values().next().value!);
}

/** Whether two role lists name the same roles. */
function sameRoles(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((role) => b.includes(role));
}

/** C0 and C1 control characters and DEL: never in a room id (see onMessage). */
const CONTROL_CHARACTER = /\p{Cc}/u;

/** Suggested wait before reconnecting; clients add their own jitter and backoff. */
const RECONNECT_AFTER_MS = 1000;
/** Suggested wait before subscribing again after a subscribe whose check failed (`unavailable`); clients back off from it. */
export const SUBSCRIBE_RETRY_AFTER_MS = 1000;

/**
 * Session ids the periodic recheck reads per statement, yielding to other work between two: 10,000
 * sockets in one statement held SQLite's event loop 51–157 ms, and a PostgreSQL read 150–260 ms (ADR 036).
 */
export const RECHECK_CHUNK = 1000;
/**
 * Sockets' rooms the minute's recheck of every room authorizes one socket each, this many at a
 * time, yielding to other work between two: the rooms whose last recheck failed, and those of a
 * kind with no batched rechecker. Each is up to three reads, all of one chunk run in one turn of
 * the event loop on SQLite: 500 at once held it 130–340 ms (ADR 036); 25 hold it a few ms.
 */
export const ROOM_RECHECK_CHUNK = 25;
/**
 * Sockets' rooms of one kind the periodic recheck of every room asks a RoomsRechecker about per
 * call (a few statements for the chunk), yielding to other work between two: the ids fit in one
 * `in (…)` list on both databases, and a chunk's answers are settled in well under a millisecond.
 */
export const ROOMS_RECHECK_CHUNK = 500;
/**
 * A recheck not done after this long is given up, with a warning: a read stuck on a connection
 * that stopped answering (a dead peer; the statement timeout, ADR 041, bounds a slow statement but
 * not a socket that never answers, nor SQLite) would otherwise have every later tick wait on it.
 * Its answer, if one comes, is dropped; the next tick reads again.
 */
export const RECHECK_TIMEOUT_MS = 30_000;

/**
 * The kinds of room the periodic recheck of every room takes first, in this order: losing one
 * late costs most (an off-duty supervisor still sent crisis alerts; a private conversation, request,
 * circle or group read after access ended). Other kinds (threads, spaces) come after.
 */
const RECHECK_FIRST = ['safety', 'mentorship', 'supervision', 'circle', 'group'];
const recheckRank = (prefix: string): number => {
  const rank = RECHECK_FIRST.indexOf(prefix);
  return rank < 0 ? RECHECK_FIRST.length : rank;
};

/**
 * The WebSocket gateway. A socket authenticates with the session cookie, joins its own
 * `user:<id>` room, and may subscribe to other rooms only when their authorizer allows it.
 * Events arrive from the bus (so from any instance) and fan out to the local sockets in their rooms.
 */
export class RealtimeGateway {
  private readonly authorizers = new Map<string, RoomAuthorizer>();
  /** Authorizers used instead of `authorizers` when a joined room is checked again (see authorizeRooms). */
  private readonly recheckers = new Map<string, RoomAuthorizer>();
  /** Batched recheckers, used by the periodic recheck of every room (see authorizeRooms). */
  private readonly manyRecheckers = new Map<string, RoomsRechecker>();
  private readonly rooms = new Map<string, Set<Connection>>();
  private readonly connections = new Set<Connection>();
  private readonly recheckTypes = new Set<string>();
  private readonly roomSelectors = new Map<string, (event: BusEvent, openRooms: string[]) => Promise<string[]>>();
  private readonly personSelectors = new Map<string, (event: BusEvent) => PersonRooms | null>();
  /** Room rechecks under way (see roomRechecksDone). */
  private readonly rechecks = new Set<Promise<void>>();
  /**
   * Sockets' rooms whose last recheck could not be answered (the database was unavailable): the
   * socket stays in them until the next periodic tick checks them again, and leaves them if that
   * check cannot be answered either (see recheckSocket). Each with the join it was noted for, and
   * when (`recheckClock`): a "yes" read before the note was made does not settle it.
   */
  private readonly uncheckedRooms = new Map<Connection, Map<string, { join: number; noted: number }>>();
  /** Counts room rechecks started and unknowns noted, to order the two (see settleRecheck). */
  private recheckClock = 0;
  /**
   * The order in which the periodic recheck of every room takes the kinds: the privacy-critical
   * ones first (recheckRank), and a kind whose pass was given up at the timeout moved to the back,
   * to resume at `sweepResume` (how many of its rooms, in listing order, were reached).
   */
  private readonly sweepOrder: string[] = [];
  private readonly sweepResume = new Map<string, number>();
  /** Rechecks that failed since the last tick, and whether the first of them was logged (see noteUncheckedRoom). */
  private failedRechecks = 0;
  /** Joins so far: each gets the next number (see Connection.rooms). */
  private joins = 0;
  /**
   * Changes heard so far that may take rooms away (an event that rechecks rooms, roles applied). A
   * subscribe reads it before its authorizer and, when it moved by the join, rechecks that room
   * right after joining: the recheck the change started did not see a socket not yet in the room.
   */
  private roomEndings = 0;
  private readonly unsubscribe: () => void;
  private readonly maxBufferedBytes: number;
  private closing = false;
  /** The TCP sockets corked in this synchronous job, uncorked together in a microtask after it (see sendFrame). */
  private readonly corked = new Set<Socket>();
  /** The shutdown, once asked for (see close). */
  private closed: Promise<void> | null = null;
  private slowClosed = 0;
  /** The periodic recheck under way, if any (never rejects): a tick that comes while it runs waits for it instead of reading again. */
  private rechecking: Promise<void> | null = null;
  /** Roles reads started so far, and per person with sockets here the last one applied (see refreshRoles). */
  private rolesReads = 0;
  private readonly appliedRolesRead = new Map<string, number>();

  /**
   * `rolesOf` reads a person's current roles from the database (after `account.roles_changed`);
   * `sessionRoles` the same for the person of a session, with the session's current id (another
   * when it was rotated, within the grace), or null when that session ended.
   */
  constructor(
    private readonly deps: {
      bus: Bus;
      log: FastifyBaseLogger;
      rolesOf: (userId: string) => Promise<Actor['roles']>;
      sessionRoles: (sessionId: string) => Promise<{ sessionId: string; roles: Actor['roles'] } | null>;
      /** `sessionRoles` for many sessions in one read, keyed by the id asked for (absent: ended); see recheckSessions. */
      sessionsRoles: (sessionIds: string[]) => Promise<Map<string, { sessionId: string; roles: Actor['roles'] }>>;
      maxBufferedBytes?: number;
      /** Session ids per read of the periodic recheck (RECHECK_CHUNK unless a test lowers it). */
      recheckChunk?: number;
      /** Sockets' rooms per chunk of the periodic recheck of a kind with no batched rechecker (ROOM_RECHECK_CHUNK unless a test lowers it). */
      roomRecheckChunk?: number;
      /** Sockets' rooms per batched call of the periodic recheck (ROOMS_RECHECK_CHUNK unless a test lowers it). */
      roomsRecheckChunk?: number;
    },
  ) {
    this.maxBufferedBytes = deps.maxBufferedBytes ?? MAX_BUFFERED_BYTES;
    this.unsubscribe = deps.bus.subscribe((event) => this.fanOut(event));
  }

  /**
   * Registers who may join rooms named `<prefix>` or `<prefix>:<id>`. `recheck`, when given, decides
   * instead whether a socket already in such a room may stay (after a change event or a roles
   * change): the same question without the subscribe's side effects (a supervisor's opening of a
   * mentoring conversation is audited once, when they join, not at every recheck). `recheckMany`,
   * when given, answers the same for many sockets' rooms at once, for the periodic recheck of every
   * room; a kind registered without one (a test's wrapped authorizer) is rechecked there one socket
   * at a time. Registering a prefix again replaces all three.
   */
  authorizeRooms(prefix: string, authorizer: RoomAuthorizer, opts: { recheck?: RoomAuthorizer; recheckMany?: RoomsRechecker } = {}): void {
    this.authorizers.set(prefix, authorizer);
    if (opts.recheck) this.recheckers.set(prefix, opts.recheck);
    else this.recheckers.delete(prefix);
    if (opts.recheckMany) this.manyRecheckers.set(prefix, opts.recheckMany);
    else this.manyRecheckers.delete(prefix);
  }

  /**
   * After an event of this type, the sockets in its rooms are authorized again and dropped from
   * the rooms they may no longer join (someone left a circle, a group agreement changed).
   */
  recheckRoomsOn(eventType: string): void {
    this.recheckTypes.add(eventType);
  }

  /**
   * After an event of this type, the rooms `select` names are authorized again (as with
   * `recheckRoomsOn`), for events whose rooms are not the ones to check: a space changed, and with
   * it who may follow that space and its threads live. `select` gets the rooms open on this
   * instance (so that it names only those) and runs before any recheck.
   */
  recheckRoomsWhen(eventType: string, select: (event: BusEvent, openRooms: string[]) => Promise<string[]>): void {
    this.roomSelectors.set(eventType, select);
  }

  /**
   * After an event of this type, the rooms one person's sockets here have open (those `select`
   * names: a person and which of their rooms) are authorized again, for that person only, as a
   * roles change does: a change that takes a room from one person (they left a program, went off
   * duty, stopped supervising someone) costs a check of their own rooms, not of everyone in them.
   * `select` is synchronous and reads only the event; null: nothing to check.
   */
  recheckPersonRoomsWhen(eventType: string, select: (event: BusEvent) => PersonRooms | null): void {
    this.personSelectors.set(eventType, select);
  }

  /**
   * Every room every open socket holds (but `user:` and `session:`, which have no authorizer),
   * authorized again, as part of the periodic recheck (so bounded by its timeout): a change whose
   * event this instance never heard (a Redis subscription reconnecting, a live push the outbox
   * dropped after a long outage, ADR 033), or access that ends with time and no event (a
   * supervisor's grant expiring), ends the room within one period. First, one socket at a time,
   * the rooms whose last recheck could not be answered (uncheckedRooms: unknown again is their
   * second failure in a row). Then every other room, kind by kind in `sweepOrder`:
   * ROOMS_RECHECK_CHUNK at a time to the kind's batched rechecker (a few statements per chunk, not
   * one per socket), or `single` at a time through its one-room recheck when it has none; other
   * work let in between two chunks. Each answer ends only the join it checked. A run given up at
   * its timeout stops at its next chunk; the kind it stopped in goes to the back of `sweepOrder`
   * and resumes where it stopped (`sweepResume`), so a slow kind cannot keep the kinds after it
   * unchecked tick after tick: each is reached within as many ticks as there are kinds (a chunk
   * under way may finish on its own, harmless for the same reason).
   */
  private async recheckEveryRoom(run: { abandoned: boolean }, single: number, many: number): Promise<void> {
    const unchecked = new Map(this.uncheckedRooms);
    this.uncheckedRooms.clear();
    if (this.failedRechecks > 1) this.deps.log.warn({ failed: this.failedRechecks }, 'realtime: room rechecks failed since the last tick; those sockets kept their rooms, checked again now');
    this.failedRechecks = 0;
    // Kinds registered since the last tick join the order, the privacy-critical ones first.
    for (const prefix of [...this.authorizers.keys()].sort((a, b) => recheckRank(a) - recheckRank(b))) {
      if (!this.sweepOrder.includes(prefix)) this.sweepOrder.push(prefix);
    }
    // Every room, by kind, with the join it is checked for (listed by room, not by socket: a room's
    // kind is worked out once, however many sockets are in it). First those whose last recheck of
    // that join could not be answered: unknown again is their second failure in a row.
    type Due = { conn: Connection; room: string; join: number; unknownBefore: boolean; reached?: boolean };
    const retry = new Map<string, Due[]>();
    const rest = new Map<string, Due[]>();
    for (const [room, members] of this.rooms) {
      const prefix = room.split(':')[0]!;
      if (!this.authorizers.has(prefix)) continue;
      for (const conn of members) {
        const join = conn.rooms.get(room)!;
        const unknownBefore = unchecked.get(conn)?.get(room)?.join === join;
        const phase = unknownBefore ? retry : rest;
        let due = phase.get(prefix);
        if (!due) phase.set(prefix, (due = []));
        due.push({ conn, room, join, unknownBefore });
      }
    }
    // A copy: a kind given up on moves to the back of the order for the next tick.
    for (const prefix of [...this.sweepOrder]) {
      // This kind's rooms whose last check was unknown first, then the others from where a tick
      // given up stopped (those before were checked then).
      const retried = retry.get(prefix) ?? [];
      const others = rest.get(prefix) ?? [];
      const from = Math.min(this.sweepResume.get(prefix) ?? 0, others.length);
      const due = [...retried, ...others.slice(from)];
      const recheckMany = this.manyRecheckers.get(prefix);
      const size = recheckMany ? many : single;
      for (let start = 0; start < due.length; start += size) {
        // Messages, requests and bus events run between two chunks.
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (run.abandoned || this.closing) {
          // Given up: the rooms whose check was unknown and not reached yet stay noted for the next tick.
          for (const dues of retry.values()) for (const d of dues) if (!d.reached) this.rememberUnchecked(d.conn, d.room, d.join);
          this.sweepResume.set(prefix, from + Math.max(0, start - retried.length));
          this.sweepOrder.splice(this.sweepOrder.indexOf(prefix), 1);
          this.sweepOrder.push(prefix);
          return;
        }
        for (const d of due.slice(start, start + size)) d.reached = true;
        // Still in the room by the same join (it may have left, or been dropped, since the list was made).
        const sameJoin = ({ conn, room, join }: Due) => this.connections.has(conn) && conn.rooms.get(room) === join;
        const chunk = due.slice(start, start + size).filter(sameJoin);
        if (chunk.length === 0) continue;
        if (!recheckMany) {
          await this.recheckOneByOne(chunk, single);
          continue;
        }
        let answers: boolean[];
        const asked = ++this.recheckClock;
        try {
          answers = await recheckMany(chunk.map(({ conn, room }) => ({ actor: conn.actor, id: room.slice(prefix.length + 1) })));
        } catch (err) {
          if (isDatabaseUnavailable(err)) {
            chunk.forEach(({ conn, room, join, unknownBefore }) => this.settleRecheck(conn, room, join, unknownBefore, { err }));
            continue;
          }
          // A bug or a refusal in the batch is not an answer about any one socket: each is asked
          // alone (and still fails closed if its own check throws), not all told `denied`.
          this.deps.log.error({ err: errorKind(err), kind: prefix }, 'realtime: a batched room recheck threw; its rooms are checked one at a time');
          await this.recheckOneByOne(chunk.filter(sameJoin), single);
          continue;
        }
        chunk.forEach(({ conn, room, join, unknownBefore }, k) => this.settleRecheck(conn, room, join, unknownBefore, { ok: answers[k] === true, asked }));
      }
      this.sweepResume.delete(prefix);
    }
  }

  /** Rechecks these sockets' rooms through the one-room recheck, `size` at once. */
  private async recheckOneByOne(due: ReadonlyArray<{ conn: Connection; room: string; join: number; unknownBefore: boolean }>, size: number): Promise<void> {
    for (let start = 0; start < due.length; start += size) {
      await Promise.all(due.slice(start, start + size).map(({ conn, room, join, unknownBefore }) => this.recheckSocket(conn, room, unknownBefore ? join : undefined)));
    }
  }

  private recheckPersonRooms({ userId, rooms: pick }: PersonRooms): void {
    const sockets = this.rooms.get(`user:${userId}`);
    if (!sockets) return;
    const rooms = new Set([...sockets].flatMap((conn) => [...conn.rooms.keys()].filter(pick)));
    for (const room of rooms) this.recheck(room, (conn) => conn.actor.userId === userId);
  }

  private recheck(room: string, only: (conn: Connection) => boolean = () => true): void {
    for (const conn of [...(this.rooms.get(room) ?? [])].filter(only)) void this.recheckSocket(conn, room);
  }

  /**
   * Authorizes one socket's room again (tracked, never rejects), and ends it on a "no", unless the
   * socket left the room or joined it again meanwhile: that later join was authorized by itself.
   * An authorizer that throws because the database is unavailable (isDatabaseUnavailable: a read
   * cut by the statement timeout, a lock held elsewhere, the database restarting) answered
   * nothing: the socket keeps the room, and the next periodic tick checks it again. Ending it at
   * once would take `safety:duty` (crisis alerts) from a supervisor still on duty for a slow read,
   * and the web client does not subscribe again after a `denied`. But unknown twice in a row
   * (`unknownJoin`: the tick's check of a room whose last check of this join was unknown) ends it, with
   * `unavailable`: privacy fails closed within about a minute, and the client's retry subscribes
   * again, a fresh check that lets an on-duty supervisor back once the database answers. Any
   * other error (a bug, an AppError, bad input) is a "no" (ADR 036, amendment).
   */
  private recheckSocket(conn: Connection, room: string, unknownJoin?: number): Promise<void> {
    const [prefix, ...rest] = room.split(':');
    const authorizer = this.recheckers.get(prefix!) ?? this.authorizers.get(prefix!);
    const joined = conn.rooms.get(room);
    if (!authorizer || joined === undefined) return Promise.resolve();
    const unknownBefore = unknownJoin === joined;
    const asked = ++this.recheckClock;
    const work = Promise.resolve()
      .then(() => authorizer(conn.actor, rest.join(':')))
      .then(
        (ok) => this.settleRecheck(conn, room, joined, unknownBefore, { ok, asked }),
        (err: unknown) => this.settleRecheck(conn, room, joined, unknownBefore, { err }),
      );
    this.track(work);
    return work;
  }

  /**
   * Acts on a recheck's answer for one socket's room, unless the socket left the room or joined it
   * again since (`joined`: that later join was authorized by itself). Yes: it stays, and an unknown
   * noted for this join before the check began (`asked`, from recheckClock) is settled; one noted
   * since, by a later check that failed, is not (this "yes" may be older than what made it fail).
   * No: it leaves, told `denied`. An error: see recheckSocket (`unknownBefore`: this join's last
   * recheck was unknown already).
   */
  private settleRecheck(conn: Connection, room: string, joined: number, unknownBefore: boolean, outcome: { ok: boolean; asked: number } | { err: unknown }): void {
    if (conn.rooms.get(room) !== joined) return;
    if ('ok' in outcome) {
      if (outcome.ok) {
        const note = this.uncheckedRooms.get(conn)?.get(room);
        if (note && note.join === joined && note.noted < outcome.asked) this.uncheckedRooms.get(conn)!.delete(room);
        return;
      }
      this.leave(conn, room);
      // Told, as at a refused subscribe: the client stops showing the room as live.
      return this.send(conn, { type: 'denied', room, reason: 'no longer allowed' });
    }
    const { err } = outcome;
    if (!isDatabaseUnavailable(err)) {
      // Not the database being slow or away: a bug or a refusal. Fails closed.
      this.deps.log.error({ err: errorKind(err) }, 'realtime: a room recheck threw; the socket leaves the room');
      this.leave(conn, room);
      return this.send(conn, { type: 'denied', room, reason: 'no longer allowed' });
    }
    if (!unknownBefore) return this.noteUncheckedRoom(conn, room, joined, err);
    this.noteFailedRecheck(err);
    this.leave(conn, room);
    // Not a "no": the client subscribes again (with backoff), a fresh check.
    this.send(conn, { type: 'unavailable', room, afterMs: SUBSCRIBE_RETRY_AFTER_MS });
  }

  /** Notes a socket's room for the next tick's recheck, if the socket is still in it by the same join; false if not. */
  private rememberUnchecked(conn: Connection, room: string, join: number): boolean {
    if (!this.connections.has(conn) || conn.rooms.get(room) !== join) return false;
    let rooms = this.uncheckedRooms.get(conn);
    if (!rooms) this.uncheckedRooms.set(conn, (rooms = new Map()));
    rooms.set(room, { join, noted: ++this.recheckClock });
    return true;
  }

  /**
   * Remembers a room whose recheck failed, for the next tick. Logged by kind only (its message may
   * quote the statement), the first failure between two ticks only: a database outage fails the
   * recheck of every socket in a room at once (the tick logs how many).
   */
  private noteUncheckedRoom(conn: Connection, room: string, join: number, err: unknown): void {
    if (this.rememberUnchecked(conn, room, join)) this.noteFailedRecheck(err);
  }

  /** Counts a recheck the database could not answer, logging the first between two ticks (the tick logs how many). */
  private noteFailedRecheck(err: unknown): void {
    if (this.failedRechecks++ === 0) this.deps.log.warn({ err: errorKind(err) }, 'realtime: a room recheck could not be answered; the socket keeps the room until the next tick, and leaves it if that fails too');
  }

  /** Keeps a room recheck under way in `rechecks` until it settles (it never rejects). */
  private track(work: Promise<void>): void {
    this.rechecks.add(work);
    void work.finally(() => this.rechecks.delete(work));
  }

  /**
   * Settles once every room recheck started so far on this instance (after a change event or a
   * roles change) is done, and those they started: tests wait on it where a recheck that keeps a
   * socket in its room sends nothing to wait for.
   */
  async roomRechecksDone(): Promise<void> {
    while (this.rechecks.size > 0) await Promise.all(this.rechecks);
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Sockets closed so far because their send buffer went over the bound (a counter for /metrics). */
  get slowConsumersClosed(): number {
    return this.slowClosed;
  }

  register(app: FastifyInstance): void {
    // The handler is synchronous on purpose: listeners attached after an await miss early messages.
    // The session was already resolved by the app's onRequest hook, from the database.
    app.get('/api/realtime', { websocket: true, schema: { hide: true } }, (socket, req) => {
      const actor = req.actor;
      if (this.closing) {
        // A socket that slipped in during shutdown is told at once to come back later.
        socket.send(JSON.stringify({ type: 'reconnect', afterMs: RECONNECT_AFTER_MS } satisfies ServerMessage));
        socket.close(1012, 'service restart');
        return;
      }
      if (!actor) {
        socket.close(4401, 'sign in first');
        return;
      }
      const conn: Connection = { socket, actor, rooms: new Map(), recent: new Set(), confirmed: Promise.resolve() };
      this.connections.add(conn);
      this.join(conn, `user:${actor.userId}`);
      this.join(conn, `session:${actor.sessionId}`);
      socket.on('message', (raw: Buffer) => {
        void this.onMessage(conn, raw);
      });
      socket.on('close', () => this.drop(conn));
      socket.on('error', () => this.drop(conn));
      conn.confirmed = this.confirm(conn);
    });
  }

  /**
   * Checks the session again once the socket is in its rooms. The handshake read it from the
   * database, but a revocation or a roles change that committed after that read may have been
   * heard here before the socket joined `session:<id>` and `user:<id>`, and so have missed it;
   * any later one reaches it there. So: a session ended by then closes the socket; roles changed
   * by then are applied (as after `account.roles_changed`). A session rotated by then (its
   * `session.rotated` not heard yet, or heard before the join) is followed to its new id, as that
   * event does, and checked again there. Fails closed: a socket whose session could not be read
   * is closed, and its client reconnects. A failed check applies nothing, and so never holds back
   * a roles read of the person's other sockets (see refreshRoles).
   */
  private async confirm(conn: Connection): Promise<void> {
    const { userId } = conn.actor;
    const read = ++this.rolesReads;
    let live: { sessionId: string; roles: Actor['roles'] } | null;
    try {
      for (;;) {
        const sessionId = conn.actor.sessionId;
        live = await this.deps.sessionRoles(sessionId);
        // Moved to the session's new id meanwhile (session.rotated): check that one.
        if (conn.actor.sessionId !== sessionId) continue;
        if (!live || live.sessionId === sessionId) break;
        // Once in the room of the new id, a revocation of it reaches the socket: read again from there.
        this.followRotation(conn, sessionId, live.sessionId);
      }
    } catch (err) {
      this.deps.log.error({ err: err instanceof Error ? err.name : 'Unknown' }, 'realtime: could not check a new socket\'s session; closing it');
      conn.socket.close(SESSION_UNCHECKED_CLOSE.code, SESSION_UNCHECKED_CLOSE.reason);
      return;
    }
    if (!live) {
      conn.socket.close(4401, 'session ended');
      return;
    }
    const { roles } = live;
    this.applyRoles(userId, read, () => roles);
  }

  /**
   * Checks every open socket's session and roles against the database again (run about once a
   * minute, see app.ts). The bus tells a socket of a revocation, a roles change or an erasure at
   * once, but a lost event (a Redis subscription reconnecting, a live push the outbox dropped after
   * a long outage, ADR 033) would leave it open, or in rooms its roles no longer allow, until it
   * reconnected; this bounds that to one period. A session ended by then closes its sockets (4401,
   * as `session.revoked`); one rotated is followed to its new id (as `session.rotated`); roles that
   * differ from the sockets' are applied and their rooms authorized again (as
   * `account.roles_changed`, in the same order with the other roles reads). The sessions are read
   * RECHECK_CHUNK at a time, each chunk a roles read of its own, with other work let in between.
   * Then every room of every socket is authorized again, by kind, in batches (recheckEveryRoom):
   * a lost event that took a room (a circle left, a group agreement changed, a program left, duty
   * ended), or a grant that lapsed, ends it within the period. Never rejects: a session read that
   * fails closes nothing (the next tick tries again; closing every socket would have them all
   * reconnect at once) and is logged by its kind only (its message may quote session ids); a room
   * read that fails is unknown (see settleRecheck); one not done in RECHECK_TIMEOUT_MS is given up,
   * with a warning.
   */
  recheckSessions(): Promise<void> {
    this.rechecking ??= this.boundedRecheck().finally(() => (this.rechecking = null));
    return this.rechecking;
  }

  private async boundedRecheck(): Promise<void> {
    const run = { abandoned: false };
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timed out'>((resolve) => {
      timer = setTimeout(() => resolve('timed out'), RECHECK_TIMEOUT_MS);
      timer.unref();
    });
    const work = this.recheckAll(run);
    try {
      if ((await Promise.race([work, timedOut])) === 'timed out') {
        run.abandoned = true;
        // Its read may still fail later: nothing more to say about it.
        work.catch(() => undefined);
        this.deps.log.warn({ timeoutMs: RECHECK_TIMEOUT_MS }, 'realtime: the session recheck did not finish in time; given up, the next tick reads again');
      }
    } catch (err) {
      this.deps.log.warn({ err: errorKind(err) }, "realtime: could not recheck open sockets' sessions; none closed, the next tick tries again");
    } finally {
      clearTimeout(timer);
    }
  }

  private async recheckAll(run: { abandoned: boolean }): Promise<void> {
    if (this.closing || this.connections.size === 0) return;
    // The sockets under each session when the recheck began: one moved since (session.rotated) is checked next time.
    const bySession = new Map<string, Connection[]>();
    for (const conn of this.connections) {
      const sockets = bySession.get(conn.actor.sessionId);
      if (sockets) sockets.push(conn);
      else bySession.set(conn.actor.sessionId, [conn]);
    }
    const sessionIds = [...bySession.keys()];
    const chunk = this.deps.recheckChunk ?? RECHECK_CHUNK;
    for (let start = 0; start < sessionIds.length; start += chunk) {
      // Messages, requests and bus events run between two reads.
      if (start > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      if (run.abandoned || this.closing) return;
      const ids = sessionIds.slice(start, start + chunk);
      const read = ++this.rolesReads;
      const live = await this.deps.sessionsRoles(ids);
      if (run.abandoned || this.closing) return;
      const rolesFound = new Map<string, Actor['roles']>();
      for (const sessionId of ids) {
        for (const conn of bySession.get(sessionId)!) {
          if (!this.connections.has(conn) || conn.actor.sessionId !== sessionId) continue;
          const found = live.get(sessionId);
          if (!found) {
            conn.socket.close(4401, 'session ended');
            continue;
          }
          if (found.sessionId !== sessionId) this.followRotation(conn, sessionId, found.sessionId);
          rolesFound.set(conn.actor.userId, found.roles);
        }
      }
      for (const [userId, roles] of rolesFound) this.applyRoles(userId, read, () => roles);
    }
    if (!run.abandoned && !this.closing) await this.recheckEveryRoom(run, this.deps.roomRecheckChunk ?? ROOM_RECHECK_CHUNK, this.deps.roomsRecheckChunk ?? ROOMS_RECHECK_CHUNK);
  }

  /** Moves a socket from `session:<from>` to `session:<to>`, so that revoking the session later still reaches it. */
  private followRotation(conn: Connection, from: string, to: string): void {
    this.leave(conn, `session:${from}`);
    this.join(conn, `session:${to}`);
    conn.actor = { ...conn.actor, sessionId: to };
  }

  private async onMessage(conn: Connection, raw: Buffer): Promise<void> {
    let msg: ClientMessage;
    try {
      msg = JSON.parse(raw.toString('utf8')) as ClientMessage;
    } catch {
      return;
    }
    if (msg?.type === 'ping') return this.send(conn, { type: 'pong' });
    if ((msg?.type !== 'subscribe' && msg?.type !== 'unsubscribe') || typeof msg.room !== 'string' || msg.room.length > 120) return;
    if (msg.type === 'unsubscribe') {
      this.leave(conn, msg.room);
      return;
    }
    // No room id holds a control character: refused before any read (PostgreSQL rejects a NUL in
    // text, 22021, which would otherwise cost a read and a logged error per message).
    if (CONTROL_CHARACTER.test(msg.room)) return this.send(conn, { type: 'denied', room: msg.room, reason: 'not allowed' });
    // Under the roles the session has now, not those of the handshake (see confirm).
    await conn.confirmed;
    const [prefix, ...rest] = msg.room.split(':');
    const authorizer = this.authorizers.get(prefix!);
    const endingsBefore = this.roomEndings;
    let allowed: boolean | 'unknown' = false;
    try {
      allowed = !!authorizer && (await authorizer(conn.actor, rest.join(':')));
    } catch (err) {
      if (isDatabaseUnavailable(err)) {
        // Not a "no": the database could not answer (a slow or locked read, a restart). The client
        // asks again later, with backoff (src/web/lib/realtime.ts), instead of giving the room up.
        this.deps.log.warn({ err: errorKind(err) }, 'realtime: a subscribe could not be checked; the client is told to try again');
        allowed = 'unknown';
      } else {
        // Any other error (a bug, an AppError) is a "no": a retry would meet it again.
        this.deps.log.error({ err: errorKind(err) }, 'realtime: a subscribe check threw; refused');
      }
    }
    // A socket closed meanwhile (its session ended, or it went away) joins nothing.
    if (!this.connections.has(conn) || conn.socket.readyState !== 1) return;
    if (allowed === 'unknown') return this.send(conn, { type: 'unavailable', room: msg.room, afterMs: SUBSCRIBE_RETRY_AFTER_MS });
    if (!allowed) return this.send(conn, { type: 'denied', room: msg.room, reason: 'not allowed' });
    this.join(conn, msg.room);
    this.send(conn, { type: 'subscribed', room: msg.room });
    // A change heard while the authorizer read may have taken the room (its recheck did not see this
    // socket, not in it yet): checked again now that it is in, so any later change sees it too.
    if (this.roomEndings !== endingsBefore) void this.recheckSocket(conn, msg.room);
  }

  private join(conn: Connection, room: string): void {
    conn.rooms.set(room, ++this.joins);
    // A join (a subscribe allowed again) is checked by itself: an earlier join's unknown does not carry over.
    this.uncheckedRooms.get(conn)?.delete(room);
    let set = this.rooms.get(room);
    if (!set) this.rooms.set(room, (set = new Set()));
    set.add(conn);
  }

  private leave(conn: Connection, room: string): void {
    conn.rooms.delete(room);
    this.uncheckedRooms.get(conn)?.delete(room);
    const set = this.rooms.get(room);
    set?.delete(conn);
    if (set && set.size === 0) {
      this.rooms.delete(room);
      // The person's last socket here is gone: no roles of theirs left to keep in order.
      if (room.startsWith('user:')) this.appliedRolesRead.delete(room.slice('user:'.length));
    }
  }

  private drop(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    this.uncheckedRooms.delete(conn);
    for (const room of [...conn.rooms.keys()]) this.leave(conn, room);
  }

  private fanOut(event: BusEvent): void {
    const payload: RealtimeEvent = { id: event.id, type: event.type as RealtimeEvent['type'], occurredAt: event.occurredAt, data: event.data as RealtimeEvent['data'] };
    // Once per socket: one in several of the event's rooms (its own and a thread it reads) gets it
    // in the first of them, and not at all when this event id already reached it.
    for (const room of event.rooms) {
      const members = this.rooms.get(room);
      if (!members) continue;
      // Serialized once per room, not once per socket (a busy thread has a thousand watchers), and
      // only when some socket there still needs it.
      let frame: Buffer | null = null;
      for (const conn of members) {
        if (conn.recent.has(event.id)) continue;
        remember(conn, event.id);
        frame ??= Buffer.from(JSON.stringify({ type: 'event', room, event: payload } satisfies ServerMessage));
        this.sendFrame(conn, frame);
      }
    }
    if (this.recheckTypes.has(event.type)) {
      this.roomEndings += 1;
      for (const room of event.rooms) this.recheck(room);
    }
    const select = this.roomSelectors.get(event.type);
    if (select) {
      this.roomEndings += 1;
      this.track(
        select(event, [...this.rooms.keys()])
          .then((rooms) => {
            for (const room of rooms) this.recheck(room);
          })
          .catch((err: unknown) => this.deps.log.error({ err: errorKind(err), eventType: event.type }, 'realtime: could not recheck rooms')),
      );
    }
    const person = this.personSelectors.get(event.type)?.(event);
    if (person) {
      this.roomEndings += 1;
      this.recheckPersonRooms(person);
    }
    // A revoked session loses its live connection at once.
    if (event.type === 'session.revoked') {
      const sessionId = (event.data as { sessionId: string }).sessionId;
      for (const conn of this.rooms.get(`session:${sessionId}`) ?? []) conn.socket.close(4401, 'session ended');
    }
    // A rotated session keeps its sockets under its new id, so revoking it later still reaches them.
    if (event.type === 'session.rotated') {
      const { from, to } = event.data as { from: string; to: string };
      for (const conn of [...(this.rooms.get(`session:${from}`) ?? [])]) this.followRotation(conn, from, to);
    }
    if (event.type === 'account.roles_changed') {
      const { userId, roles } = event.data as { userId: string; roles: readonly string[] };
      // Tracked with the room rechecks: its read is one of them (tests and shutdown wait for it).
      this.track(this.refreshRoles(userId, roles));
    }
  }

  /**
   * Roles changed: the sockets of that person take the roles the database holds now, never the
   * ones the event carries. An event may arrive late or twice (the outbox publishes again one whose
   * publish timed out, and an older one may be retried after a newer one, ADR 033): applying its
   * roles would give back a revoked role. Reads overlap: one is applied unless one started after it
   * (which sees at least every change it saw) was applied already. If the read fails, the sockets
   * keep only the roles they had that the event also names: an unchecked event never adds a role.
   * A read that applies nothing (a new socket's check that failed, see confirm) holds back no other.
   */
  private async refreshRoles(userId: string, named: readonly string[]): Promise<void> {
    if (!this.rooms.has(`user:${userId}`)) return;
    const read = ++this.rolesReads;
    let roles: Actor['roles'] | null = null;
    try {
      roles = await this.deps.rolesOf(userId);
    } catch (err) {
      this.deps.log.error({ err: err instanceof Error ? err.name : 'Unknown' }, 'realtime: could not read roles after a change; keeping only roles the change still names');
    }
    this.applyRoles(userId, read, (conn) => roles ?? conn.actor.roles.filter((r) => named.includes(r)));
  }

  /**
   * Gives every socket of the person the roles a read found, unless a read started later was
   * applied already. Roles every socket holds already authorize no room again, whoever read them
   * (a new socket's check, a late or repeated `account.roles_changed`, the periodic recheck): the
   * rooms were authorized under these very roles, and whatever else took a room away has its own
   * event or the periodic recheck of every room. The read still counts as applied, so an older
   * one that comes back later does not undo it.
   */
  private applyRoles(userId: string, read: number, rolesFor: (conn: Connection) => Actor['roles']): void {
    const sockets = this.rooms.get(`user:${userId}`);
    if (!sockets || (this.appliedRolesRead.get(userId) ?? 0) > read) return;
    this.appliedRolesRead.set(userId, read);
    if ([...sockets].every((conn) => sameRoles(conn.actor.roles, rolesFor(conn)))) return;
    for (const conn of sockets) conn.actor = { ...conn.actor, roles: rolesFor(conn) };
    // A subscribe authorized under the old roles, not joined yet, is checked again once it joins.
    this.roomEndings += 1;
    // Rooms joined under the old roles are re-checked: losing a role loses its rooms.
    this.recheckPersonRooms({ userId, rooms: () => true });
  }

  private send(conn: Connection, msg: ServerMessage): void {
    this.sendFrame(conn, Buffer.from(JSON.stringify(msg)));
  }

  /**
   * Queues one text frame without waiting for it to be written (so one socket never delays the
   * next), unless the socket's queue is already over the bound: then it is closed instead, and
   * cut off if it does not take the close frame in time (it is not reading, so it may never).
   *
   * The frames a socket gets in one synchronous job leave in one write: its TCP socket is
   * corked at the first and uncorked in a microtask once the job is done, or as soon as
   * CORK_FLUSH_BYTES are held. A reply sends each of a thread's watchers two events (the post and
   * the thread's counts), published together by the outbox: one system call per socket instead
   * of two, half the send loop's time for a thousand watchers (ADR 056). Order is kept (one
   * stream per socket), and corked bytes count in `bufferedAmount`, so the bound still applies.
   */
  private sendFrame(conn: Connection, frame: Buffer): void {
    const socket = conn.socket;
    if (socket.readyState !== 1) return;
    if (socket.bufferedAmount > this.maxBufferedBytes) {
      this.slowClosed += 1;
      this.deps.log.warn({ bufferedBytes: socket.bufferedAmount, rooms: conn.rooms.size }, 'realtime: closing a socket that fell behind');
      socket.close(SLOW_CONSUMER_CLOSE.code, SLOW_CONSUMER_CLOSE.reason);
      setTimeout(() => socket.terminate(), SLOW_CLOSE_GRACE_MS).unref();
      return;
    }
    const tcp = tcpSocketOf(socket);
    if (tcp && !this.corked.has(tcp)) {
      if (this.corked.size === 0) queueMicrotask(() => this.uncorkAll());
      tcp.cork();
      this.corked.add(tcp);
    }
    socket.send(frame, { binary: false });
    if (tcp && tcp.writableLength > CORK_FLUSH_BYTES && this.corked.delete(tcp)) tcp.uncork();
  }

  /**
   * Writes what every socket corked in this job holds, in the order they were first written to.
   * The set is emptied first and each uncork guarded, so one socket that throws can never leave
   * the set non-empty (sendFrame schedules the next uncork only when it is empty).
   */
  private uncorkAll(): void {
    const corked = [...this.corked];
    this.corked.clear();
    for (const tcp of corked) {
      try {
        tcp.uncork();
      } catch (error) {
        this.deps.log.warn({ err: errorKind(error) }, 'realtime: uncork failed; the next socket is still written');
      }
    }
  }

  /**
   * Graceful shutdown: every socket gets a `reconnect` hint, then close code 1012 (service restart).
   * Returns once a periodic recheck and the room rechecks under way are done (each at most RECHECK_TIMEOUT_MS); the HTTP server's close waits for the handshakes, and a client that does not
   * answer within CLOSE_HANDSHAKE_MS is cut off so it cannot hold the shutdown.
   */
  close(): Promise<void> {
    // Asked twice by the app (before the HTTP server closes, and after): both wait for the same shutdown.
    this.closed ??= this.shutDown();
    return this.closed;
  }

  private async shutDown(): Promise<void> {
    this.closing = true;
    this.unsubscribe();
    for (const conn of this.connections) {
      this.send(conn, { type: 'reconnect', afterMs: RECONNECT_AFTER_MS });
      conn.socket.close(1012, 'service restart');
      const socket = conn.socket;
      setTimeout(() => socket.terminate(), CLOSE_HANDSHAKE_MS).unref();
    }
    // A recheck under way ends first (it applies nothing now, and never rejects): its read must not outlive the database, closed after this.
    await this.rechecking;
    // Room rechecks under way read the database too; bounded as the session recheck is (a read stuck on a dead connection).
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.roomRechecksDone(), new Promise<void>((resolve) => (timer = setTimeout(resolve, RECHECK_TIMEOUT_MS)).unref())]);
    clearTimeout(timer);
    this.connections.clear();
    this.rooms.clear();
  }
}
