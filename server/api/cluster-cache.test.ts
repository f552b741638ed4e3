// The `/api/v1` cache across server processes: a second server runs as a child process on the same
// PostgreSQL and Redis; a write taken by one process must change what the other one answers,
// though the other holds the old answer in its in-process cache for up to a minute.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenPair } from '../../src-shared/sync/api.js';
import type { RunningServer } from '../app.js';
import { spawnServer, type ServerProcess } from '../server-process.js';
import { createRoom, createTestEnv, eventually, signUp, startTestServer, TEST_REDIS, type TestEnv } from '../testing.js';
import { addMember, fillRoom, get, setAgenda } from './fixtures.js';

let env: TestEnv;
let a: RunningServer;
let b: ServerProcess;

beforeAll(async () => {
  env = await createTestEnv();
  a = await startTestServer(env);
  b = await spawnServer({
    DATABASE_URL: env.db.url,
    REDIS_URL: TEST_REDIS,
    REDIS_PREFIX: env.redisPrefix,
    JWT_SECRET: 'a test secret that is at least thirty-two characters long',
    API_REQUESTS_PER_SECOND: '10000',
    API_BURST: '10000',
    // Entries would outlive the test: only an invalidation can change what B answers.
    CACHE_L1_TTL_MS: '60000',
    CACHE_LIST_TTL_SECONDS: '3600',
  });
});
afterAll(async () => {
  b?.child.kill('SIGKILL');
  await b?.exited;
  await a?.close();
  await env?.dispose();
});

interface Meeting {
  agenda_items: Array<{ title: string }>;
}

describe('cache invalidation across processes', () => {
  it('an agenda edit taken by one process changes what the other answers', async () => {
    const owner = await signUp(a, 'Olivia Owner');
    const roomId = await createRoom(a, owner);
    const { meetingIds } = await fillRoom(a, owner.accessToken, roomId, { meetings: [{ title: 'Board', scheduledAt: Date.now() + 86_400_000 }] });
    const meetingId = meetingIds[0]!;
    await setAgenda(a, owner.accessToken, meetingId, ['Apologies']);
    const path = `/api/v1/meetings/${meetingId}`;
    await eventually(async () => (await get<Meeting>(b, path, owner.accessToken)).body.agenda_items?.length === 1, 'B to show the agenda');
    const cached = await get<Meeting>(b, path, owner.accessToken);
    expect(cached.headers.get('x-cache')).toBe('l1');

    await setAgenda(a, owner.accessToken, meetingId, ['Budget']);
    await eventually(async () => (await get<Meeting>(b, path, owner.accessToken)).body.agenda_items.length === 2, 'B to show the new agenda item');
    const fresh = await get<Meeting>(b, path, owner.accessToken);
    expect(fresh.body.agenda_items.map((i) => i.title).sort()).toEqual(['Apologies', 'Budget']);
  });

  it('a membership change taken by one process reaches the boardroom list the other has cached', async () => {
    const owner = await signUp(a, 'Olga Owner');
    const newcomer: TokenPair = await signUp(a, 'Nils Newcomer');
    const roomId = await createRoom(a, owner, `Room ${randomUUID().slice(0, 8)}`);
    const before = await get<{ total: number }>(b, '/api/v1/boardrooms', newcomer.accessToken);
    expect(before.body.total).toBe(0);
    expect((await get(b, '/api/v1/boardrooms', newcomer.accessToken)).headers.get('x-cache')).toBe('l1');
    await addMember(a, owner, roomId, newcomer);
    await eventually(async () => (await get<{ total: number }>(b, '/api/v1/boardrooms', newcomer.accessToken)).body.total === 1, 'the room in B’s list');
  });
});
