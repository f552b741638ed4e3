// The shared token buckets against the real Redis: the takes of one event-loop turn go as one script
// call, and still spend one bucket per key in the order they were asked, whichever process asks.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_REDIS } from '../testing.js';
import { redisLimiter } from './rate-limiter.js';

const redis = new Redis(TEST_REDIS, { enableAutoPipelining: true });
const other = new Redis(TEST_REDIS, { enableAutoPipelining: true });
const prefix = `test:rl:${randomUUID()}:`;
const log = pino({ level: 'silent' });
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  other.disconnect();
});

describe('redisLimiter', () => {
  it('answers a turn of takes with one script call, in order, a key twice taking twice', async () => {
    const limiter = redisLimiter(redis, prefix, { perSecond: 1, burst: 4 }, log);
    // Loads the script into Redis first (a fresh Redis answers the first EVALSHA with NOSCRIPT, then EVAL).
    await limiter.take('warm');
    const calls: string[] = [];
    const monitor = await redis.duplicate().monitor();
    const sentinel = `${prefix}sentinel`;
    // MONITOR reports commands in the order Redis ran them: once the sentinel is seen, so are the takes.
    const sawSentinel = new Promise<void>((resolve) =>
      monitor.on('monitor', (_time: string, args: string[]) => {
        if (args.includes(sentinel)) resolve();
        else if (args.some((a) => a.startsWith(prefix))) calls.push(args[0]!.toLowerCase());
      }),
    );
    const keys = ['a', 'b', 'a', 'a', 'a', 'a', 'b'];
    const takes = await Promise.all(keys.map((k) => limiter.take(k)));
    await redis.get(sentinel);
    await sawSentinel;
    monitor.disconnect();
    expect(takes.map((t) => t.allowed)).toEqual([true, true, true, true, true, false, true]);
    expect(takes[5]!.retryAfterMs).toBeGreaterThan(0);
    expect(takes[5]!.retryAfterMs).toBeLessThanOrEqual(1000);
    // One script call for all seven (MONITOR also lists the commands the script runs).
    expect(calls.filter((c) => c === 'evalsha' || c === 'eval')).toEqual(['evalsha']);
    limiter.close();
  });

  it('is one bucket for every process: two limiters taking at once get the burst between them', async () => {
    const key = `shared-${randomUUID()}`;
    const rule = { perSecond: 1, burst: 5 };
    const a = redisLimiter(redis, prefix, rule, log);
    const b = redisLimiter(other, prefix, rule, log);
    const takes = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).take(key)));
    expect(takes.filter((t) => t.allowed)).toHaveLength(5);
    a.close();
    b.close();
  });

  it('falls back to its own buckets while Redis is unreachable, and answers takes waiting at close', async () => {
    const down = new Redis('redis://127.0.0.1:1', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    const limiter = redisLimiter(down, prefix, { perSecond: 1, burst: 2 }, log);
    const takes = await Promise.all([limiter.take('x'), limiter.take('x'), limiter.take('x')]);
    expect(takes.map((t) => t.allowed)).toEqual([true, true, false]);
    const waiting = limiter.take('y');
    limiter.close();
    expect((await waiting).allowed).toBe(true);
    down.disconnect();
  });
});
