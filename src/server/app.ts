import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifySwagger from '@fastify/swagger';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadConfig, type Config } from './platform/config.js';
import { createBus, RedisBus, type Bus } from './platform/bus.js';
import { systemClock, type Clock } from './platform/clock.js';
import { createKeyring, loadMasterSecret, type Keyring } from './platform/crypto.js';
import { databaseReachable, isDatabaseUnavailable, keepTemporaryFilesInMemory, openDatabase, type ConnectionError, type DatabaseHandle, type OpenDatabaseOptions } from './platform/db.js';
import { installJsonCompression } from './platform/compression.js';
import { installErrorHandling } from './platform/http-errors.js';
import { errorKind } from './platform/errors.js';
import { ACCOUNT_GONE, ACCOUNT_GONE_CODE, GONE_MEANWHILE, GONE_MEANWHILE_CODE, accountExists, wordsOf } from './platform/account-gone.js';
import { BODY_LIMIT_BYTES, installJsonBodyParser } from './platform/json-body.js';
import { loggerOptions } from './platform/logger.js';
import { HttpMetrics, installMetrics } from './platform/metrics.js';
import { compiledSerializerCompiler } from './platform/response-serializer.js';
import { kindredSecurityHeaders } from './platform/security-headers.js';
import { installRequestPipeline } from './platform/request-pipeline.js';
import { requestIds } from './platform/request-ids.js';
import { migrateToLatest } from './platform/migrator.js';
import { OutboxDispatcher, UnitOfWork } from './platform/outbox.js';
import { PrivacyRegistry } from './platform/privacy.js';
import { IdempotentCreates } from './platform/idempotency.js';
import { periodic } from './platform/periodic.js';
import { registerRateLimits } from './platform/rate-limits.js';
import { SESSION_COOKIE } from './platform/session-cookie.js';
import { loadWebClient, serveWebClient } from './platform/web-client.js';
import { accountsRoutes } from './modules/accounts/accounts.routes.js';
import { AccountsService } from './modules/accounts/accounts.service.js';
import { createPasswordHasher } from './modules/accounts/passwords.js';
import { circlesRoutes } from './modules/circles/circles.routes.js';
import { CirclesService } from './modules/circles/circles.service.js';
import { communitiesRoutes } from './modules/communities/communities.routes.js';
import { communitiesRepository } from './modules/communities/communities.repository.js';
import { CommunitiesService, SPACES_CHANGED, THREADS_NARROWED } from './modules/communities/communities.service.js';
import { groupsRoutes } from './modules/groups/groups.routes.js';
import { libraryRoutes } from './modules/library/library.routes.js';
import { LibraryService } from './modules/library/library.service.js';
import { recoveryRoutes } from './modules/recovery/recovery.routes.js';
import { RecoveryService } from './modules/recovery/recovery.service.js';
import { GroupsService, PROGRAM_LEFT } from './modules/groups/groups.service.js';
import { notificationsRoutes } from './modules/notifications/notifications.routes.js';
import { NotificationsService } from './modules/notifications/notifications.service.js';
import { mentoringRoutes } from './modules/mentoring/mentoring.routes.js';
import { MentoringService } from './modules/mentoring/mentoring.service.js';
import { conversationsRoutes } from './modules/mentoring/conversations.routes.js';
import { ConversationsService } from './modules/mentoring/conversations.service.js';
import { safetyRoutes } from './modules/safety/safety.routes.js';
import { loadCurriculum } from './modules/training/curriculum.js';
import { trainingRoutes } from './modules/training/training.routes.js';
import { TrainingService } from './modules/training/training.service.js';
import { CRISIS_EVENT_TYPES, DUTY_ENDED, KEPT_EVENT_TYPES, ROOM_ON_DUTY, SafetyService, screenedInFailedUnit } from './modules/safety/safety.service.js';
import { supervisionRoutes } from './modules/supervision/supervision.routes.js';
import { SUPERVISOR_REPLACED, SupervisionService, supervisorLookup } from './modules/supervision/supervision.service.js';
import { todayRoutes } from './modules/today/today.routes.js';
import { TodayService } from './modules/today/today.service.js';
import { RealtimeGateway } from './realtime/gateway.js';

