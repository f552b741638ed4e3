// `npm run server -- <command>`: serve (the default), user add, user passwd, migrate. Every command
// reads the same environment variables as the server, so it acts on the same database.
import { parseArgs } from 'node:util';
import { addUser } from './auth/accounts.js';
import { ConfigError, configFromEnv, type ServerConfig } from './config.js';
import { openDatabase } from './db/open.js';
import { migrate } from './db/migrate.js';

export const HELP = `Boardroom sync server

Usage: npm run server -- [command] [options]

Commands:
  serve                     Run the server (the default).
  user add --email E --name N --password P
                            Create an account, or give an existing one (someone added to a
                            boardroom before they had an account) its name and password.
  migrate                   Apply database migrations and exit (serve does this at start too).
  help, --help              Show this help.

Endpoints: /healthz (alive), /readyz (PostgreSQL and Redis reachable), /metrics (Prometheus text;
/metrics.json for the JSON counters), /api/v1 (REST), /sync/<docId> (WebSocket).
SIGTERM/SIGINT: /readyz turns 503, sockets close with 1001 (clients reconnect), queued writes and
projections finish persisting, then the process exits.

Environment:
  PORT (8787; 0 picks a free port), HOST (127.0.0.1)
  DATABASE_URL              postgres://... ; without it, embedded PostgreSQL (PGlite) in DATA_DIR
  DATA_DIR (.data/sync-server), DB_POOL_SIZE (20), DB_CONNECTION_TIMEOUT_MS (5000: wait for a
  pool connection), DB_STATEMENT_TIMEOUT_MS (30000), SLOW_QUERY_MS (100: slower statements logged)
  REDIS_URL                 redis://... to share updates between server processes; without it,
                            an in-process bus (one process only). REDIS_PREFIX (boardroom:)
  JWT_SECRET                at least 32 characters; without it a key is generated once and kept
                            in the database, shared by every process using it
  ACCESS_TOKEN_TTL_SECONDS (900), MAX_MESSAGE_BYTES (1048576), MAX_BLOB_BYTES (26214400)
  MESSAGES_PER_SECOND (100), MESSAGE_BURST (300), CONNECTS_PER_MINUTE_PER_IP (120)
  SIGN_INS_PER_MINUTE_PER_IP (5), SIGN_INS_PER_MINUTE_PER_ACCOUNT (5), API_REQUESTS_PER_SECOND (10),
  API_BURST (20): per user (per address before sign-in), shared by every process through Redis
  CACHE_L1_TTL_MS (60000, at most 60000), CACHE_L1_MAX_ENTRIES (10000), CACHE_LIST_TTL_SECONDS (60),
  CACHE_TTL_SECONDS (3600): the in-process cache and the Redis cache of /api/v1 reads
  ACCESS_RECHECK_MS (5000), CATCH_UP_MS (2000), DOC_IDLE_UNLOAD_MS (60000), AWARENESS_BATCH_MS (100)
  LOG_LEVEL (info): fatal, error, warn, info, debug, trace or silent
`;

export type CliResult = { kind: 'serve'; config: ServerConfig } | { kind: 'done'; output: string; exitCode: number };

export async function runCli(argv: string[], env: Record<string, string | undefined> = process.env): Promise<CliResult> {
  const [command = 'serve', sub, ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h' || sub === '--help') {
    return { kind: 'done', output: HELP, exitCode: 0 };
  }
  let config: ServerConfig;
  try {
    config = configFromEnv(env);
  } catch (error) {
    if (error instanceof ConfigError) return { kind: 'done', output: error.message, exitCode: 2 };
    throw error;
  }
  if (command === 'serve') return { kind: 'serve', config };
  if (command === 'migrate') {
    const db = await openDatabase(config);
    const applied = await migrate(db);
    await db.close();
    return { kind: 'done', output: applied.length ? `applied ${applied.join(', ')}` : 'the database is up to date', exitCode: 0 };
  }
  if (command === 'user' && sub === 'add') return userAdd(rest, config);
  return { kind: 'done', output: `unknown command "${[command, sub].filter(Boolean).join(' ')}"\n\n${HELP}`, exitCode: 2 };
}

async function userAdd(args: string[], config: ServerConfig): Promise<CliResult> {
  let values: { email?: string; name?: string; password?: string };
  try {
    values = parseArgs({ args, options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } } }).values;
  } catch (error) {
    return { kind: 'done', output: `${(error as Error).message}\nusage: user add --email E --name N --password P`, exitCode: 2 };
  }
  const problems: string[] = [];
  if (!values.email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) problems.push('--email must be an email address');
  if (!values.name?.trim()) problems.push('--name must not be empty');
  if (!values.password || values.password.length < 10) problems.push('--password must be at least 10 characters');
  if (problems.length) return { kind: 'done', output: `${problems.join('\n')}\nusage: user add --email E --name N --password P`, exitCode: 2 };
  const db = await openDatabase(config);
  try {
    const { id, created } = await addUser(db, { email: values.email!, name: values.name!.trim(), password: values.password! });
    return { kind: 'done', output: `${created ? 'created' : 'updated'} ${values.email} (user id ${id})`, exitCode: 0 };
  } finally {
    await db.close();
  }
}
