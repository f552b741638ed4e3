// Every statement timed, by kind: counts and times per kind for /metrics, and a warning with the
// statement's kind and opening text when one takes longer than the slow-query threshold (the
// seed's 100 ms). A statement names its kind with a leading comment (`/* api.meetings.list */`);
// otherwise its kind is its verb and first table (`SELECT meetings`).
import type { Logger } from 'pino';
import type { Database, Queryable } from './database.js';

export interface KindStats {
  count: number;
  totalMs: number;
  maxMs: number;
  slow: number;
}

export type QueryObserver = (kind: string, ms: number) => void;

const LABEL = /^\s*\/\*\s*([\w.:-]+)\s*\*\//;
const UPDATE_TABLE = /^\s*UPDATE\s+([\w.]+)/i;
const VERB_TABLE = /^\s*(?:WITH\b[\s\S]*?\)\s*)?(SELECT|INSERT|DELETE)\b[\s\S]*?\b(?:FROM|INTO)\s+([\w.]+)/i;

export function statementKind(sql: string): string {
  const label = LABEL.exec(sql);
  if (label) return label[1]!;
  const update = UPDATE_TABLE.exec(sql);
  if (update) return `UPDATE ${update[1]!.toLowerCase()}`;
  const match = VERB_TABLE.exec(sql.slice(0, 400));
  if (match) return `${match[1]!.toUpperCase()} ${match[2]!.toLowerCase()}`;
  return (/^\s*(\w+)/.exec(sql)?.[1] ?? 'unknown').toUpperCase();
}

export class QueryStats {
  readonly byKind = new Map<string, KindStats>();
  private readonly observers: QueryObserver[] = [];
  /** Statements run so far, of every kind. */
  total = 0;

  constructor(
    private readonly log: Logger,
    private readonly slowMs: number,
  ) {}

  onQuery(observer: QueryObserver): void {
    this.observers.push(observer);
  }

  record(sql: string, ms: number): void {
    const kind = statementKind(sql);
    this.total += 1;
    let stats = this.byKind.get(kind);
    if (!stats) this.byKind.set(kind, (stats = { count: 0, totalMs: 0, maxMs: 0, slow: 0 }));
    stats.count += 1;
    stats.totalMs += ms;
    stats.maxMs = Math.max(stats.maxMs, ms);
    if (ms > this.slowMs) {
      stats.slow += 1;
      this.log.warn({ kind, ms: Math.round(ms * 10) / 10, sql: sql.replace(/\s+/g, ' ').trim().slice(0, 200) }, 'slow query');
    }
    for (const observer of this.observers) observer(kind, ms);
  }

  /** Per kind: count, total and max ms, slow count; for /metrics.json. */
  snapshot(): Record<string, KindStats> {
    return Object.fromEntries([...this.byKind].map(([kind, s]) => [kind, { ...s, totalMs: Math.round(s.totalMs * 10) / 10 }]));
  }
}

/** `db` with every statement (transactions' too) timed into `stats`. */
export function timedDatabase(db: Database, stats: QueryStats): Database {
  const timed = (q: Queryable): Queryable => ({
    async query(sql, params) {
      const started = performance.now();
      try {
        return await q.query(sql, params);
      } finally {
        stats.record(sql, performance.now() - started);
      }
    },
  });
  const top = timed(db);
  return {
    kind: db.kind,
    poolStats: () => db.poolStats(),
    query: top.query,
    transaction: (fn) => db.transaction((tx) => fn(timed(tx))),
    close: () => db.close(),
  };
}
