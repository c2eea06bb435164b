import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Clock } from './clock.js';
import type { Db } from './db.js';

/**
 * Prometheus metrics, written out by hand: a few counters, gauges and one histogram do not need a
 * client library. Labels are bounded and carry no ids or personal data: route *patterns*
 * (`/api/threads/:id`), methods, status classes, fixed age buckets.
 */

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Open safety alerts by how long they have waited, in minutes (upper bounds; the last is open-ended). */
const ALERT_AGE_BUCKETS: { label: string; maxMinutes: number }[] = [
  { label: '0-5m', maxMinutes: 5 },
  { label: '5-15m', maxMinutes: 15 },
  { label: '15-60m', maxMinutes: 60 },
  { label: '1-4h', maxMinutes: 240 },
  { label: '4-24h', maxMinutes: 1440 },
  { label: '24h+', maxMinutes: Infinity },
];

interface RequestSeries {
  labels: string;
  count: number;
  sum: number;
  buckets: number[];
}

/** Request counts and latencies, kept in memory per (method, route pattern, status class). */
export class HttpMetrics {
  private readonly series = new Map<string, RequestSeries>();
  /**
   * The series by route pattern, then method, then status class (index 0–5 for 0xx–5xx): found per
   * request by three lookups instead of building and escaping its label text (ADR 026).
   */
  private readonly resolved = new Map<string, Map<string, (RequestSeries | undefined)[]>>();

  /** Writes answered 409 `gone_meanwhile` (something they named deleted meanwhile, ADR 061), by method and route pattern. */
  private readonly goneMeanwhileCounts = new Map<string, number>();

  goneMeanwhile(method: string, route: string): void {
    const labels = `method="${escapeLabel(method)}",route="${escapeLabel(route)}"`;
    this.goneMeanwhileCounts.set(labels, (this.goneMeanwhileCounts.get(labels) ?? 0) + 1);
  }

  observe(method: string, route: string, statusCode: number, seconds: number): void {
    const statusClass = Math.floor(statusCode / 100);
    let byMethod = this.resolved.get(route);
    if (!byMethod) this.resolved.set(route, (byMethod = new Map()));
    let byClass = byMethod.get(method);
    if (!byClass) byMethod.set(method, (byClass = []));
    let s = byClass[statusClass];
    if (!s) {
      const labels = `method="${escapeLabel(method)}",route="${escapeLabel(route)}",status="${statusClass}xx"`;
      s = this.series.get(labels);
      if (!s) this.series.set(labels, (s = { labels, count: 0, sum: 0, buckets: LATENCY_BUCKETS.map(() => 0) }));
      byClass[statusClass] = s;
    }
    s.count += 1;
    s.sum += seconds;
    for (let i = 0; i < LATENCY_BUCKETS.length; i++) if (seconds <= LATENCY_BUCKETS[i]!) s.buckets[i]! += 1;
  }

