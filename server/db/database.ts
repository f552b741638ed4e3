// One small interface over the two PostgreSQLs the server runs on: a real server through a `pg` pool
// (DATABASE_URL) or embedded PGlite in a data dir (a fresh machine). Everything above this file
// speaks plain SQL with $1 parameters and gets rows back; int8 columns arrive as JS numbers.
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
}

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

export interface Database extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** Connections of the pool (null for PGlite, which has one). */
  poolStats(): PoolStats | null;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface PostgresOptions {
  url: string;
  poolSize?: number;
  /** How long to wait for a free connection before the query fails. */
  connectionTimeoutMs?: number;
  statementTimeoutMs?: number;
}

// Sequences and epoch-millisecond columns stay well below 2^53, so numbers are exact.
const INT8_OID = 20;
const parseInt8 = (value: string): number => Number(value);

export function openPostgres({ url, poolSize = 20, connectionTimeoutMs = 10_000, statementTimeoutMs = 30_000 }: PostgresOptions): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: connectionTimeoutMs,
    idleTimeoutMillis: 30_000,
    // A runaway statement must not hold a pool slot (and an advisory lock) forever.
    statement_timeout: statementTimeoutMs,
    application_name: 'boardroom-sync',
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => undefined);
  const run = async <Row>(client: pg.Pool | pg.PoolClient, sql: string, params?: unknown[]) =>
    (await client.query(sql, params as unknown[])).rows as Row[];
  return {
    kind: 'postgres',
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: poolSize }),
    query: (sql, params) => run(pool, sql, params),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({ query: (sql, params) => run(client, sql, params) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Embedded PostgreSQL (WASM) in `dataDir`, or in memory when `dataDir` is undefined. */
export async function openPglite(dataDir?: string): Promise<Database> {
  const db = await PGlite.create(dataDir, { parsers: { [INT8_OID]: parseInt8 } });
  const run = async <Row>(q: Pick<PGlite, 'query'>, sql: string, params?: unknown[]) =>
    (await q.query<Row>(sql, params)).rows;
  return {
    kind: 'pglite',
    poolStats: () => null,
    query: (sql, params) => run(db, sql, params),
    // PGlite has one connection: its transactions run one at a time, which is what we need anyway.
    transaction: (fn) => db.transaction((tx) => fn({ query: (sql, params) => run(tx, sql, params) })),
    close: () => db.close(),
  };
}
