// /readyz fails while Redis is unreachable and recovers when it is back. The server is pointed at a
// Redis of this test's own (a child process on a free port), never at the machine's shared one.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../app.js';
import { get } from '../api/fixtures.js';
import { createTestEnv, eventually, signUp, startTestServer, type TestEnv } from '../testing.js';

let env: TestEnv;
let server: RunningServer;
let redis: ChildProcess | null = null;
let port = 0;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function startRedis(): Promise<void> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  redis = child;
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}):\n${output}`)));
  });
}

async function stopRedis(): Promise<void> {
  const child = redis;
  redis = null;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

beforeAll(async () => {
  env = await createTestEnv();
  port = await freePort();
  await startRedis();
  server = await startTestServer(env, { redisUrl: `redis://127.0.0.1:${port}` });
});
afterAll(async () => {
  await server?.close();
  await stopRedis();
  await env?.dispose();
});

interface Ready {
  ready: boolean;
  postgres: string;
  redis: string;
}

describe('/readyz', () => {
  it('is ready with PostgreSQL and Redis reachable, fails while Redis is down, and recovers', async () => {
    const up = await get<Ready>(server, '/readyz');
    expect(up).toMatchObject({ status: 200, body: { ready: true, postgres: 'ok', redis: 'ok' } });
    expect((await get(server, '/healthz')).status).toBe(200);

    await stopRedis();
    await eventually(async () => (await get(server, '/readyz')).status === 503, '/readyz to fail');
    const down = await get<Ready>(server, '/readyz');
    expect(down.body).toMatchObject({ ready: false, postgres: 'ok', redis: expect.stringMatching(/^unreachable/) });
    // Alive all the same, and reads still answer (from Postgres, limits kept in-process).
    expect((await get(server, '/healthz')).status).toBe(200);
    const reader = await signUp(server, 'Rhea Reader');
    expect((await get(server, '/api/v1/boardrooms', reader.accessToken)).status).toBe(200);

    await startRedis();
    await eventually(async () => (await get(server, '/readyz')).status === 200, '/readyz to recover');
    expect((await get<Ready>(server, '/readyz')).body).toMatchObject({ ready: true, redis: 'ok' });
  });
});
