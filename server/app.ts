// The sync server, assembled: database (Postgres or PGlite) with migrations, bus (Redis or
// in-process), accounts and tokens, the doc hub, REST routes and the `/sync` WebSocket endpoint.
// `startServer` is the programmatic entry used by `main.ts`, tests and benchmarks.
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import compress from '@fastify/compress';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { pino, type Logger } from 'pino';
import { ApiCache, type GenName } from './api/cache.js';
import { Callers } from './api/callers.js';
import { apiRoutes, BROTLI_OPTIONS, COMPRESS_OVER_BYTES } from './api/routes.js';
import { Accounts } from './auth/accounts.js';
import { signingKey, tokenIssuer, type TokenIssuer } from './auth/tokens.js';
import { localBus, redisBus, type Bus } from './bus/bus.js';
import { DEFAULT_CONFIG, type ServerConfig } from './config.js';
import { openDatabase } from './db/open.js';
import type { Database } from './db/database.js';
import { QueryStats, timedDatabase } from './db/query-stats.js';
import { RateLimitedError, toApiError } from './http/api-error.js';
import { authRoutes } from './http/auth-routes.js';
import { blobRoutes } from './http/blob-routes.js';
import { commandRoutes } from './http/command-routes.js';
import { localLimiter, redisLimiter, type BucketRule, type RateLimiter } from './http/rate-limiter.js';
import { roomRoutes } from './http/room-routes.js';
import { ServerMetrics } from './ops/metrics.js';
import { checkReadiness } from './ops/readiness.js';
import { DocHub } from './sync/doc-hub.js';
import { SyncEndpoint } from './sync/sync-endpoint.js';

export interface RunningServer {
  /** `http://host:port/`; the sync endpoint is the same origin with ws:// and `/sync/<docId>`. */
  url: string;
  port: number;
  nodeId: string;
  db: Database;
  hub: DocHub;
  tokens: TokenIssuer;
  accounts: Accounts;
  sync: SyncEndpoint;
  cache: ApiCache;
  queryStats: QueryStats;
  metrics: ServerMetrics;
  /** Stops accepting, closes sockets with 1001, finishes persisting, then closes the database. */
  close(): Promise<void>;
}

export interface StartOptions extends Partial<ServerConfig> {
  logger?: Logger;
  /** The authority's clock (deadlines are judged by server time); tests move it. */
  now?: () => number;
}

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const config: ServerConfig = { ...DEFAULT_CONFIG, ...options };
  const log = options.logger ?? pino({ level: config.logLevel, base: undefined });
  const nodeId = randomUUID();
  if (!config.databaseUrl) await mkdir(config.dataDir, { recursive: true });
  const queryStats = new QueryStats(log, config.slowQueryMs);
  const db = timedDatabase(await openDatabase(config), queryStats);
  let bus: Bus | null = null;
  let redis: Redis | null = null;
  const limiters: RateLimiter[] = [];
  try {
    bus = config.redisUrl ? await redisBus(config.redisUrl, config.redisPrefix) : localBus();
    redis = config.redisUrl ? await commandClient(config.redisUrl) : null;
    const limiter = (name: string, rule: BucketRule) => {
      const made = redis ? redisLimiter(redis, `${config.redisPrefix}rl:${name}:`, rule, log) : localLimiter(rule);
      limiters.push(made);
      return made;
    };
    const tokens = tokenIssuer(await signingKey(db, config.jwtSecret), config.accessTokenTtlSeconds);
    const accounts = new Accounts(db, tokens);
    const cache = new ApiCache(redis, bus, { prefix: config.redisPrefix, l1TtlMs: config.cacheL1TtlMs, l1MaxEntries: config.cacheL1MaxEntries }, log);
    await cache.start();
    const invalidate = roomInvalidator(db, cache, log);
    let sync: SyncEndpoint | null = null;
    let hub: DocHub | null = null;
    const metrics = new ServerMetrics({
      connections: () => sync?.connectionCount ?? 0,
      loadedDocs: () => hub?.loadedDocIds.length ?? 0,
      pool: () => db.poolStats(),
      cache: () => cache.stats,
    });
    queryStats.onQuery((kind, ms) => metrics.queryDuration.observe({ kind }, ms / 1000));
    hub = new DocHub(db, bus, log, {
      nodeId,
      ...config,
      // Agenda edits change only their room's views; room doc edits can change boardroom lists too.
      onProjected: ({ roomId, kind }) => invalidate(roomId, kind === 'room'),
      observePersist: (seconds) => metrics.persistDuration.observe(seconds),
      observeBroadcast: (seconds) => metrics.broadcastDuration.observe(seconds),
    });
    await hub.start();
    sync = new SyncEndpoint(db, hub, bus, tokens, config, log);
    await sync.start();
    const liveHub = hub;
    const liveSync = sync;

    let closingFlag = false;
    const app = await buildHttp(log, config, metrics);
    const callers = new Callers(tokens, db);
    const api = apiRoutes(app, {
      db,
      callers,
      cache,
      limiter: limiter('api', { perSecond: config.apiRequestsPerSecond, burst: config.apiBurst }),
      metrics,
      listTtlSeconds: config.cacheListTtlSeconds,
      detailTtlSeconds: config.cacheTtlSeconds,
      rate: { perSecond: config.apiRequestsPerSecond, burst: config.apiBurst },
      now: options.now ?? Date.now,
    });
    authRoutes(app, {
      accounts,
      tokens,
      db,
      signInsPerIp: limiter('sign-in-ip', { perSecond: config.signInsPerMinutePerIp / 60, burst: config.signInsPerMinutePerIp }),
      signInsPerAccount: limiter('sign-in-account', { perSecond: config.signInsPerMinutePerAccount / 60, burst: config.signInsPerMinutePerAccount }),
      // A web client's next request after signing in is its boardroom list: have it ready (the seed's
      // cache warming), and the new access token known to be good.
      onSignedIn: (pair, deviceId) => {
        callers.remember(pair.accessToken, { userId: pair.user.id, deviceId }, pair.user);
        void api.warmBoardrooms(pair.user.id).catch((error) => log.debug({ err: error }, 'cache warming failed'));
      },
    });
    roomRoutes(app, { db, tokens, hub, onChanged: (roomId) => invalidate(roomId, true) });
    blobRoutes(app, { db, tokens, maxBlobBytes: config.maxBlobBytes });
    commandRoutes(app, { db, tokens, hub, sync, now: options.now ?? Date.now, onCommitted: (roomId) => invalidate(roomId, true) });
    app.get('/readyz', async (_request, reply) => {
      const state = await checkReadiness(db, redis, closingFlag);
      return reply.code(state.ready ? 200 : 503).send(state);
    });
    // Prometheus text for scrapers and operators; the JSON counters stay at /metrics.json.
    app.get('/metrics', async (_request, reply) => reply.header('content-type', metrics.contentType).send(await metrics.text()));
    app.get('/metrics.json', async () => ({
      node: nodeId,
      connections: liveSync.connectionCount,
      loadedDocs: liveHub.loadedDocIds.length,
      rssBytes: process.memoryUsage().rss,
      ...liveHub.stats,
      cache: { ...cache.stats, l1Entries: cache.l1Size },
      pool: db.poolStats(),
      queries: queryStats.snapshot(),
    }));
    app.server.on('upgrade', (request, socket, head) => liveSync.handleUpgrade(request, socket, head));
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const openBus = bus;
    const openRedis = redis;
    let closing: Promise<void> | null = null;
    return {
      url: `http://${config.host}:${port}/`,
      port,
      nodeId,
      db,
      hub: liveHub,
      tokens,
      accounts,
      sync: liveSync,
      cache,
      queryStats,
      metrics,
      close: () =>
        (closing ??= (async () => {
          // /readyz answers 503 from here on, so a load balancer stops sending requests.
          closingFlag = true;
          liveSync.close();
          for (const made of limiters) made.close();
          await app.close();
          await liveHub.close();
          await openBus.close();
          await openRedis?.quit().catch(() => openRedis.disconnect());
          await db.close();
        })()),
    };
  } catch (error) {
    for (const made of limiters) made.close();
    await bus?.close();
    redis?.disconnect();
    await db.close();
    throw error;
  }
}

