// Rate limits every server process shares (DESIGN.md, REST: API 10 requests/s with a burst of 20,
// sign-in 5 per minute per address and per account). A token bucket per key lives in Redis and is
// taken by one Lua script, so concurrent processes cannot both spend the last token, and the time
// is Redis's own (processes' clocks may differ). Without Redis, or while it is unreachable, each
// process keeps the buckets itself: limits still hold per process rather than not at all.
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

export interface Take {
  allowed: boolean;
  /** When refused: milliseconds until a token is back. */
  retryAfterMs: number;
}

export interface RateLimiter {
  take(key: string): Promise<Take>;
  close(): void;
}

export interface BucketRule {
  /** Tokens added per second. */
  perSecond: number;
  burst: number;
}

// KEYS: one bucket per take, in order (a key twice takes twice); ARGV rate (tokens per ms), burst.
// Returns {allowed, retry after ms} per key, flattened.
const TAKE_TOKENS = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local out = {}
for _, key in ipairs(KEYS) do
  local state = redis.call('HMGET', key, 'tokens', 'ts')
  local tokens = tonumber(state[1])
  local ts = tonumber(state[2])
  if tokens == nil or ts == nil then
    tokens = burst
    ts = now
  end
  local elapsed = now - ts
  if elapsed < 0 then elapsed = 0 end
  tokens = math.min(burst, tokens + elapsed * rate)
  local allowed = 0
  local retry = 0
  if tokens >= 1 then
    tokens = tokens - 1
    allowed = 1
  else
    retry = math.ceil((1 - tokens) / rate)
  end
  redis.call('HSET', key, 'tokens', tostring(tokens), 'ts', tostring(now))
  redis.call('PEXPIRE', key, math.ceil(burst / rate) + 1000)
  out[#out + 1] = allowed
  out[#out + 1] = retry
end
return out
`;

type WithTakeTokens = Redis & { takeTokens(keyCount: number, ...keysThenArgs: string[]): Promise<number[]> };

function defineTakeTokens(redis: Redis): void {
  // No numberOfKeys: each call passes its key count first.
  if (!('takeTokens' in redis)) redis.defineCommand('takeTokens', { lua: TAKE_TOKENS });
}

/** Takes batched into one script call at most. */
const MAX_BATCH = 256;

/**
 * Buckets in Redis under `prefix`; falls back to this process's buckets when Redis fails. The takes
 * asked for in one turn of the event loop go to Redis as one script call (after the turn's I/O, in
 * setImmediate): under load a request's own Redis round trip was its largest cost after its
 * response (~28 µs of socket write per request, measured at 6,400 requests/s), and a batch pays
 * one. Each key is still one bucket for every process, taken in order inside the script.
 */
export function redisLimiter(redis: Redis, prefix: string, rule: BucketRule, log: Logger): RateLimiter {
  defineTakeTokens(redis);
  const fallback = localLimiter(rule);
  const rate = String(rule.perSecond / 1000);
  const burst = String(rule.burst);
  let warned = false;
  const queue: Array<{ key: string; resolve: (take: Take) => void }> = [];
  const flush = async () => {
    const batch = queue.splice(0, MAX_BATCH);
    if (queue.length > 0) setImmediate(flush);
    try {
      const flat = await (redis as WithTakeTokens).takeTokens(batch.length, ...batch.map((t) => prefix + t.key), rate, burst);
      warned = false;
      batch.forEach((t, i) => t.resolve({ allowed: flat[2 * i] === 1, retryAfterMs: Number(flat[2 * i + 1]) }));
    } catch (error) {
      if (!warned) log.warn({ err: error }, 'rate limits fall back to this process while Redis is unreachable');
      warned = true;
      for (const t of batch) t.resolve(await fallback.take(t.key));
    }
  };
  return {
    take(key) {
      return new Promise((resolve) => {
        if (queue.length === 0) setImmediate(flush);
        queue.push({ key, resolve });
      });
    },
    close: () => {
      // Takes still waiting for their turn are answered here rather than left hanging.
      for (const t of queue.splice(0)) void fallback.take(t.key).then(t.resolve);
      fallback.close();
    },
  };
}

/** Token buckets in this process; buckets that refilled are forgotten so the map stays small. */
export function localLimiter(rule: BucketRule, now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const refill = (bucket: { tokens: number; at: number }, t: number) => {
    bucket.tokens = Math.min(rule.burst, bucket.tokens + ((t - bucket.at) / 1000) * rule.perSecond);
    bucket.at = t;
  };
  const sweep = setInterval(() => {
    const t = now();
    for (const [key, bucket] of buckets) {
      refill(bucket, t);
      if (bucket.tokens >= rule.burst) buckets.delete(key);
    }
  }, 60_000);
  sweep.unref();
  return {
    async take(key) {
      const t = now();
      let bucket = buckets.get(key);
      if (!bucket) buckets.set(key, (bucket = { tokens: rule.burst, at: t }));
      refill(bucket, t);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true, retryAfterMs: 0 };
      }
      return { allowed: false, retryAfterMs: Math.ceil(((1 - bucket.tokens) / rule.perSecond) * 1000) };
    },
    close: () => clearInterval(sweep),
  };
}

/** Seconds for a Retry-After header: whole, and at least 1. */
export const retryAfterSeconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));
