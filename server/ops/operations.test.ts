// What operators rely on: Prometheus /metrics with the series they alert on, RUM reports validated
// by the shared schema and exported as histograms, request ids, compression over 1000 bytes, slow
// statements logged with their kind, and configuration errors one per bad value.
import { request as httpRequest } from 'node:http';
import { Writable } from 'node:stream';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUM_PATH } from '../../src-shared/sync/rum.js';
import type { TokenPair } from '../../src-shared/sync/api.js';
import type { RunningServer } from '../app.js';
import { HELP, runCli } from '../cli.js';
import { ConfigError, configFromEnv } from '../config.js';
import { openPostgres } from '../db/database.js';
import { QueryStats, statementKind, timedDatabase } from '../db/query-stats.js';
import { fillRoom, get } from '../api/fixtures.js';
import { api, createRoom, createTestEnv, signUp, startTestServer, type TestEnv } from '../testing.js';

let env: TestEnv;
let server: RunningServer;
let user: TokenPair;
let roomId: string;

beforeAll(async () => {
  env = await createTestEnv();
  server = await startTestServer(env);
  user = await signUp(server, 'Opal Operator');
  roomId = await createRoom(server, user);
  await fillRoom(server, user.accessToken, roomId, {
    meetings: Array.from({ length: 40 }, (_, i) => ({ title: `Meeting number ${i}`, scheduledAt: Date.UTC(2027, 0, 1 + i), location: 'Board room' })),
  });
});
afterAll(async () => {
  await server?.close();
  await env?.dispose();
});

/** A raw GET (no automatic decompression), so the encoding on the wire is what we see. */
function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, server.url), { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('compression', () => {
  const auth = () => ({ authorization: `Bearer ${user.accessToken}` });
  const meetings = () => `/api/v1/boardrooms/${roomId}/meetings?limit=40`;

  it('sends brotli or gzip for bodies over 1000 bytes, with Vary: Accept-Encoding', async () => {
    const plain = await rawGet(meetings(), auth());
    expect(plain.body.length).toBeGreaterThan(1000);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await rawGet(meetings(), { ...auth(), 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.body.length).toBeLessThan(plain.body.length);
    expect(JSON.parse(brotliDecompressSync(br.body).toString())).toEqual(JSON.parse(plain.body.toString()));
    const gz = await rawGet(meetings(), { ...auth(), 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.body).toString())).toEqual(JSON.parse(plain.body.toString()));
    // A refused encoding is not used; a client that takes neither gets the plain body.
    expect((await rawGet(meetings(), { ...auth(), 'accept-encoding': 'br;q=0, gzip' })).headers['content-encoding']).toBe('gzip');
    expect((await rawGet(meetings(), { ...auth(), 'accept-encoding': 'identity' })).headers['content-encoding']).toBeUndefined();
    // Bodies the cache does not hold (the metrics page) are compressed too.
    const metrics = await rawGet('/metrics', { 'accept-encoding': 'gzip' });
    expect(metrics.headers['content-encoding']).toBe('gzip');
  });

  it('leaves bodies of 1000 bytes or less alone, still saying Vary', async () => {
    const small = await rawGet(`/api/v1/boardrooms/${roomId}/meetings?limit=1`, { ...auth(), 'accept-encoding': 'gzip, br' });
    expect(small.body.length).toBeLessThanOrEqual(1000);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.headers.vary).toMatch(/accept-encoding/i);
  });
});

describe('/metrics', () => {
  it('exports Prometheus series for HTTP, sockets, docs, updates, cache, pool and queries', async () => {
    await get(server, '/api/v1/boardrooms', user.accessToken);
    await get(server, '/api/v1/boardrooms', user.accessToken);
    const response = await fetch(new URL('/metrics', server.url));
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    for (const series of [
      'http_request_duration_seconds_bucket{le="0.005",method="GET",route="/api/v1/boardrooms",status="200"}',
      'websocket_connections ',
      'docs_loaded ',
      'doc_update_persist_seconds_count ',
      'doc_update_broadcast_seconds_count ',
      'api_cache_requests_total{result="l1_hit"}',
      'api_cache_requests_total{result="miss"}',
      'api_cache_hit_ratio ',
      'db_pool_connections{state="max"} 20',
      'db_query_duration_seconds_count{kind="api.boardrooms.list"}',
    ]) {
      expect(text).toContain(series);
    }
    expect(Number(/^doc_update_persist_seconds_count (\d+)/m.exec(text)![1])).toBeGreaterThan(0);
    const json = (await (await fetch(new URL('/metrics.json', server.url))).json()) as { cache: { l1Hits: number }; queries: Record<string, { count: number }> };
    expect(json.cache.l1Hits).toBeGreaterThan(0);
    expect(json.queries['api.boardrooms.list']!.count).toBeGreaterThan(0);
  });
});

