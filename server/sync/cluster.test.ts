// Several server processes sharing PostgreSQL and Redis, run as child processes the way operators
// run them: clients on different processes converge, a lost doorbell costs latency but no data, a
// kill -9 loses no acked update, and SIGTERM closes sockets with 1001.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import { roomDocId } from '../../src-shared/ids.js';
import { CLOSE } from '../../src-shared/sync/protocol.js';
import { openPostgres, type Database } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { loadDoc } from './doc-log.js';
import { spawnServer, type ServerProcess } from '../server-process.js';
import { createRoom, createTestEnv, eventually, RawSyncClient, signUp, stockClient, TEST_REDIS, type TestEnv } from '../testing.js';

let env: TestEnv;
let db: Database;
const processes: ServerProcess[] = [];
const cleanups: Array<() => void> = [];

beforeAll(async () => {
  env = await createTestEnv();
  db = openPostgres({ url: env.db.url, poolSize: 2 });
  await migrate(db);
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  for (const p of processes.splice(0)) {
    p.child.kill('SIGKILL');
    await p.exited;
  }
});
afterAll(async () => {
  await db.close();
  await env.dispose();
});

async function node(extra: Record<string, string> = {}): Promise<ServerProcess> {
  const p = await spawnServer({
    DATABASE_URL: env.db.url,
    REDIS_URL: TEST_REDIS,
    REDIS_PREFIX: env.redisPrefix,
    JWT_SECRET: 'a test secret that is at least thirty-two characters long',
    ...extra,
  });
  processes.push(p);
  return p;
}

/** The clock of `client` in a state vector (0 when absent). */
function clockOf(stateVector: Uint8Array, client: number): number {
  const decoder = decoding.createDecoder(stateVector);
  const count = decoding.readVarUint(decoder);
  for (let i = 0; i < count; i++) {
    const id = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    if (id === client) return clock;
  }
  return 0;
}

describe('several server processes', () => {
  it('converges clients connected to different processes', async () => {
    const [a, b] = await Promise.all([node(), node()]);
    const owner = await signUp({ url: a.url, db });
    const roomId = await createRoom({ url: a.url, db }, owner);
    const onA = stockClient(a, roomDocId(roomId), owner.accessToken);
    const onB = stockClient(b, roomDocId(roomId), owner.accessToken);
    cleanups.push(() => onA.destroy(), () => onB.destroy());
    await eventually(() => onA.synced && onB.synced, 'both synced');
    for (let i = 0; i < 10; i++) {
      onA.doc.getMap('documents').set(`a${i}`, i);
      onB.doc.getMap('documents').set(`b${i}`, i);
    }
    await eventually(() => onA.doc.getMap('documents').size === 20 && onB.doc.getMap('documents').size === 20, 'both have 20');
    expect(onA.doc.getMap('documents').toJSON()).toEqual(onB.doc.getMap('documents').toJSON());
  });

  it('catches up from Postgres when the doorbell never rings (processes on different Redis prefixes)', async () => {
    const a = await node({ CATCH_UP_MS: '100' });
    const b = await node({ CATCH_UP_MS: '100', REDIS_PREFIX: `${env.redisPrefix}elsewhere:` });
    const owner = await signUp({ url: a.url, db });
    const roomId = await createRoom({ url: a.url, db }, owner);
    const onA = new RawSyncClient(a, roomDocId(roomId), owner.accessToken);
    const onB = new RawSyncClient(b, roomDocId(roomId), owner.accessToken);
    cleanups.push(() => onA.close(), () => onB.close());
    await Promise.all([onA.opened, onB.opened]);
    onA.doc.getMap('meta').set('name', 'Written on A');
    await eventually(() => onB.doc.getMap('meta').get('name') === 'Written on A', 'B caught up');
  });

  it('loses no acked update when a process is killed with SIGKILL mid-stream', async () => {
    const unlimited = { MESSAGES_PER_SECOND: '100000', MESSAGE_BURST: '100000' };
    const first = await node(unlimited);
    const owner = await signUp({ url: first.url, db });
    const roomId = await createRoom({ url: first.url, db }, owner);
    const writer = new RawSyncClient(first, roomDocId(roomId), owner.accessToken);
    cleanups.push(() => writer.close());
    await writer.opened;
    await eventually(() => writer.acks.length >= 1, 'sync step 2 acked');

    // Edits keep flowing while the process dies; each map entry is one clock tick of the writer.
    let sent = 0;
    const stream = (async () => {
      while (writer.isOpen && writer.closed === null) {
        writer.doc.getMap('documents').set(`edit-${sent}`, sent);
        sent += 1;
        await new Promise((r) => setTimeout(r, 1));
      }
    })();
    await eventually(() => writer.acks.length >= 30, '30 acks');
    first.child.kill('SIGKILL');
    await first.exited;
    await stream;
    const acked = clockOf(writer.acks.at(-1)!, writer.doc.clientID);
    expect(acked).toBeGreaterThanOrEqual(29);

    const second = await node();
    const reader = new RawSyncClient(second, roomDocId(roomId), owner.accessToken);
    cleanups.push(() => reader.close());
    await reader.opened;
    await eventually(() => reader.doc.getMap('documents').size >= acked, 'fresh client has the acked edits');
    const documents = reader.doc.getMap('documents');
    for (let i = 0; i < acked; i++) expect(documents.get(`edit-${i}`)).toBe(i);
  });

  it('closes sockets with 1001 and a reconnect hint on SIGTERM, after finishing its writes', async () => {
    const p = await node();
    const owner = await signUp({ url: p.url, db });
    const roomId = await createRoom({ url: p.url, db }, owner);
    const client = new RawSyncClient(p, roomDocId(roomId), owner.accessToken);
    await client.opened;
    client.doc.getMap('meta').set('name', 'Before shutdown');
    await eventually(() => client.acks.length === 2, 'acked');
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(client.closed).toEqual({ code: CLOSE.goingAway, reason: expect.stringMatching(/reconnect/) });
    const { doc } = await loadDoc(db, roomDocId(roomId));
    expect(doc.getMap('meta').get('name')).toBe('Before shutdown');
  });
});