/**
 * Redis for cache and rate-limit commands. No offline queue: while Redis is unreachable a command
 * fails at once and its caller falls back (cache to Postgres, limits to this process), instead of
 * requests waiting for a reconnect.
 */
async function commandClient(url: string): Promise<Redis> {
  // Auto-pipelining: the rate-limit script and cache reads of concurrent requests share round trips.
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000, enableAutoPipelining: true });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/**
 * Invalidation after a write that changes what `/api/v1` shows about a room: the room's views, and
 * with `lists`, the boardroom lists of everyone who is or was a member. Writes that come together
 * are coalesced into one round (the member query and one Redis pipeline per burst).
 */
function roomInvalidator(db: Database, cache: ApiCache, log: Logger): (roomId: string, lists: boolean) => void {
  let pending: Map<string, boolean> | null = null;
  return (roomId, lists) => {
    if (!pending) {
      pending = new Map();
      const batch = pending;
      setImmediate(() => {
        pending = null;
        void (async () => {
          const names: GenName[] = [...batch.keys()].map((id) => `room:${id}` as const);
          const listed = [...batch].filter(([, withLists]) => withLists).map(([id]) => id);
          if (listed.length > 0) {
            const members = await db.query<{ user_id: string }>(
              'SELECT DISTINCT user_id FROM boardroom_members WHERE boardroom_id = ANY($1::text[])',
              [listed],
            );
            for (const m of members) names.push(`user:${m.user_id}`);
          }
          await cache.invalidate(names);
        })().catch((error) => log.warn({ err: error }, 'cache invalidation failed; entries expire by their TTL'));
      });
    }
    pending.set(roomId, (pending.get(roomId) ?? false) || lists);
  };
}

async function buildHttp(log: Logger, config: ServerConfig, metrics: ServerMetrics): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    bodyLimit: config.maxMessageBytes * 2,
    // Every log line of a request carries its id (`reqId`); a proxy's X-Request-Id is kept, else one is made.
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  // gzip and brotli for bodies over 1000 bytes (the seed's rule), brotli at the API's quality.
  await app.register(compress, {
    threshold: COMPRESS_OVER_BYTES + 1,
    encodings: ['br', 'gzip'],
    brotliOptions: BROTLI_OPTIONS,
  });
  app.setErrorHandler((error, request, reply) => {
    const known = toApiError(error);
    if (known instanceof RateLimitedError) reply.header('retry-after', String(known.retryAfterSeconds));
    if (known) return reply.code(known.status).send({ error: known.error, message: known.message });
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status < 500) {
      return reply.code(status).send({ error: status === 413 ? 'too_large' : 'invalid_input', message: (error as Error).message });
    }
    request.log.error({ err: error, url: request.url }, 'request failed');
    return reply.code(500).send({ error: 'internal', message: 'the server failed to handle this request: try again shortly' });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: 'not_found', message: `no endpoint ${request.method} ${request.url.split('?')[0]}` }),
  );
  app.get('/healthz', async () => ({ ok: true }));
  return app;
}