export interface BuildOptions {
  /** Overrides of the environment configuration. */
  config?: Partial<Config>;
  /** PostgreSQL schema to run in (tests use a fresh one). */
  pgSchema?: string;
  clock?: Clock;
  /** Share a bus between app instances in one process (tests), or let the app make its own. */
  bus?: Bus;
  /** false simulates a crash between commit and dispatch: events stay in the outbox. */
  dispatchEvents?: boolean;
  /** Milliseconds between outbox polls and safety sweeps; 0 turns the timers off (tests drive them). */
  pollMs?: number;
  passwordStrength?: 'production' | 'test';
  logStream?: NodeJS.WritableStream;
  /** Serve the built web app from dist/web (production). */
  serveWeb?: boolean;
  /** Where the built web app is (tests give a small one); dist/web by default. */
  webDir?: string;
  /** Sees every statement the app runs (tests of query plans). */
  onQuery?: OpenDatabaseOptions['onQuery'];
  /** Tests: session ids per read of the realtime recheck (1,000 otherwise), to see it chunked with a few sockets. */
  recheckChunk?: number;
  /** Tests: sockets' rooms per chunk of the realtime recheck of a kind with no batched rechecker (ROOM_RECHECK_CHUNK otherwise). */
  roomRecheckChunk?: number;
  /** Tests: sockets' rooms per batched call of the realtime recheck of every room (ROOMS_RECHECK_CHUNK otherwise). */
  roomsRecheckChunk?: number;
  /** Tests: every response is also serialized by zod and must come out the same (ADR 019). */
  checkResponses?: boolean;
  /** Tests: thread rooms an erasure tells (ERASURE_THREAD_ROOMS_MAX otherwise), to see the cap with a few threads. */
  erasureThreadRoomsMax?: number;
}

export interface KindredContext {
  config: Config;
  database: DatabaseHandle;
  bus: Bus;
  clock: Clock;
  keyring: Keyring;
  creates: IdempotentCreates;
  dispatcher: OutboxDispatcher;
  uow: UnitOfWork;
  privacy: PrivacyRegistry;
  accounts: AccountsService;
  safety: SafetyService;
  communities: CommunitiesService;
  notifications: NotificationsService;
  mentoring: MentoringService;
  conversations: ConversationsService;
  groups: GroupsService;
  circles: CirclesService;
  library: LibraryService;
  recovery: RecoveryService;
  supervision: SupervisionService;
  training: TrainingService;
  realtime: RealtimeGateway;
}

export type KindredApp = FastifyInstance & { kindred: KindredContext };

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const webDistDir = path.join(rootDir, 'dist', 'web');

