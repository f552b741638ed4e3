// The sync endpoint against real PostgreSQL and Redis: a stock y-websocket client syncs, clients
// converge, acks come only after commit, and access is enforced per doc.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ledgerDocId, meetingDocId, notesDocId, roomDocId } from '../../src-shared/ids.js';
import { CLOSE } from '../../src-shared/sync/protocol.js';
import type { RunningServer } from '../app.js';
import {
  createRoom,
  createTestEnv,
  eventually,
  RawSyncClient,
  signUp,
  startTestServer,
  stockClient,
  type TestEnv,
} from '../testing.js';

let env: TestEnv;
let server: RunningServer;
const cleanups: Array<() => void> = [];

beforeAll(async () => {
  env = await createTestEnv();
  server = await startTestServer(env);
});
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});
afterAll(async () => {
  await server.close();
  await env.dispose();
});

function provider(docId: string, token: string, doc = new Y.Doc()) {
  const p = stockClient(server, docId, token, doc);
  cleanups.push(() => p.destroy());
  return p;
}
function raw(docId: string, token: string, acks = true) {
  const c = new RawSyncClient(server, docId, token, acks);
  cleanups.push(() => c.close());
  return c;
}
const storedRows = async (docId: string) =>
  (await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM doc_updates WHERE doc_id = $1', [docId]))[0]!.n;

async function addMember(roomId: string, userId: string, role: string) {
  await server.db.query(
    `INSERT INTO boardroom_members (boardroom_id, user_id, role, active, added_at) VALUES ($1, $2, $3, true, 0)
     ON CONFLICT (boardroom_id, user_id) DO UPDATE SET role = excluded.role, active = true`,
    [roomId, userId, role],
  );
}

describe('sync endpoint', () => {
  it('syncs a doc to a stock y-websocket client, and a fresh client sees what the first wrote', async () => {
    const owner = await signUp(server);
    const roomId = await createRoom(server, owner);
    const first = provider(roomDocId(roomId), owner.accessToken);
    await eventually(() => first.synced, 'first client synced');
    first.doc.getMap('meta').set('name', 'Audit Committee');
    first.doc.getMap('meetings').set('m1', new Y.Map([['title', 'Q4 review']]));

    const second = provider(roomDocId(roomId), owner.accessToken);
    await eventually(() => (second.doc.getMap('meetings').get('m1') as Y.Map<string>)?.get('title') === 'Q4 review', 'second client sees the meeting');
    expect(second.doc.getMap('meta').get('name')).toBe('Audit Committee');
    // The meeting's room is recorded, so its doc can be opened.
    const [row] = await server.db.query<{ boardroom_id: string }>('SELECT boardroom_id FROM meetings WHERE id = $1', ['m1']);
    expect(row?.boardroom_id).toBe(roomId);
  });

  it('converges two clients editing the same doc at once', async () => {
    const owner = await signUp(server);
    const roomId = await createRoom(server, owner);
    const member = await signUp(server);
    await addMember(roomId, member.user.id, 'member');
    const a = provider(roomDocId(roomId), owner.accessToken);
    const b = provider(roomDocId(roomId), member.accessToken);
    await eventually(() => a.synced && b.synced, 'both synced');
    for (let i = 0; i < 20; i++) {
      a.doc.getMap('documents').set(`a${i}`, { title: `from a ${i}` });
      b.doc.getMap('documents').set(`b${i}`, { title: `from b ${i}` });
    }
    await eventually(() => a.doc.getMap('documents').size === 40 && b.doc.getMap('documents').size === 40, '40 documents on both');
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));
  });

  it('acks an update with the state vector the server committed, and stores a resent update once', async () => {
    const owner = await signUp(server);
    const roomId = await createRoom(server, owner);
    const client = raw(roomDocId(roomId), owner.accessToken);
    await client.opened;
    await eventually(() => client.acks.length === 1, 'ack of the sync step 2');
    const persisted = async () => ((await (await fetch(new URL('/metrics.json', server.url))).json()) as { updatesPersisted: number }).updatesPersisted;
    const before = await persisted();
    client.doc.getMap('meta').set('name', 'Board');
    await eventually(() => client.acks.length === 2, 'ack');
    expect(client.acks[1]).toEqual(Y.encodeStateVector(client.doc));
    expect(await storedRows(roomDocId(roomId))).toBe(1);
    client.sendUpdate(Y.encodeStateAsUpdate(client.doc));
    await eventually(() => client.acks.length === 3, 'third ack');
    expect(client.acks[2]).toEqual(Y.encodeStateVector(client.doc));
    expect(await storedRows(roomDocId(roomId))).toBe(1);
    expect(await persisted()).toBe(before + 1);
  });

  it("refuses an observer's write with a reason, keeps the socket and other docs open, and leaves the doc untouched", async () => {
    const owner = await signUp(server);
    const roomId = await createRoom(server, owner, 'Audit Committee');
    const observer = await signUp(server);
    await addMember(roomId, observer.user.id, 'observer');
    const ownerClient = provider(roomDocId(roomId), owner.accessToken);
    await eventually(() => ownerClient.synced, 'owner synced');
    ownerClient.doc.getMap('meta').set('name', 'Audit Committee');
    const notes = raw(notesDocId(observer.user.id), observer.accessToken);
    const room = raw(roomDocId(roomId), observer.accessToken);
    await Promise.all([notes.opened, room.opened]);
    await eventually(() => room.doc.getMap('meta').get('name') === 'Audit Committee', 'observer reads the room');
    const before = await storedRows(roomDocId(roomId));

    room.doc.getMap('meta').set('name', 'Hijacked');
    await eventually(() => room.denials.length === 1, 'permission denied');
    expect(room.denials[0]).toBe('you are an observer in "Audit Committee": observers cannot edit. Ask an admin for member access');
    expect(room.acks).toHaveLength(0);
    expect(room.isOpen).toBe(true);
    expect(await storedRows(roomDocId(roomId))).toBe(before);
    expect(ownerClient.doc.getMap('meta').get('name')).toBe('Audit Committee');

    notes.doc.getMap('notes').set('m1', { text: 'my note', updatedAt: 1 });
    await eventually(() => notes.acks.length === 2, 'notes write acked');
    // The room socket still reads: the owner's next edit arrives.
    ownerClient.doc.getMap('meetings').set('m2', new Y.Map([['title', 'Next']]));
    await eventually(() => room.doc.getMap('meetings').has('m2'), 'observer still receives');
    expect(notes.isOpen && room.isOpen).toBe(true);
  });

  it('never lets a client write a ledger doc', async () => {
    const owner = await signUp(server);
    const roomId = await createRoom(server, owner, 'Audit Committee');
    const ledger = raw(ledgerDocId(roomId), owner.accessToken);
    await ledger.opened;
    await eventually(() => ledger.doc.getMap('members').has(owner.user.id), 'ledger read');
    const before = await storedRows(ledgerDocId(roomId));
    ledger.doc.getMap('votes').set('d1/someone', { option: 'For', castAt: 1 });
    await eventually(() => ledger.denials.length === 1, 'denied');
    expect(ledger.denials[0]).toMatch(/the ledger of "Audit Committee" is written only by the server/);
    expect(await storedRows(ledgerDocId(roomId))).toBe(before);
  });

  it("closes a non-member's socket with 4403 and a reason, before sending anything of the doc", async () => {
    const owner = await signUp(server);
    const roomId = await createRoom(server, owner, 'Remuneration');
    const ownerClient = raw(roomDocId(roomId), owner.accessToken);
    await ownerClient.opened;
    ownerClient.doc.getMap('meta').set('description', 'Secret');
    await eventually(() => ownerClient.acks.length === 2, 'owner ack');

    const stranger = await signUp(server);
    for (const docId of [roomDocId(roomId), ledgerDocId(roomId), notesDocId(owner.user.id)]) {
      const client = raw(docId, stranger.accessToken);
      await eventually(() => client.closed !== null, 'closed');
      expect(client.closed!.code).toBe(CLOSE.forbidden);
      expect(client.closed!.reason.length).toBeGreaterThan(10);
      expect(client.doc.getMap('meta').size + client.doc.getMap('members').size).toBe(0);
    }
    const roomClient = raw(roomDocId(roomId), stranger.accessToken);
    await eventually(() => roomClient.closed !== null, 'closed');
    expect(roomClient.closed!.reason).toBe('you are not a member of "Remuneration": ask an admin of that boardroom to add you');
  });

  it('refuses a meeting doc whose room is not known yet, telling the client to sync the boardroom first', async () => {
    const owner = await signUp(server);
    const client = raw(meetingDocId('never-synced-meeting'), owner.accessToken);
    await eventually(() => client.closed !== null, 'closed');
    expect(client.closed!.code).toBe(1013);
    expect(client.closed!.reason).toMatch(/sync its boardroom first/);
  });

  it('answers a bad or missing token with HTTP 401 before the upgrade', async () => {
    const owner = await signUp(server);
    const roomId = await createRoom(server, owner);
    for (const token of ['', 'not-a-jwt', owner.refreshToken]) {
      const client = raw(roomDocId(roomId), token);
      await expect(client.opened).rejects.toThrow(/401/);
    }
  });
});
