// Rate limits shared through Redis: two servers on one Redis prefix spend one bucket per caller
// (API) and per address and account (sign-in), and refuse with 429 and Retry-After.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type ApiErrorBody } from '../../src-shared/sync/api.js';
import type { RunningServer } from '../app.js';
import { api, createTestEnv, signUp, startTestServer, type TestEnv } from '../testing.js';
import { get } from '../api/fixtures.js';
import { localLimiter } from './rate-limiter.js';

let env: TestEnv;
let a: RunningServer;
let b: RunningServer;

beforeAll(async () => {
  env = await createTestEnv();
  // One request a second, bursts of 4; sign-ins: 3 per minute per account.
  const limits = { apiRequestsPerSecond: 1, apiBurst: 4, signInsPerMinutePerAccount: 3 };
  a = await startTestServer(env, limits);
  b = await startTestServer(env, limits);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await env?.dispose();
});

describe('API rate limit', () => {
  it('is one bucket per user across processes, refused with 429 and Retry-After', async () => {
    const user = await signUp(a, 'Rita Reader');
    const other = await signUp(a, 'Otto Other');
    const statuses = [];
    for (const server of [a, b, a, b]) statuses.push((await get(server, '/api/v1/boardrooms', user.accessToken)).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    const refused = await get<ApiErrorBody>(b, '/api/v1/boardrooms', user.accessToken);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ error: 'rate_limited', message: expect.stringMatching(/1 per second with bursts of 4; wait \d+ s/) });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await get(a, '/api/v1/boardrooms', user.accessToken)).status).toBe(429);
    // Someone else's bucket is untouched.
    expect((await get(a, '/api/v1/boardrooms', other.accessToken)).status).toBe(200);
  });

  it('spends the address’s bucket on requests without a valid token', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await get(i % 2 ? a : b, '/api/v1/boardrooms', 'forged')).status);
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.slice(4)).toEqual([429, 429]);
  });
});

describe('sign-in rate limit', () => {
  const attempt = (server: RunningServer, email: string) =>
    api<ApiErrorBody>(server.url, API.signIn, { body: { email, password: 'not the password', deviceId: 'd1', deviceName: 'Laptop' } });

  it('limits attempts per account across processes, whatever the address', async () => {
    const statuses = [];
    for (const server of [a, b, a]) statuses.push((await attempt(server, 'target@example.com')).status);
    expect(statuses).toEqual([401, 401, 401]);
    const refused = await attempt(b, 'TARGET@example.com');
    expect(refused).toEqual({ status: 429, body: { error: 'rate_limited', message: expect.stringMatching(/for this account: wait a minute/) } });
    // Another account from the same address is still judged on its password.
    expect((await attempt(a, 'someone.else@example.com')).status).toBe(401);
  });
});

describe('local buckets (no Redis, or Redis unreachable)', () => {
  it('refill at the configured rate and say how long to wait', async () => {
    let t = 0;
    const limiter = localLimiter({ perSecond: 10, burst: 20 }, () => t);
    const takes = [];
    for (let i = 0; i < 21; i++) takes.push((await limiter.take('k')).allowed);
    expect(takes.filter(Boolean)).toHaveLength(20);
    expect(await limiter.take('k')).toEqual({ allowed: false, retryAfterMs: 100 });
    t += 100;
    expect((await limiter.take('k')).allowed).toBe(true);
    limiter.close();
  });
});
