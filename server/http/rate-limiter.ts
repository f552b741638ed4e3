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

// KEYS[1] bucket; ARGV rate (tokens per ms), burst. Returns {allowed, retry after ms}.
const TAKE_TOKEN = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
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
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate) + 1000)
return {allowed, retry}
`;

type WithTakeToken = Redis & { takeToken(key: string, rate: string, burst: string): Promise<[number, number]> };

export function defineTakeToken(redis: Redis): void {
  if (!('takeToken' in redis)) redis.defineCommand('takeToken', { numberOfKeys: 1, lua: TAKE_TOKEN });
}

/** Buckets in Redis under `prefix`; falls back to this process's buckets when Redis fails. */
export function redisLimiter(redis: Redis, prefix: string, rule: BucketRule, log: Logger): RateLimiter {
  defineTakeToken(redis);
  const fallback = localLimiter(rule);
  let warned = false;
  return {
    async take(key) {
      try {
        const [allowed, retry] = await (redis as WithTakeToken).takeToken(prefix + key, String(rule.perSecond / 1000), String(rule.burst));
        warned = false;
        return { allowed: allowed === 1, retryAfterMs: Number(retry) };
      } catch (error) {
        if (!warned) log.warn({ err: error }, 'rate limits fall back to this process while Redis is unreachable');
        warned = true;
        return fallback.take(key);
      }
    },
    close: () => fallback.close(),
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
