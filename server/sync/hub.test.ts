// The doc hub's housekeeping against real PostgreSQL and Redis: compaction into a snapshot (and a
// process that slept through it still catches up), idle docs unloaded, awareness batched per doc
// and shared between processes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { roomDocId } from '../../src-shared/ids.js';
import { MESSAGE_AWARENESS, MESSAGE_SYNC } from '../../src-shared/sync/protocol.js';
import type { RunningServer } from '../app.js';
import { createRoom, createTestEnv, eventually, RawSyncClient, signUp, startTestServer, stockClient, type TestEnv } from '../testing.js';
import { COMPACT_AFTER_UPDATES } from './doc-log.js';

let env: TestEnv;
let server: RunningServer;

beforeAll(async () => {
  env = await createTestEnv();
  server = await startTestServer(env, { messagesPerSecond: 100_000, messageBurst: 100_000, docIdleUnloadMs: 50 });
});
afterAll(async () => {
  await server.close();
  await env.dispose();
});

const count = async (sql: string, docId: string) => (await server.db.query<{ n: number }>(sql, [docId]))[0]!.n;

describe('doc hub', () => {
  it('compacts a doc past 500 updates, and a process that missed it all catches up through the snapshot', async () => {
    const owner = await signUp(server);
    const roomId = await createRoom(server, owner);
    const docId = roomDocId(roomId);
    // A second process that hears no doorbells and does not catch up on its own.
    const sleeper = await startTestServer(env, { redisPrefix: `${env.redisPrefix}asleep:`, catchUpMs: 600_000 });
    try {
      const watcher = new RawSyncClient(sleeper, docId, owner.accessToken);
      await watcher.opened;
      await eventually(() => watcher.acks.length === 1, 'watcher synced');
      const writer = new RawSyncClient(server, docId, owner.accessToken);
      await writer.opened;
      for (let i = 0; i < COMPACT_AFTER_UPDATES + 20; i++) {
        writer.doc.getMap('documents').set(`d${i}`, i);
        if (i % 50 === 0) await eventually(() => writer.acks.length >= i, 'acks keep up');
      }
      await eventually(() => writer.acks.at(-1)!.toString() === Y.encodeStateVector(writer.doc).toString(), 'all acked');
      await eventually(async () => (await count('SELECT count(*)::int AS n FROM doc_snapshots WHERE doc_id = $1', docId)) === 1, 'snapshot');
      expect(await count('SELECT count(*)::int AS n FROM doc_updates WHERE doc_id = $1', docId)).toBeLessThan(COMPACT_AFTER_UPDATES);

      expect(watcher.doc.getMap('documents').size).toBe(0);
      await sleeper.hub.catchUpAll();
      await eventually(() => watcher.doc.getMap('documents').size === COMPACT_AFTER_UPDATES + 20, 'watcher caught up');
      writer.close();
      watcher.close();
    } finally {
      await sleeper.close();
    }
  });

  it('unloads a doc once its last socket is gone, and loads it again on the next connection', async () => {
    const owner = await signUp(server);
    const roomId = await createRoom(server, owner);
    const client = new RawSyncClient(server, roomDocId(roomId), owner.accessToken);
    await client.opened;
    client.doc.getMap('meta').set('name', 'Kept');
    await eventually(() => client.acks.length === 2, 'acked');
    expect(server.hub.loaded(roomDocId(roomId))).toBeDefined();
    client.close();
    await eventually(() => server.hub.loaded(roomDocId(roomId)) === undefined, 'unloaded');
    const again = new RawSyncClient(server, roomDocId(roomId), owner.accessToken);
    await eventually(() => again.doc.getMap('meta').get('name') === 'Kept', 'reloaded');
    again.close();
  });

  it('batches awareness: a burst of presence changes reaches others in one or two messages, with the last state', async () => {
    const owner = await signUp(server);
    const roomId = await createRoom(server, owner);
    const docId = roomDocId(roomId);
    const watcher = new RawSyncClient(server, docId, owner.accessToken);
    const sender = new RawSyncClient(server, docId, owner.accessToken);
    await Promise.all([watcher.opened, sender.opened]);
    for (let i = 1; i <= 20; i++) sender.sendPresence({ cursor: i });
    await eventually(() => watcher.awareness.getStates().get(sender.doc.clientID)?.cursor === 20, 'last cursor seen');
    expect(watcher.received.get(MESSAGE_AWARENESS)).toBeLessThanOrEqual(2);
    sender.close();
    watcher.close();
  });

  it('merges doc updates for a socket that is still sending, instead of one frame per update', async () => {
    const owner = await signUp(server);
    const roomId = await createRoom(server, owner);
    const watcher = new RawSyncClient(server, roomDocId(roomId), owner.accessToken);
    const writer = new RawSyncClient(server, roomDocId(roomId), owner.accessToken);
    await Promise.all([watcher.opened, writer.opened]);
    await eventually(() => watcher.acks.length === 1 && writer.acks.length === 1, 'both synced');
    const framesBefore = watcher.received.get(MESSAGE_SYNC) ?? 0;
    for (let i = 0; i < 50; i++) writer.doc.getMap('documents').set(`d${i}`, i);
    await eventually(() => watcher.doc.getMap('documents').size === 50, 'watcher has all 50');
    expect((watcher.received.get(MESSAGE_SYNC) ?? 0) - framesBefore).toBeLessThan(25);
    watcher.close();
    writer.close();
  });

  it("shares presence between processes: a stock client sees a client's cursor on another process", async () => {
    const other = await startTestServer(env);
    try {
      const owner = await signUp(server);
      const roomId = await createRoom(server, owner);
      const here = stockClient(server, roomDocId(roomId), owner.accessToken);
      const there = stockClient(other, roomDocId(roomId), owner.accessToken);
      await eventually(() => here.synced && there.synced, 'synced');
      here.awareness.setLocalStateField('user', { name: 'Olivia' });
      await eventually(() => there.awareness.getStates().get(here.doc.clientID)?.user?.name === 'Olivia', 'presence crossed');
      here.destroy();
      there.destroy();
    } finally {
      await other.close();
    }
  });
});
