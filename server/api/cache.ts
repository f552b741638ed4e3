// The `/api/v1` read cache (DESIGN.md, Caching): L1 an in-process LRU whose entries live at most
// 60 s, L2 Redis (lists 60 s, the rest an hour), keyed by user and query.
//
// Invalidation is by generation: every key carries the generation of what it depends on (a room's
// for room views, the user's for their boardroom list). A write bumps the generation in Redis (INCR)
// and announces the new value on the bus; every process, this one at once, then builds new keys, so
// the old entries are never read again and age out. Unlike deleting keys, this cannot race a reader
// that computed a stale answer just before the write: it stored it under the old generation.
// Generations a process has not heard about for a minute are re-read from Redis (a lost notice).
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { Bus } from '../bus/bus.js';

export interface CacheOptions {
  prefix: string;
  l1TtlMs: number;
  l1MaxEntries: number;
}

export type CacheSource = 'l1' | 'l2' | 'miss';

/** A generation name: `room:<roomId>` or `user:<userId>`. */
export type GenName = `room:${string}` | `user:${string}`;

const CHANNEL = 'cache-invalidated';
const GEN_FRESH_MS = 60_000;
/** Under a quarter of a megabyte of JSON per entry; bigger answers are cheap to skip. */
const MAX_ENTRY_CHARS = 256 * 1024;

/** A lookup inside another one (a shared part, an access check) is counted apart from requests. */
export interface GetOptions {
  inner?: boolean;
}

export class ApiCache {
  /** Requests' lookups (what the hit rate is about), and inner lookups apart. */
  readonly stats = { l1Hits: 0, l2Hits: 0, misses: 0, invalidations: 0, innerHits: 0, innerMisses: 0 };
  private readonly l1: LRUCache<string, string>;
  private readonly gens = new Map<string, { gen: number; at: number }>();
  private readonly inflight = new Map<string, Promise<string>>();

  constructor(
    private readonly redis: Redis | null,
    private readonly bus: Bus,
    private readonly options: CacheOptions,
    private readonly log: Logger,
  ) {
    this.l1 = new LRUCache<string, string>({ max: options.l1MaxEntries, ttl: Math.min(options.l1TtlMs, 60_000), ttlAutopurge: false });
  }

  async start(): Promise<void> {
    await this.bus.subscribe(CHANNEL, (message) => {
      try {
        const gens = JSON.parse(message) as Record<string, number>;
        for (const [name, gen] of Object.entries(gens)) this.learn(name, gen);
      } catch {
        this.log.debug({ message }, 'ignored a cache notice that did not decode');
      }
    });
  }

  /**
   * The cached answer for `query` as `userId` sees it, depending on `deps`; computed (and stored)
   * on a miss. Concurrent misses of one key share one computation.
   */
  async get(
    userId: string,
    query: string,
    deps: GenName[],
    ttlSeconds: number,
    compute: () => Promise<string>,
    options: GetOptions = {},
  ): Promise<{ body: string; source: CacheSource; key: string }> {
    const gens = await this.generations(deps);
    const key = `${this.options.prefix}api:${deps.map((d, i) => `${d}=${gens[i]}`).join(',')}:${userId}:${query}`;
    const hit = () => (options.inner ? (this.stats.innerHits += 1) : undefined);
    const local = this.l1.get(key);
    if (local !== undefined) {
      if (!hit()) this.stats.l1Hits += 1;
      return { body: local, source: 'l1', key };
    }
    if (this.redis) {
      const remote = await this.redis.get(key).catch(() => null);
      if (remote !== null) {
        if (!hit()) this.stats.l2Hits += 1;
        this.l1.set(key, remote);
        return { body: remote, source: 'l2', key };
      }
    }
    if (options.inner) this.stats.innerMisses += 1;
    else this.stats.misses += 1;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = compute().finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
      const body = await pending;
      if (body.length <= MAX_ENTRY_CHARS) {
        this.l1.set(key, body);
        this.redis?.set(key, body, 'EX', ttlSeconds).catch(() => undefined);
      }
      return { body, source: 'miss', key };
    }
    return { body: await pending, source: 'miss', key };
  }

  /** Bumps the generations of `names` everywhere: what depended on them is recomputed on next read. */
  async invalidate(names: GenName[]): Promise<void> {
    const unique = [...new Set(names)];
    if (unique.length === 0) return;
    this.stats.invalidations += 1;
    const bumped: Record<string, number> = {};
    if (this.redis) {
      try {
        const pipeline = this.redis.pipeline();
        for (const name of unique) pipeline.incr(this.genKey(name));
        const results = (await pipeline.exec()) ?? [];
        unique.forEach((name, i) => {
          const [error, value] = results[i] ?? [new Error('no reply'), null];
          if (!error) bumped[name] = Number(value);
        });
      } catch (error) {
        this.log.warn({ err: error }, 'cache generations not bumped in Redis; entries expire by their TTL');
      }
    }
    for (const name of unique) {
      // Without Redis (or when it failed): this process's own counter, always above what it used.
      bumped[name] ??= (this.gens.get(name)?.gen ?? 0) + 1;
      this.learn(name, bumped[name]);
    }
    await this.bus.publish(CHANNEL, JSON.stringify(bumped)).catch((error) => this.log.warn({ err: error }, 'cache notice not sent'));
  }

  get l1Size(): number {
    return this.l1.size;
  }

  private learn(name: string, gen: number): void {
    const known = this.gens.get(name);
    // Notices may arrive out of order: generations only move forward.
    this.gens.set(name, { gen: Math.max(gen, known?.gen ?? 0), at: Date.now() });
  }

  private genKey(name: string): string {
    return `${this.options.prefix}gen:${name}`;
  }

  private async generations(names: GenName[]): Promise<number[]> {
    const now = Date.now();
    const stale = names.filter((n) => {
      const known = this.gens.get(n);
      return !known || now - known.at > GEN_FRESH_MS;
    });
    if (stale.length > 0) {
      if (this.redis) {
        const values = await this.redis.mget(stale.map((n) => this.genKey(n))).catch(() => null);
        stale.forEach((name, i) => this.learn(name, Number(values?.[i] ?? 0)));
      } else for (const name of stale) this.learn(name, 0);
    }
    if (this.gens.size > 200_000) this.gens.clear();
    return names.map((n) => this.gens.get(n)?.gen ?? 0);
  }
}
