// Server configuration from environment variables, checked at start: every bad value is reported
// at once, each with what was expected, so an operator fixes them in one go.
import { DEFAULT_MAX_MESSAGE_BYTES } from '../src-shared/sync/protocol.js';

export interface ServerConfig {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** PostgreSQL connection string; without one the server runs embedded PGlite in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  dbPoolSize: number;
  /** How long a request waits for a free pool connection, and how long one statement may run. */
  dbConnectionTimeoutMs: number;
  dbStatementTimeoutMs: number;
  /** Statements slower than this are logged with their kind (stats per kind are always kept). */
  slowQueryMs: number;
  /** Redis for fan-out between server processes; without one an in-process bus is used. */
  redisUrl: string | null;
  redisPrefix: string;
  /** HS256 key for access tokens; without one a key generated once is kept in the database. */
  jwtSecret: string | null;
  accessTokenTtlSeconds: number;
  maxMessageBytes: number;
  maxBlobBytes: number;
  messagesPerSecond: number;
  messageBurst: number;
  connectsPerMinutePerIp: number;
  /** Sign-in attempts per minute per address and per account (password guessing); shared through Redis. */
  signInsPerMinutePerIp: number;
  signInsPerMinutePerAccount: number;
  /** `/api/v1` requests per caller (user, or address before sign-in): a token bucket shared through Redis. */
  apiRequestsPerSecond: number;
  apiBurst: number;
  /** In-process cache entries (L1) live at most this long; 60 s at most (the seed's rule). */
  cacheL1TtlMs: number;
  cacheL1MaxEntries: number;
  /** Redis cache (L2) lifetimes: list endpoints, and everything else. */
  cacheListTtlSeconds: number;
  cacheTtlSeconds: number;
  /** How often live sockets re-check their access (a membership notice triggers it at once too). */
  accessRecheckMs: number;
  /** How often loaded docs read updates they may have missed (a lost Redis doorbell). */
  catchUpMs: number;
  docIdleUnloadMs: number;
  awarenessBatchMs: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export const DEFAULT_CONFIG: ServerConfig = {
  host: '127.0.0.1',
  port: 8787,
  databaseUrl: null,
  // Under .data/, which git already ignores.
  dataDir: '.data/sync-server',
  dbPoolSize: 20,
  dbConnectionTimeoutMs: 5_000,
  dbStatementTimeoutMs: 30_000,
  slowQueryMs: 100,
  redisUrl: null,
  redisPrefix: 'boardroom:',
  jwtSecret: null,
  accessTokenTtlSeconds: 15 * 60,
  maxMessageBytes: DEFAULT_MAX_MESSAGE_BYTES,
  maxBlobBytes: 25 * 1024 * 1024,
  messagesPerSecond: 100,
  messageBurst: 300,
  connectsPerMinutePerIp: 120,
  signInsPerMinutePerIp: 5,
  signInsPerMinutePerAccount: 5,
  apiRequestsPerSecond: 10,
  apiBurst: 20,
  cacheL1TtlMs: 60_000,
  cacheL1MaxEntries: 10_000,
  cacheListTtlSeconds: 60,
  cacheTtlSeconds: 3600,
  accessRecheckMs: 5_000,
  catchUpMs: 2_000,
  docIdleUnloadMs: 60_000,
  awarenessBatchMs: 100,
  logLevel: 'info',
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`the server's configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Environment variable -> config key, with how to read it. Documented in server/CONTEXT.md. */
const INTEGERS: Array<[string, keyof ServerConfig, number, number]> = [
  ['PORT', 'port', 0, 65535],
  ['DB_POOL_SIZE', 'dbPoolSize', 1, 200],
  ['DB_CONNECTION_TIMEOUT_MS', 'dbConnectionTimeoutMs', 100, 600_000],
  ['DB_STATEMENT_TIMEOUT_MS', 'dbStatementTimeoutMs', 100, 3_600_000],
  ['SLOW_QUERY_MS', 'slowQueryMs', 1, 600_000],
  ['ACCESS_TOKEN_TTL_SECONDS', 'accessTokenTtlSeconds', 30, 24 * 3600],
  ['MAX_MESSAGE_BYTES', 'maxMessageBytes', 1024, 64 * 1024 * 1024],
  ['MAX_BLOB_BYTES', 'maxBlobBytes', 1024, 1024 * 1024 * 1024],
  ['MESSAGES_PER_SECOND', 'messagesPerSecond', 1, 100_000],
  ['MESSAGE_BURST', 'messageBurst', 1, 1_000_000],
  ['CONNECTS_PER_MINUTE_PER_IP', 'connectsPerMinutePerIp', 1, 1_000_000],
  ['SIGN_INS_PER_MINUTE_PER_IP', 'signInsPerMinutePerIp', 1, 1_000_000],
  ['SIGN_INS_PER_MINUTE_PER_ACCOUNT', 'signInsPerMinutePerAccount', 1, 1_000_000],
  ['API_REQUESTS_PER_SECOND', 'apiRequestsPerSecond', 1, 1_000_000],
  ['API_BURST', 'apiBurst', 1, 10_000_000],
  ['CACHE_L1_TTL_MS', 'cacheL1TtlMs', 1, 60_000],
  ['CACHE_L1_MAX_ENTRIES', 'cacheL1MaxEntries', 1, 10_000_000],
  ['CACHE_LIST_TTL_SECONDS', 'cacheListTtlSeconds', 1, 24 * 3600],
  ['CACHE_TTL_SECONDS', 'cacheTtlSeconds', 1, 7 * 24 * 3600],
  ['ACCESS_RECHECK_MS', 'accessRecheckMs', 100, 5_000],
  ['CATCH_UP_MS', 'catchUpMs', 50, 600_000],
  ['DOC_IDLE_UNLOAD_MS', 'docIdleUnloadMs', 0, 24 * 3600_000],
  ['AWARENESS_BATCH_MS', 'awarenessBatchMs', 1, 10_000],
];

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function configFromEnv(env: Env = process.env): ServerConfig {
  const config: ServerConfig = { ...DEFAULT_CONFIG };
  const problems: string[] = [];
  const set = <K extends keyof ServerConfig>(key: K, value: ServerConfig[K]) => {
    config[key] = value;
  };

  for (const [name, key, min, max] of INTEGERS) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number between ${min} and ${max} (got "${raw}")`);
    } else set(key, value as never);
  }
  if (env.HOST) set('host', env.HOST);
  if (env.DATA_DIR) set('dataDir', env.DATA_DIR);
  if (env.REDIS_PREFIX) set('redisPrefix', env.REDIS_PREFIX);
  if (env.DATABASE_URL) {
    if (!/^postgres(ql)?:\/\//.test(env.DATABASE_URL)) {
      problems.push('DATABASE_URL must be a postgres:// or postgresql:// connection string (got something else)');
    } else set('databaseUrl', env.DATABASE_URL);
  }
  if (env.REDIS_URL) {
    if (!/^rediss?:\/\//.test(env.REDIS_URL)) problems.push('REDIS_URL must be a redis:// or rediss:// URL');
    else set('redisUrl', env.REDIS_URL);
  }
  if (env.JWT_SECRET) {
    if (env.JWT_SECRET.length < 32) problems.push(`JWT_SECRET must be at least 32 characters (got ${env.JWT_SECRET.length})`);
    else set('jwtSecret', env.JWT_SECRET);
  }
  if (env.LOG_LEVEL) {
    const level = env.LOG_LEVEL as ServerConfig['logLevel'];
    if (!LOG_LEVELS.includes(level)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${env.LOG_LEVEL}")`);
    else set('logLevel', level);
  }
  if (config.messageBurst < config.messagesPerSecond) {
    problems.push(`MESSAGE_BURST (${config.messageBurst}) must be at least MESSAGES_PER_SECOND (${config.messagesPerSecond})`);
  }
  if (config.apiBurst < config.apiRequestsPerSecond) {
    problems.push(`API_BURST (${config.apiBurst}) must be at least API_REQUESTS_PER_SECOND (${config.apiRequestsPerSecond})`);
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}