/** Builds the whole app: platform plugins, then the domain modules. Call `close()` to release everything. */
export async function build(opts: BuildOptions = {}): Promise<KindredApp> {
  const config: Config = { ...loadConfig(), ...opts.config };
  const clock = opts.clock ?? systemClock;
  // Connection failures are logged once the logger exists; one before (while migrating) waits for it.
  const earlyConnectionErrors: ConnectionError[] = [];
  let onConnectionError = (e: ConnectionError): void => void earlyConnectionErrors.push(e);
  const database = openDatabase(config.databaseUrl, {
    ...(opts.pgSchema ? { schema: opts.pgSchema } : {}),
    ...(opts.onQuery ? { onQuery: opts.onQuery } : {}),
    onConnectionError: (e) => onConnectionError(e),
    // PostgreSQL: no request holds a pooled connection for ever (ADR 041); migrations lift these.
    timeouts: { statementMs: config.pgStatementTimeoutMs, idleInTransactionMs: config.pgIdleInTransactionTimeoutMs, connectMs: config.pgConnectTimeoutMs },
  });
  await migrateToLatest(database.db, database.dialect, opts.pgSchema);
  // SQLite: posts stored without a search key (by an older release still running during a rolling
  // deploy, one rolled back after migration 0032, or hand-written SQL) are keyed and made searchable
  // now, not only when the next post is written (ADR 031, amendment of 2026-11-27).
  if (database.dialect === 'sqlite') await communitiesRepository.indexNewPosts(database.db);
  // Requests' savepoint journals in memory from here on, not before: see the function (ADR 054).
  await keepTemporaryFilesInMemory(database);
  const ownsBus = !opts.bus;
  const bus = opts.bus ?? (await createBus(config.redisUrl));
  const keyring = createKeyring(
    loadMasterSecret(config.secret, config.keyFile),
    config.oldSecrets.map((s) => Buffer.from(s, 'utf8')),
  );

  const app = Fastify({
    logger: loggerOptions(config.logLevel, opts.logStream),
    trustProxy: config.trustProxy,
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: requestIds(),
  }).withTypeProvider<ZodTypeProvider>();
  onConnectionError = (e) => app.log.error({ database: e }, 'database connection failed (the pool replaces it on next use)');
  for (const e of earlyConnectionErrors.splice(0)) onConnectionError(e);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(compiledSerializerCompiler({ check: opts.checkResponses ?? false }));

  const dispatcher = new OutboxDispatcher({
    db: database.db,
    dialect: database.dialect,
    bus,
    clock,
    log: app.log,
    enabled: opts.dispatchEvents ?? true,
    pollMs: opts.pollMs ?? 2000,
    neverSetAside: KEPT_EVENT_TYPES,
    crisis: CRISIS_EVENT_TYPES,
  });
  const uow = new UnitOfWork(database.db, database.dialect, clock, dispatcher, app.log, config.pgLongStatementTimeoutMs);
  const privacy = new PrivacyRegistry();
  const creates = new IdempotentCreates({ db: database.db, uow, clock, digest: keyring.digest });
  const safety = new SafetyService({ db: database.db, uow, clock, keyring, config, dialect: database.dialect, creates });
  // One mechanism for every create a retry must not repeat (ADR 042).
  const accounts = new AccountsService({
    db: database.db,
    dialect: database.dialect,
    uow,
    clock,
    keyring,
    hasher: createPasswordHasher(opts.passwordStrength ?? 'production'),
    privacy,
    screener: safety,
  });
  privacy.register(accounts.contributor());
  privacy.register(creates.contributor());
  safety.registerHeldContentHandler(accounts.bioHeldHandler());
  safety.registerAlertSource(accounts.bioAlertSource());
  privacy.register(safety.contributor());
  for (const consumer of safety.consumers()) dispatcher.register(consumer);
  const notifications = new NotificationsService({ db: database.db, uow });
  const communities = new CommunitiesService({ db: database.db, dialect: database.dialect, uow, clock, screener: safety, creates, notifications, threadListCacheBytes: config.threadListCacheBytes, ...(opts.erasureThreadRoomsMax ? { erasureThreadRoomsMax: opts.erasureThreadRoomsMax } : {}) });
  notifications.useThreadAccess(communities);
  safety.registerHeldContentHandler(communities.heldPostHandler());
  safety.registerAlertSource(communities.alertSource());
  safety.registerHeldContentHandler(communities.heldReportNoteHandler());
  privacy.register(communities.contributor());
  privacy.register(notifications.contributor());
  for (const consumer of communities.consumers()) dispatcher.register(consumer);
  // Caches of this instance forget what other instances changed (ADR 015).
  const stopFollowingChanges = [accounts.followSessionChanges(bus), accounts.followProfileChanges(bus), communities.followListChanges(bus)];
  // Training before mentoring and groups: their actions ask it for a valid certificate.
  const training = new TrainingService({
    db: database.db,
    uow,
    clock,
    keyring,
    curriculum: loadCurriculum(config.curriculumDir),
    refresherDays: config.trainingRefresherDays,
    accounts,
    screener: safety,
    notifications,
    supervisors: supervisorLookup,
    creates,
  });
  for (const handler of training.heldContentHandlers()) safety.registerHeldContentHandler(handler);
  privacy.register(training.contributor());
  const mentoring = new MentoringService({ db: database.db, dialect: database.dialect, uow, clock, keyring, config, bus, screener: safety, certificates: training, supervisors: supervisorLookup, creates, log: app.log });
  for (const handler of mentoring.heldHandlers()) safety.registerHeldContentHandler(handler);
  privacy.register(mentoring.contributor());
  for (const consumer of mentoring.consumers()) dispatcher.register(consumer);
  await mentoring.start();
  // The private conversation (after the core: it asks the core who may read and grants escalations).
  const conversations = new ConversationsService({ db: database.db, uow, clock, keyring, bus, safety, access: mentoring });
  safety.registerHeldContentHandler(conversations.heldMessageHandler());
  safety.registerAlertSource(conversations.alertSource());
  const groups = new GroupsService({ db: database.db, dialect: database.dialect, uow, clock, keyring, creates, screener: safety, notifications, certificates: training });
  safety.registerHeldContentHandler(groups.heldMessageHandler());
  for (const consumer of groups.consumers()) dispatcher.register(consumer);
  privacy.register(groups.contributor());
  const circles = new CirclesService({ db: database.db, dialect: database.dialect, uow, clock, keyring, creates, screener: safety });
  for (const handler of circles.heldContentHandlers()) safety.registerHeldContentHandler(handler);
  privacy.register(circles.contributor());
  const library = new LibraryService({ db: database.db, dialect: database.dialect, uow, clock, safety, creates, suspensions: communities });
  safety.registerHeldContentHandler(library.heldStrategyHandler());
  privacy.register(library.contributor());
  const recovery = new RecoveryService({ db: database.db, uow, clock, keyring, creates, screener: safety, notifications, library, circles, groups });
  privacy.register(recovery.contributor());
  const supervision = new SupervisionService({ db: database.db, uow, clock, keyring, safety, notifications, loads: conversations, creates });
  privacy.register(supervision.contributor());
  for (const consumer of supervision.consumers()) dispatcher.register(consumer);
  const realtime = new RealtimeGateway({ bus, log: app.log, rolesOf: (userId) => accounts.currentRoles(userId), sessionRoles: (sessionId) => accounts.liveSessionRoles(sessionId), sessionsRoles: (sessionIds) => accounts.liveSessionsRoles(sessionIds), ...(opts.recheckChunk ? { recheckChunk: opts.recheckChunk } : {}), ...(opts.roomRecheckChunk ? { roomRecheckChunk: opts.roomRecheckChunk } : {}), ...(opts.roomsRecheckChunk ? { roomsRecheckChunk: opts.roomsRecheckChunk } : {}) });
  // Each kind also answers for many sockets at once: the minute's recheck of every open room (ADR 036).
  realtime.authorizeRooms('safety', (actor, room) => safety.mayJoinRoom(actor, room), { recheckMany: (asked) => safety.mayStayInRooms(asked) });
  realtime.authorizeRooms('thread', (actor, id) => communities.mayJoinThreadRoom(actor, id), { recheckMany: (asked) => communities.mayStayInThreadRooms(asked) });
  realtime.authorizeRooms('space', (actor, id) => communities.mayJoinSpaceRoom(actor, id), { recheckMany: (asked) => communities.mayStayInSpaceRooms(asked) });
  // A supervisor's joining is audited as an opening; staying (a recheck) is the same read without a new audit entry.
  realtime.authorizeRooms('mentorship', (actor, id) => mentoring.mayJoinMentorshipRoom(actor, id), {
    recheck: async (actor, id) => (await mentoring.mayReadConversation(actor, id)) !== null,
    recheckMany: (asked) => mentoring.mayStayInMentorshipRooms(asked),
  });

  realtime.authorizeRooms('group', (actor, id) => groups.mayJoinGroupRoom(actor, id), { recheckMany: (asked) => groups.mayStayInGroupRooms(asked) });
  realtime.authorizeRooms('circle', (actor, id) => circles.mayJoinCircleRoom(actor, id), { recheckMany: (asked) => circles.mayStayInCircleRooms(asked) });
  realtime.authorizeRooms('supervision', (actor, id) => supervision.mayJoinRequestRoom(actor, id), { recheckMany: (asked) => supervision.mayStayInRequestRooms(asked) });
  // Leaving, removal or a new agreement version ends a live subscription too.
  realtime.recheckRoomsOn('group.changed');
  realtime.recheckRoomsOn('circle.changed');
  // A space made program-only (or moved to another program) ends live subscriptions to it and its threads, on every instance.
  realtime.recheckRoomsWhen(SPACES_CHANGED, (event, openRooms) => communities.roomsOfChangedSpace(event, openRooms));
  // Every other change that takes a room from someone (ADR 036, amendment "rooms rechecked on every change"):
  // a thread hidden, held, removed or deleted ends its readers' live rooms, on every instance;
  realtime.recheckRoomsWhen(THREADS_NARROWED, async (event, openRooms) => communities.roomsOfNarrowedThreads(event, openRooms));
  // a member's consent taken back ends the supervisor's (the participants stay);
  realtime.recheckRoomsOn('mentoring.supervisor_access_changed');
  // and, for the one person concerned only: leaving a program ends their rooms of its spaces and threads,
  realtime.recheckPersonRoomsWhen(PROGRAM_LEFT, (event) => ({ userId: (event.data as { userId: string }).userId, rooms: (room) => room.startsWith('space:') || room.startsWith('thread:') }));
  // going off duty ends `safety:duty`,
  realtime.recheckPersonRoomsWhen(DUTY_ENDED, (event) => ({ userId: (event.data as { userId: string }).userId, rooms: (room) => room === ROOM_ON_DUTY }));
  // and a supervisor replaced loses the supporter's requests and the conversations their consent opened.
  realtime.recheckPersonRoomsWhen(SUPERVISOR_REPLACED, (event) => ({
    userId: (event.data as { previousSupervisorId: string }).previousSupervisorId,
    rooms: (room) => room.startsWith('supervision:') || room.startsWith('mentorship:'),
  }));
  // A supervisor's grant to read a conversation expires with no event, and any event above may be lost:
  // every open room is checked again each minute (recheckSessions, in batches).

  const kindred: KindredContext = { config, database, bus, clock, keyring, creates, dispatcher, uow, privacy, accounts, safety, communities, notifications, mentoring, conversations, groups, circles, library, recovery, supervision, training, realtime };
  app.decorate('kindred', kindred);

  const httpMetrics = new HttpMetrics();
  installErrorHandling(app, {
    // A write a foreign key refused (ADR 061). The writer's account gone (erased while the write was
    // under way): 401, and the crisis lines when its words call for them; no alert, nobody to reach.
    // Still there (something the write named was deleted meanwhile): 409, the notice, and an alert
    // of its own when the words call for one (amendment 2026-11-28).
    foreignKeyRefused: async (actor, err, req) => {
      const route = req.routeOptions.url ?? 'unknown';
      try {
        // What the route's own screen said of the words before the write failed, with its own
        // settings; a write that screened nothing (a route that screens no words) gets no notice.
        const screened = screenedInFailedUnit(err);
        if (!(await accountExists(database.db, actor.userId))) {
          let { notice } = await safety.answerRefusedWrite(screened, true);
          // A create with a clientId claims its key before its screen runs (ADR 042), and that claim is
          // what a gone writer's foreign key refuses first: nothing was screened. The person at the
          // keyboard still gets the crisis lines their words call for — a notice only: no alert (there
          // is no account to follow up) and no supporter promised.
          if (screened.length === 0) {
            const text = wordsOf(req.body);
            if (text) notice = await safety.noticeAgain({ text, surface: 'other', region: actor.region }, false, { supportHere: false });
          }
          return { status: 401, body: { error: { code: ACCOUNT_GONE_CODE, message: ACCOUNT_GONE, ...(notice?.showCrisisResponse ? { safety: notice } : {}) } } };
        }
        httpMetrics.goneMeanwhile(req.method, route);
        const { notice, alertFailed } = await safety.answerRefusedWrite(screened, false);
        // The kind of failure only, never the words (ADR 041); the notice then promises no check-in.
        if (alertFailed !== undefined) req.log.error({ err: errorKind(alertFailed) }, 'the alert for words a refused write carried could not be raised');
        return { status: 409, body: { error: { code: GONE_MEANWHILE_CODE, message: GONE_MEANWHILE, ...(notice?.showCrisisResponse ? { safety: notice } : {}) } } };
      } catch (failure) {
        // Its own failure (the account's read, the crisis lines' read): the write still stored
        // nothing, and the person still hears so, without a notice; the database's own trouble is the 503.
        req.log.error({ err: errorKind(failure) }, 'answering a write a foreign key refused failed');
        if (isDatabaseUnavailable(failure)) {
          return { status: 503, headers: { 'retry-after': '2' }, body: { error: { code: 'unavailable', message: 'The server is too busy to finish this right now. Please try again in a moment.' } } };
        }
        httpMetrics.goneMeanwhile(req.method, route);
        return { status: 409, body: { error: { code: GONE_MEANWHILE_CODE, message: GONE_MEANWHILE } } };
      }
    },
  });
  installJsonCompression(app);
  installJsonBodyParser(app);

  const webClient = opts.serveWeb ? loadWebClient(opts.webDir ?? webDistDir) : null;
  const securityHeaders = kindredSecurityHeaders(webClient?.styleHashes ?? []);
  // Behind a load balancer: which instance answered (a name the operator chose, nothing secret).
  const instanceId = config.instanceId;
  await app.register(fastifyCookie, { secret: keyring.cookieSecret });
  await app.register(fastifyCsrf, {
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, signed: true },
    getToken: (req) => req.headers['x-csrf-token'] as string | undefined,
  });
  const limits = await registerRateLimits(app, config);
  // At shutdown, sockets get their reconnect hint and close 1012 first; the server then waits for them.
  await app.register(fastifyWebsocket, { options: { maxPayload: 16 * 1024 }, preClose: () => realtime.close() });
  // A WebSocket handshake (101) is written by ws, not by the reply: it gets the header here.
  if (instanceId) app.websocketServer.on('headers', (headers: string[]) => headers.push(`x-kindred-instance: ${instanceId}`));
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Kindred API', version: '0.1.0', description: 'Peer support platform API' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: jsonSchemaTransform,
  });

  // Every request: its headers, session, CSRF for every state change, the rate limits (ADR 026).
  installRequestPipeline(app, {
    headers: { ...(instanceId ? { 'x-kindred-instance': instanceId } : {}), ...securityHeaders },
    sessions: accounts,
    limits,
    holdsKey: (userId, clientId) => creates.holds(userId, clientId),
  });
  installMetrics(app, {
    db: database.db,
    clock,
    http: httpMetrics,
    websocketConnections: () => realtime.connectionCount,
    websocketSlowClosed: () => realtime.slowConsumersClosed,
    token: config.metricsToken,
    crisisEventTypes: CRISIS_EVENT_TYPES,
  });

  app.get('/api/auth/csrf', { schema: { tags: ['accounts'], response: { 200: z.object({ token: z.string() }) } } }, async (_req, reply) => {
    return { token: reply.generateCsrf() };
  });
  app.get('/api/health', { config: { rateLimit: false }, schema: { tags: ['operations'], response: { 200: z.object({ status: z.literal('ok') }), 503: z.object({ status: z.literal('unavailable') }) } } }, async (_req, reply) => {
    if (!(await databaseReachable(database.db))) return reply.code(503).send({ status: 'unavailable' as const });
    return { status: 'ok' as const };
  });
  app.get('/api/ready', { config: { rateLimit: false }, schema: { tags: ['operations'], response: { 200: z.object({ status: z.literal('ready'), database: z.boolean(), bus: z.boolean() }), 503: z.object({ status: z.literal('not_ready'), database: z.boolean(), bus: z.boolean() }) } } }, async (_req, reply) => {
    const dbOk = await databaseReachable(database.db);
    const busOk = bus instanceof RedisBus ? await bus.ping() : true;
    if (!dbOk || !busOk) return reply.code(503).send({ status: 'not_ready' as const, database: dbOk, bus: busOk });
    return { status: 'ready' as const, database: dbOk, bus: busOk };
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(accountsRoutes(accounts));
  await app.register(safetyRoutes(safety, clock));
  await app.register(communitiesRoutes(communities));
  await app.register(notificationsRoutes(notifications));
  await app.register(mentoringRoutes(mentoring));
  await app.register(conversationsRoutes(conversations));
  await app.register(groupsRoutes(groups));
  await app.register(circlesRoutes(circles, clock));
  await app.register(libraryRoutes(library));
  await app.register(recoveryRoutes(recovery));
  await app.register(supervisionRoutes(supervision));
  await app.register(trainingRoutes(training));
  await app.register(todayRoutes(new TodayService({ notifications, conversations, mentoring, recovery, groups, communities, safety })));
  await app.register(async (scope) => realtime.register(scope));

  if (webClient) await serveWebClient(app, webClient);

  // Background sweeps (alert escalation and matching every 15 s; reminders and expiries every minute).
  const fastSweep = opts.pollMs ?? 15_000;
  const slowSweep = opts.pollMs ?? 60_000;
  const sweeps = [
    periodic(fastSweep, () => safety.sweep(), { name: 'alert escalation sweep', warn: (obj, msg) => app.log.warn(obj, msg) }),
    periodic(fastSweep, () => mentoring.sweep(), { name: 'mentoring sweep', warn: (obj, msg) => app.log.warn(obj, msg) }),
    periodic(slowSweep, () => groups.sweepReminders()),
    periodic(slowSweep, () => recovery.sweepReminders()),
    periodic(slowSweep, () => supervision.sweepCheckinReminders()),
    periodic(slowSweep, () => creates.sweep(), { name: 'idempotency key sweep', warn: (obj, msg) => app.log.warn(obj, msg) }),
    periodic(slowSweep, () => training.sweep(), { name: 'training sweep', warn: (obj, msg) => app.log.warn(obj, msg) }),
    // Open sockets' sessions and roles read again, in case an event that should have reached them was lost (ADR 036); it logs its own failures, by kind only.
    periodic(slowSweep, () => realtime.recheckSessions()),
  ];

  app.addHook('onClose', async () => {
    for (const stop of stopFollowingChanges) stop();
    for (const sweep of sweeps) sweep.stop();
    mentoring.stop();
    await realtime.close();
    // Units of work under way finish (their callers get answers); queued ones are refused.
    await uow.close();
    await dispatcher.close();
    if (ownsBus) await bus.close();
    await database.close();
  });

  await app.ready();
  dispatcher.start();
  for (const sweep of sweeps) sweep.start();
  return app as unknown as KindredApp;
}
