// `/metrics` in the Prometheus text format (prom-client), one registry per server so several
// servers in one process (tests) keep apart: HTTP latency, WebSocket connections, loaded docs,
// update persist and broadcast latency, cache hits and misses, pool use, query time per statement
// kind, and the real-user timings the desktop reports (RUM).
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { RUM_METRICS, type RumMetric, type RumReport } from '../../src-shared/sync/rum.js';
import type { PoolStats } from '../db/database.js';

export interface MetricSources {
  connections(): number;
  loadedDocs(): number;
  pool(): PoolStats | null;
  cache(): { l1Hits: number; l2Hits: number; misses: number; invalidations: number; innerHits: number; innerMisses: number };
}

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5];
const PAINT_BUCKETS = [0.1, 0.25, 0.5, 0.75, 1, 1.5, 2.5, 4, 6, 10, 20];
const INP_BUCKETS = [0.016, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2];
const CLS_BUCKETS = [0.01, 0.05, 0.1, 0.15, 0.25, 0.5, 1];

export class ServerMetrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly persistDuration: Histogram;
  readonly broadcastDuration: Histogram;
  readonly queryDuration: Histogram<'kind'>;
  private readonly rum: Record<RumMetric, Histogram>;

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.persistDuration = new Histogram({
      name: 'doc_update_persist_seconds',
      help: 'Time to commit a batch of client updates to PostgreSQL (before any broadcast or ack)',
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.broadcastDuration = new Histogram({
      name: 'doc_update_broadcast_seconds',
      help: 'Time from commit to the updates applied in memory and handed to local sockets',
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.queryDuration = new Histogram({
      name: 'db_query_duration_seconds',
      help: 'PostgreSQL statement time by statement kind',
      labelNames: ['kind'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    new Gauge({
      name: 'websocket_connections',
      help: 'Open sync WebSocket connections',
      registers,
      collect() {
        this.set(sources.connections());
      },
    });
    new Gauge({
      name: 'docs_loaded',
      help: 'Docs held in memory by this process',
      registers,
      collect() {
        this.set(sources.loadedDocs());
      },
    });
    new Gauge({
      name: 'db_pool_connections',
      help: 'PostgreSQL pool connections by state (total, idle, waiting requests, max)',
      labelNames: ['state'],
      registers,
      collect() {
        const pool = sources.pool();
        if (!pool) return;
        for (const [state, value] of Object.entries(pool)) this.set({ state }, value);
      },
    });
    new Counter({
      name: 'api_cache_requests_total',
      help: 'Cached /api/v1 reads by result: l1 hit, l2 (Redis) hit, miss',
      labelNames: ['result'],
      registers,
      collect() {
        const stats = sources.cache();
        this.reset();
        this.inc({ result: 'l1_hit' }, stats.l1Hits);
        this.inc({ result: 'l2_hit' }, stats.l2Hits);
        this.inc({ result: 'miss' }, stats.misses);
      },
    });
    new Counter({
      name: 'api_cache_inner_requests_total',
      help: 'Lookups inside a missed read (membership checks, parts shared by a room’s members) by result',
      labelNames: ['result'],
      registers,
      collect() {
        const stats = sources.cache();
        this.reset();
        this.inc({ result: 'hit' }, stats.innerHits);
        this.inc({ result: 'miss' }, stats.innerMisses);
      },
    });
    new Gauge({
      name: 'api_cache_hit_ratio',
      help: 'Share of cached /api/v1 reads answered from L1 or L2 since start',
      registers,
      collect() {
        const s = sources.cache();
        const all = s.l1Hits + s.l2Hits + s.misses;
        this.set(all === 0 ? 0 : (s.l1Hits + s.l2Hits) / all);
      },
    });
    new Counter({
      name: 'api_cache_invalidations_total',
      help: 'Cache invalidations this process started (writes that changed what /api/v1 shows)',
      registers,
      collect() {
        this.reset();
        this.inc(sources.cache().invalidations);
      },
    });
    const rumHistogram = (metric: RumMetric): Histogram => {
      const cls = metric === 'CLS';
      return new Histogram({
        name: cls ? 'rum_cls' : `rum_${metric.toLowerCase()}_seconds`,
        help: cls ? 'Cumulative layout shift reported by clients' : `${metric} reported by clients (real-user monitoring)`,
        labelNames: ['surface'],
        buckets: cls ? CLS_BUCKETS : metric === 'INP' ? INP_BUCKETS : PAINT_BUCKETS,
        registers,
      });
    };
    this.rum = Object.fromEntries(RUM_METRICS.map((m) => [m, rumHistogram(m)])) as Record<RumMetric, Histogram>;
  }

  observeRum(report: RumReport): void {
    const surface = report.surface ?? 'unknown';
    for (const metric of RUM_METRICS) {
      const value = report.metrics[metric];
      if (value === undefined) continue;
      this.rum[metric].observe({ surface }, metric === 'CLS' ? value : value / 1000);
    }
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