describe('RUM reports', () => {
  it('takes valid reports and exports them as histograms', async () => {
    const sent = await api(server.url, RUM_PATH, { token: user.accessToken, body: { metrics: { FCP: 420, LCP: 900, CLS: 0.02, INP: 80, first_list_painted: 310 }, surface: 'electron' } });
    expect(sent.status).toBe(202);
    const text = await (await fetch(new URL('/metrics', server.url))).text();
    expect(text).toContain('rum_fcp_seconds_count{surface="electron"} 1');
    expect(text).toContain('rum_first_list_painted_seconds_bucket{le="0.5",surface="electron"} 1');
    expect(text).toContain('rum_cls_count{surface="electron"} 1');
    expect(text).toContain('rum_inp_seconds_sum{surface="electron"} 0.08');
  });

  it('refuses reports the shared schema does not accept', async () => {
    const bad: Array<[unknown, RegExp]> = [
      [{ metrics: {} }, /at least one of FCP, LCP, CLS, INP or first_list_painted/],
      [{ metrics: { FCP: -1 } }, /metrics.FCP: must be 0 or more/],
      [{ metrics: { TTFB: 10 } }, /TTFB/],
      [{ metrics: { LCP: '900' } }, /metrics.LCP: must be a number of milliseconds/],
      [{ metrics: { CLS: 0.1 }, surface: 'toaster' }, /surface: must be electron or web/],
    ];
    for (const [body, message] of bad) {
      const sent = await api<{ error: string; message: string }>(server.url, RUM_PATH, { token: user.accessToken, body });
      expect(sent.status).toBe(400);
      expect(sent.body.message).toMatch(message);
    }
    expect((await api(server.url, RUM_PATH, { body: { metrics: { FCP: 1 } } })).status).toBe(401);
  });
});

describe('request ids', () => {
  it('gives every response an id, and keeps the one a proxy sent', async () => {
    const made = await get(server, '/healthz');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await get(server, '/healthz', undefined, { 'x-request-id': 'proxy-42' });
    expect(kept.headers.get('x-request-id')).toBe('proxy-42');
  });

  it('puts the id on every JSON log line of the request', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _e, done) => (lines.push(chunk.toString()), done()) }));
    const logged = await startTestServer(env, { logger });
    try {
      await get(logged, '/api/v1/boardrooms', undefined, { 'x-request-id': 'trace-me-7' });
    } finally {
      await logged.close();
    }
    const mine = lines.map((l) => JSON.parse(l) as { reqId?: string; msg: string; res?: { statusCode: number } }).filter((l) => l.reqId === 'trace-me-7');
    expect(mine.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
    expect(mine[1]!.res!.statusCode).toBe(401);
  });
});

describe('slow statements', () => {
  it('are logged with their kind, and counted per kind', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, new Writable({ write: (chunk, _e, done) => (lines.push(chunk.toString()), done()) }));
    const stats = new QueryStats(log, 100);
    const db = timedDatabase(openPostgres({ url: env.db.url, poolSize: 1 }), stats);
    try {
      await db.query('/* test.sleep */ SELECT pg_sleep(0.15)');
      await db.query('SELECT 1');
    } finally {
      await db.close();
    }
    expect(stats.snapshot()['test.sleep']).toMatchObject({ count: 1, slow: 1 });
    expect(stats.snapshot()['SELECT']).toMatchObject({ count: 1, slow: 0 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'slow query', kind: 'test.sleep', sql: expect.stringContaining('pg_sleep') });
  });

  it('name their kind by label, or by verb and table', () => {
    expect(statementKind('/* api.meetings.list */ SELECT 1')).toBe('api.meetings.list');
    expect(statementKind('SELECT id FROM meetings WHERE x')).toBe('SELECT meetings');
    expect(statementKind('INSERT INTO doc_updates (a) VALUES (1)')).toBe('INSERT doc_updates');
    expect(statementKind('UPDATE boardrooms SET name = 1')).toBe('UPDATE boardrooms');
    expect(statementKind('BEGIN')).toBe('BEGIN');
  });
});

describe('configuration', () => {
  it('reports every bad value at once, each with what was expected', () => {
    let error: unknown;
    try {
      configFromEnv({ API_REQUESTS_PER_SECOND: 'fast', CACHE_L1_TTL_MS: '120000', SIGN_INS_PER_MINUTE_PER_ACCOUNT: '0', SLOW_QUERY_MS: '-5' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'SLOW_QUERY_MS must be a whole number between 1 and 600000 (got "-5")',
      'SIGN_INS_PER_MINUTE_PER_ACCOUNT must be a whole number between 1 and 1000000 (got "0")',
      'API_REQUESTS_PER_SECOND must be a whole number between 1 and 1000000 (got "fast")',
      'CACHE_L1_TTL_MS must be a whole number between 1 and 60000 (got "120000")',
    ]);
    expect(() => configFromEnv({ API_REQUESTS_PER_SECOND: '50', API_BURST: '20' })).toThrow(/API_BURST \(20\) must be at least API_REQUESTS_PER_SECOND \(50\)/);
    expect(configFromEnv({})).toMatchObject({ apiRequestsPerSecond: 10, apiBurst: 20, signInsPerMinutePerIp: 5, signInsPerMinutePerAccount: 5, dbPoolSize: 20, slowQueryMs: 100 });
  });

  it('lists the operations endpoints and variables in --help', async () => {
    const result = await runCli(['--help']);
    expect(result).toEqual({ kind: 'done', output: HELP, exitCode: 0 });
    for (const text of ['/readyz', '/metrics', 'API_REQUESTS_PER_SECOND', 'SIGN_INS_PER_MINUTE_PER_ACCOUNT', 'SLOW_QUERY_MS', 'CACHE_L1_TTL_MS', '1001']) {
      expect(HELP).toContain(text);
    }
  });
});
