// `/readyz`: ready when PostgreSQL answers and Redis (when configured) answers, each within a
// second, and the server is not shutting down. A load balancer stops sending traffic on 503.
import type { Redis } from 'ioredis';
import type { Queryable } from '../db/database.js';

const CHECK_TIMEOUT_MS = 1_000;

export interface Readiness {
  ready: boolean;
  postgres: string;
  redis: string;
}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export async function checkReadiness(db: Queryable, redis: Redis | null, closing: boolean): Promise<Readiness> {
  const [postgres, redisState] = await Promise.all([
    within(db.query('SELECT 1'), CHECK_TIMEOUT_MS).then(
      () => 'ok',
      (error: Error) => `unreachable: ${error.message}`,
    ),
    redis
      ? redis.status !== 'ready'
        ? Promise.resolve(`unreachable: connection ${redis.status}`)
        : within(redis.ping(), CHECK_TIMEOUT_MS).then(
            () => 'ok',
            (error: Error) => `unreachable: ${error.message}`,
          )
      : Promise.resolve('not configured (in-process bus)'),
  ]);
  const ready = !closing && postgres === 'ok' && (redisState === 'ok' || !redis);
  return { ready, postgres, redis: closing ? 'shutting down' : redisState };
}
