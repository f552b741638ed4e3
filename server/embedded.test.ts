// `npm run server` on a fresh machine: no DATABASE_URL and no REDIS_URL, so embedded PostgreSQL in a
// data dir and an in-process bus. An account made with the CLI signs in, a stock client syncs, and
// what it wrote survives a restart.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roomDocId } from '../src-shared/ids.js';
import { API, type TokenPair } from '../src-shared/sync/api.js';
import { runCli } from './cli.js';
import { spawnServer, type ServerProcess } from './server-process.js';
import { api, eventually, stockClient } from './testing.js';

let dataDir: string;
const embedded = () => ({ DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '' });

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'boardroom-embedded-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function stop(p: ServerProcess) {
  p.child.kill('SIGTERM');
  expect(await p.exited).toBe(0);
}

describe('embedded default', () => {
  it('runs on PGlite with an in-process bus, and keeps what was synced across a restart', async () => {
    const added = await runCli(['user', 'add', '--email', 'ops@example.com', '--name', 'Operator', '--password', 'a long password'], embedded());
    expect(added).toMatchObject({ exitCode: 0 });

    const first = await spawnServer(embedded());
    // A second process on the same data dir is refused instead of corrupting it.
    await expect(spawnServer(embedded())).rejects.toThrow(/another process \(pid \d+\) is using the embedded database/);
    const { body: tokens } = await api<TokenPair>(first.url, API.signIn, {
      body: { email: 'ops@example.com', password: 'a long password', deviceId: 'd1', deviceName: 'Laptop' },
    });
    const roomId = 'embedded-room';
    expect((await api(first.url, API.rooms, { token: tokens.accessToken, body: { roomId, name: 'Board' } })).status).toBe(201);
    const writer = stockClient(first, roomDocId(roomId), tokens.accessToken);
    await eventually(() => writer.synced, 'synced');
    writer.doc.getMap('meta').set('name', 'Board of Directors');
    const reader = stockClient(first, roomDocId(roomId), tokens.accessToken);
    await eventually(() => reader.doc.getMap('meta').get('name') === 'Board of Directors', 'second client sees it');
    writer.destroy();
    reader.destroy();
    await stop(first);

    const second = await spawnServer(embedded());
    const { body: again } = await api<TokenPair>(second.url, API.refresh, { body: { refreshToken: tokens.refreshToken, deviceId: 'd1' } });
    const fresh = stockClient(second, roomDocId(roomId), again.accessToken);
    await eventually(() => fresh.doc.getMap('meta').get('name') === 'Board of Directors', 'survived the restart');
    fresh.destroy();
    await stop(second);
  });
});
