// The sync server, assembled: database (Postgres or PGlite) with migrations, bus (Redis or
// in-process), accounts and tokens, the doc hub, REST routes and the `/sync` WebSocket endpoint.
// `startServer` is the programmatic entry used by `main.ts`, tests and benchmarks.
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import { Accounts } from './auth/accounts.js';
import { signingKey, tokenIssuer, type TokenIssuer } from './auth/tokens.js';
import { localBus, redisBus, type Bus } from './bus/bus.js';
import { DEFAULT_CONFIG, type ServerConfig } from './config.js';
import { openDatabase } from './db/open.js';
import type { Database } from './db/database.js';
import { toApiError } from './http/api-error.js';
import { authRoutes } from './http/auth-routes.js';
import { blobRoutes } from './http/blob-routes.js';
import { commandRoutes } from './http/command-routes.js';
import { roomRoutes } from './http/room-routes.js';
import { KeyedLimiter } from './limits.js';
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
  const db = await openDatabase(config);
  let bus: Bus | null = null;
  try {
    bus = config.redisUrl ? await redisBus(config.redisUrl, config.redisPrefix) : localBus();
    const tokens = tokenIssuer(await signingKey(db, config.jwtSecret), config.accessTokenTtlSeconds);
    const accounts = new Accounts(db, tokens);
    const hub = new DocHub(db, bus, log, { nodeId, ...config });
    await hub.start();
    const sync = new SyncEndpoint(db, hub, bus, tokens, config, log);
    await sync.start();
    const signIns = new KeyedLimiter(config.signInsPerMinutePerIp / 60, config.signInsPerMinutePerIp);

    const app = buildHttp(log, config);
    authRoutes(app, { accounts, tokens, db, signIns });
    roomRoutes(app, { db, tokens, hub });
    blobRoutes(app, { db, tokens, maxBlobBytes: config.maxBlobBytes });
    commandRoutes(app, { db, tokens, hub, sync, now: options.now ?? Date.now });
    // Plain JSON for operators and benchmarks (server RSS per open doc, write batching).
    app.get('/metrics', async () => ({
      node: nodeId,
      connections: sync.connectionCount,
      loadedDocs: hub.loadedDocIds.length,
      rssBytes: process.memoryUsage().rss,
      ...hub.stats,
    }));
    app.server.on('upgrade', (request, socket, head) => sync.handleUpgrade(request, socket, head));
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const openBus = bus;
    let closing: Promise<void> | null = null;
    return {
      url: `http://${config.host}:${port}/`,
      port,
      nodeId,
      db,
      hub,
      tokens,
      accounts,
      sync,
      close: () =>
        (closing ??= (async () => {
          sync.close();
          signIns.close();
          await app.close();
          await hub.close();
          await openBus.close();
          await db.close();
        })()),
    };
  } catch (error) {
    await bus?.close();
    await db.close();
    throw error;
  }
}

function buildHttp(log: Logger, config: ServerConfig): FastifyInstance {
  const app = Fastify({ loggerInstance: log as FastifyBaseLogger, bodyLimit: config.maxMessageBytes * 2 });
  app.setErrorHandler((error, request, reply) => {
    const known = toApiError(error);
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
