// Hostile and broken input on the sync endpoint: every refusal closes that socket only, with a
// close code and a reason, and the server keeps serving everyone else.
import * as encoding from 'lib0/encoding';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { roomDocId } from '../../src-shared/ids.js';
import type { TokenPair } from '../../src-shared/sync/api.js';
import { CLOSE, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from '../../src-shared/sync/protocol.js';
import type { RunningServer } from '../app.js';
import { createRoom, createTestEnv, eventually, RawSyncClient, signUp, startTestServer, type TestEnv } from '../testing.js';

const MAX = 4096;
let env: TestEnv;
let server: RunningServer;
let owner: TokenPair;
let roomId: string;
let bystander: RawSyncClient;
const clients: RawSyncClient[] = [];

beforeAll(async () => {
  env = await createTestEnv();
  server = await startTestServer(env, { maxMessageBytes: MAX, messagesPerSecond: 20, messageBurst: 40 });
  owner = await signUp(server);
  roomId = await createRoom(server, owner);
  bystander = new RawSyncClient(server, roomDocId(roomId), owner.accessToken);
  await bystander.opened;
});
afterEach(async () => {
  // After each attack, a well-behaved client on the same doc still gets its writes acked.
  const before = bystander.acks.length;
  bystander.doc.getMap('documents').set(`after-${before}`, before);
  await eventually(() => bystander.acks.length > before, 'bystander still served');
  expect(bystander.isOpen).toBe(true);
  for (const c of clients.splice(0)) c.close();
});
afterAll(async () => {
  bystander.close();
  await server.close();
  await env.dispose();
});

async function attacker(): Promise<RawSyncClient> {
  const client = new RawSyncClient(server, roomDocId(roomId), owner.accessToken);
  clients.push(client);
  await client.opened;
  return client;
}

const syncUpdateFrame = (update: Uint8Array) => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
};

describe('limits and malformed input', () => {
  it('closes a connection that sends a frame it cannot decode with 4400', async () => {
    const client = await attacker();
    client.send(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]));
    await eventually(() => client.closed !== null, 'closed');
    expect(client.closed!.code).toBe(CLOSE.malformed);
  });

  it('refuses an update that is not a Yjs update, leaving the doc untouched', async () => {
    const client = await attacker();
    const rows = async () => (await server.db.query('SELECT 1 FROM doc_updates WHERE doc_id = $1', [roomDocId(roomId)])).length;
    const before = await rows();
    client.send(syncUpdateFrame(new Uint8Array([5, 200, 1, 2, 3, 9, 9, 9])));
    await eventually(() => client.closed !== null, 'closed');
    expect(client.closed).toEqual({ code: CLOSE.malformed, reason: expect.stringMatching(/^could not decode the message/) });
    expect(await rows()).toBe(before);
  });

  it('closes a connection that sends text frames or unknown message types', async () => {
    const text = await attacker();
    text.send('hello');
    await eventually(() => text.closed !== null, 'closed');
    expect(text.closed).toEqual({ code: CLOSE.malformed, reason: 'text frames are not part of the sync protocol: send binary frames' });
    const unknown = await attacker();
    unknown.send(new Uint8Array([42, 0]));
    await eventually(() => unknown.closed !== null, 'closed');
    expect(unknown.closed).toEqual({ code: CLOSE.malformed, reason: 'unknown message type 42' });
  });

  it('refuses a frame over the size limit with 4413 and says the limit', async () => {
    const client = await attacker();
    client.send(syncUpdateFrame(new Uint8Array(MAX + 10)));
    await eventually(() => client.closed !== null, 'closed');
    expect(client.closed).toEqual({ code: CLOSE.tooLarge, reason: expect.stringMatching(/over the limit of 4096/) });
    // Far over the limit, ws itself cuts the connection before buffering the frame.
    const huge = await attacker();
    huge.send(new Uint8Array(MAX * 4));
    await eventually(() => huge.closed !== null, 'closed');
    expect(huge.closed!.code).toBe(1009);
  });

  it('closes a connection that sends more messages than its rate allows with 4429', async () => {
    const client = await attacker();
    for (let i = 0; i < 200; i++) client.send(new Uint8Array([MESSAGE_QUERY_AWARENESS]));
    await eventually(() => client.closed !== null, 'closed');
    expect(client.closed).toEqual({ code: CLOSE.rateLimited, reason: expect.stringMatching(/more than 20 messages per second/) });
  });

  it('refuses connection attempts over the per-address limit with HTTP 429, before authentication', async () => {
    const strict = await startTestServer(env, { connectsPerMinutePerIp: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push(
          await new Promise<number>((resolve) => {
            const ws = new WebSocket(`${strict.url.replace('http', 'ws')}sync/${encodeURIComponent(roomDocId(roomId))}?token=bad`);
            ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
            ws.on('error', () => undefined);
          }),
        );
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await strict.close();
    }
  });

  it('survives a client that disconnects in the middle of its sync', async () => {
    const client = await attacker();
    client.doc.getMap('documents').set('half', 1);
    client.close();
    const doc = new Y.Doc();
    doc.getMap('x').set('y', 1);
    const other = await attacker();
    other.sendUpdate(Y.encodeStateAsUpdate(doc));
    await eventually(() => other.acks.length >= 2, 'acked');
  });
});