  render(out: string[]): void {
    const all = [...this.series.values()].sort((a, b) => (a.labels < b.labels ? -1 : 1));
    out.push('# HELP kindred_http_requests_total HTTP requests answered, by method, route pattern and status class.');
    out.push('# TYPE kindred_http_requests_total counter');
    for (const s of all) out.push(`kindred_http_requests_total{${s.labels}} ${s.count}`);
    out.push('# HELP kindred_http_request_duration_seconds Time to answer an HTTP request, by method, route pattern and status class.');
    out.push('# TYPE kindred_http_request_duration_seconds histogram');
    for (const s of all) {
      LATENCY_BUCKETS.forEach((le, i) => out.push(`kindred_http_request_duration_seconds_bucket{${s.labels},le="${le}"} ${s.buckets[i]}`));
      out.push(`kindred_http_request_duration_seconds_bucket{${s.labels},le="+Inf"} ${s.count}`);
      out.push(`kindred_http_request_duration_seconds_sum{${s.labels}} ${s.sum}`);
      out.push(`kindred_http_request_duration_seconds_count{${s.labels}} ${s.count}`);
    }
    out.push('# HELP kindred_http_gone_meanwhile_total Writes refused because something they named was deleted meanwhile (answered 409, nothing stored), by method and route pattern: one that keeps rising on a route with nobody deleting anything is a bug (ADR 061).');
    out.push('# TYPE kindred_http_gone_meanwhile_total counter');
    for (const [labels, n] of [...this.goneMeanwhileCounts].sort(([a], [b]) => (a < b ? -1 : 1))) out.push(`kindred_http_gone_meanwhile_total{${labels}} ${n}`);
  }
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function gauge(out: string[], name: string, help: string, samples: [labels: string, value: number][]): void {
  out.push(`# HELP ${name} ${help}`);
  out.push(`# TYPE ${name} gauge`);
  for (const [labels, value] of samples) out.push(`${name}${labels ? `{${labels}}` : ''} ${value}`);
}

export interface MetricsDeps {
  db: Db;
  clock: Clock;
  http: HttpMetrics;
  websocketConnections: () => number;
  /** Sockets this instance closed because they fell behind (send buffer over its bound). */
  websocketSlowClosed: () => number;
  /** The bearer token scrapers send; undefined turns /metrics off (404). */
  token: string | undefined;
  /** Outbox event types that are never set aside (crisis alerts, ADR 024): their failures get a gauge of their own. */
  crisisEventTypes: readonly string[];
}

/** The whole exposition: HTTP, realtime, outbox, safety alerts and the process. */
export async function renderMetrics(deps: MetricsDeps): Promise<string> {
  const now = deps.clock.now().getTime();
  const out: string[] = [];
  deps.http.render(out);

  gauge(out, 'kindred_websocket_connections', 'Open WebSocket connections on this instance.', [['', deps.websocketConnections()]]);
  out.push('# HELP kindred_websocket_slow_closed_total WebSockets closed because they fell behind: their send buffer passed its bound (the client reconnects and refetches).');
  out.push('# TYPE kindred_websocket_slow_closed_total counter');
  out.push(`kindred_websocket_slow_closed_total ${deps.websocketSlowClosed()}`);

  const outbox = await deps.db
    .selectFrom('outbox')
    .select([
      sql<number>`count(*) - count(dead_at)`.as('n'),
      sql<string | null>`min(case when dead_at is null then created_at end)`.as('oldest'),
      sql<number>`count(case when dead_at is null and attempts > 0 then 1 end)`.as('failing'),
      sql<number>`count(dead_at)`.as('dead'),
      deps.crisisEventTypes.length > 0
        ? sql<number>`count(case when attempts > 0 and type in (${sql.join(deps.crisisEventTypes)}) then 1 end)`.as('failing_crisis')
        : sql<number>`0`.as('failing_crisis'),
    ])
    .executeTakeFirstOrThrow();
  const oldestAge = outbox.oldest ? Math.max(0, (now - Date.parse(outbox.oldest)) / 1000) : 0;
  gauge(out, 'kindred_outbox_pending_events', 'Committed events not yet delivered, set-aside ones excepted (all instances share the outbox).', [['', Number(outbox.n)]]);
  gauge(out, 'kindred_outbox_oldest_pending_age_seconds', 'Age of the oldest undelivered event, set-aside ones excepted; 0 when there is none.', [['', oldestAge]]);
  gauge(out, 'kindred_outbox_failing_events', 'Undelivered events a consumer has failed on at least once, waiting to be retried (ADR 024).', [['', Number(outbox.failing)]]);
  gauge(
    out,
    'kindred_outbox_failing_safety_events',
    'Crisis alert events (raised, escalated, updated) not yet delivered after a failure: a consumer failed on them, or their bus publish failed and they wait to be published again (ADR 033). Never set aside, retried at least every minute; anything above 0 needs an operator now (ADR 024).',
    [['', Number(outbox.failing_crisis)]],
  );
  gauge(out, 'kindred_outbox_dead_events', 'Events set aside after repeated consumer failures: never retried until an operator acts (README "Restarts and monitoring").', [['', Number(outbox.dead)]]);

  const alerts = await deps.db.selectFrom('safety_alerts').select(['created_at', 'due_at']).where('status', '=', 'open').execute();
  const byAge = new Map(ALERT_AGE_BUCKETS.map((b) => [b.label, 0]));
  let overdue = 0;
  for (const a of alerts) {
    const minutes = (now - Date.parse(a.created_at)) / 60_000;
    const bucket = ALERT_AGE_BUCKETS.find((b) => minutes < b.maxMinutes)!;
    byAge.set(bucket.label, byAge.get(bucket.label)! + 1);
    if (Date.parse(a.due_at) < now) overdue += 1;
  }
  gauge(out, 'kindred_safety_alerts_open', 'Safety alerts no supervisor has acknowledged yet, by how long they have waited.', [...byAge].map(([label, n]) => [`age="${label}"`, n]));
  gauge(out, 'kindred_safety_alerts_overdue', 'Open safety alerts past their acknowledgement time.', [['', overdue]]);

  const mem = process.memoryUsage();
  gauge(out, 'process_resident_memory_bytes', 'Resident memory of this process.', [['', mem.rss]]);
  gauge(out, 'nodejs_heap_used_bytes', 'V8 heap in use.', [['', mem.heapUsed]]);
  gauge(out, 'process_uptime_seconds', 'Seconds since this process started.', [['', Math.round(process.uptime())]]);
  return out.join('\n') + '\n';
}

/** Compares digests, so neither the content nor the length of the token leaks through timing. */
function tokenMatches(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Counts every answered request by its route pattern, and serves `GET /metrics` to a scraper
 * holding the bearer token. Without a configured token the route answers 404, as if absent.
 */
export function installMetrics(app: FastifyInstance, deps: MetricsDeps): void {
  // A callback hook, not an async one: no Promise per request (ADR 026).
  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url;
    // Unmatched paths are one series: a path may hold anything a client typed.
    if (route !== '/metrics') deps.http.observe(req.method, route ?? '(unmatched)', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });

  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (!deps.token) return reply.code(404).send({ error: { code: 'not_found', message: `No route GET /metrics.` } });
    const header = req.headers.authorization ?? '';
    const given = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? '';
    if (!given || !tokenMatches(given, deps.token)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .send({ error: { code: 'unauthorized', message: 'Send the metrics token as "Authorization: Bearer <token>".' } });
    }
    return reply
      .header('cache-control', 'no-store')
      .type('text/plain; version=0.0.4; charset=utf-8')
      .send(await renderMetrics(deps));
  });
}
