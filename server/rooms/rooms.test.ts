// Creating, listing and uploading boardrooms over HTTP against real PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyCommand } from '../../src-shared/commands.js';
import { ledgerDoc } from '../../src-shared/docs/ledger.js';
import { ledgerDocId } from '../../src-shared/ids.js';
import { API, type ApiErrorBody, type RoomSummary } from '../../src-shared/sync/api.js';
import type { RunningServer } from '../app.js';
import { api, createTestEnv, eventually, RawSyncClient, signUp, startTestServer, type TestEnv } from '../testing.js';
import type { ImportResult } from './import-room.js';

let env: TestEnv;
let server: RunningServer;

beforeAll(async () => {
  env = await createTestEnv();
  server = await startTestServer(env);
});
afterAll(async () => {
  await server.close();
  await env.dispose();
});

describe('rooms', () => {
  it('creates a room with the caller as owner, answers a retry the same, and refuses the id to anyone else', async () => {
    const owner = await signUp(server, 'Olivia Owner');
    const roomId = randomUUID();
    const created = await api<RoomSummary>(server.url, API.rooms, { token: owner.accessToken, body: { roomId, name: 'Audit Committee' } });
    expect(created).toEqual({ status: 201, body: { id: roomId, name: 'Audit Committee', role: 'owner' } });
    const retried = await api<RoomSummary>(server.url, API.rooms, { token: owner.accessToken, body: { roomId, name: 'Audit Committee' } });
    expect(retried.status).toBe(200);
    const other = await signUp(server);
    const clash = await api<ApiErrorBody>(server.url, API.rooms, { token: other.accessToken, body: { roomId, name: 'Mine' } });
    expect(clash.status).toBe(409);
    expect(clash.body.message).toMatch(/already exists on this server/);

    expect((await api<RoomSummary[]>(server.url, API.rooms, { token: owner.accessToken })).body).toEqual([
      { id: roomId, name: 'Audit Committee', role: 'owner' },
    ]);
    expect((await api<RoomSummary[]>(server.url, API.rooms, { token: other.accessToken })).body).toEqual([]);
    const badName = await api<ApiErrorBody>(server.url, API.rooms, { token: owner.accessToken, body: { roomId: 'x y', name: '' } });
    expect(badName.status).toBe(400);
    expect(badName.body.message).toMatch(/roomId: must be an id.*name: cannot be empty/);
  });

  it("adopts an uploaded workspace ledger: members by email, decisions, votes and RSVPs under the server's user ids", async () => {
    const owner = await signUp(server, 'Olivia Owner');
    const colleague = await signUp(server, 'Casey Colleague');
    const roomId = randomUUID();
    const decisionId = randomUUID();
    const now = Date.UTC(2026, 0, 1);
    // The desktop's local ledger, written by its local authority with local user ids.
    const local = new Y.Doc();
    const localOwner = randomUUID();
    const localColleague = randomUUID();
    const localNewcomer = randomUUID();
    const ctx = (actorId: string) => ({ actorId, roomName: 'Board', now });
    local.transact(() => {
      ledgerDoc(local).members.set(localOwner, { name: 'Jordan Avery', email: 'jordan.avery@example.com', role: 'owner', active: true, addedAt: now });
      const add = (userId: string, name: string, email: string, role: 'member' | 'observer') =>
        applyCommand(local, { kind: 'addMember', commandId: randomUUID(), boardroomId: roomId, userId, name, email, role }, ctx(localOwner));
      add(localColleague, 'Casey Colleague', colleague.user.email, 'member');
      add(localNewcomer, 'Nina Newcomer', 'nina.newcomer@example.com', 'observer');
      applyCommand(local, { kind: 'openDecision', commandId: randomUUID(), boardroomId: roomId, decisionId, motion: 'Approve', options: ['For', 'Against'], deadline: now + 1e9 }, ctx(localOwner));
      applyCommand(local, { kind: 'castVote', commandId: randomUUID(), boardroomId: roomId, decisionId, option: 'For' }, ctx(localColleague));
      applyCommand(local, { kind: 'rsvp', commandId: randomUUID(), boardroomId: roomId, meetingId: 'm1', response: 'yes' }, ctx(localOwner));
    });
    // The workspace's own identity has another email than the server account: the device names it.
    const body = { roomId, name: 'Board', localUserId: localOwner, ledgerUpdateBase64: Buffer.from(Y.encodeStateAsUpdate(local)).toString('base64') };

    const byColleague = await api<ApiErrorBody>(server.url, API.importRoom, { token: colleague.accessToken, body: { ...body, localUserId: localColleague } });
    expect(byColleague.status).toBe(403);
    expect(byColleague.body.message).toBe('only an owner can upload a boardroom: you are a member of it');

    const imported = await api<ImportResult>(server.url, API.importRoom, { token: owner.accessToken, body });
    expect(imported.status).toBe(201);
    const ids = imported.body.userIds;
    expect(ids[localOwner]).toBe(owner.user.id);
    expect(ids[localColleague]).toBe(colleague.user.id);
    const [newcomer] = await server.db.query<{ id: string; active: boolean; password_hash: string | null }>(
      `SELECT id, active, password_hash FROM users WHERE email = 'nina.newcomer@example.com'`,
    );
    expect(newcomer).toEqual({ id: ids[localNewcomer], active: false, password_hash: null });
    expect(await server.db.query('SELECT user_id, option FROM votes WHERE decision_id = $1', [decisionId])).toEqual([
      { user_id: colleague.user.id, option: 'For' },
    ]);
    expect((await api<RoomSummary[]>(server.url, API.rooms, { token: colleague.accessToken })).body).toEqual([
      { id: roomId, name: 'Board', role: 'member' },
    ]);

    const ledger = new RawSyncClient(server, ledgerDocId(roomId), colleague.accessToken);
    await eventually(() => ledger.doc.getMap('members').size === 3, 'ledger synced');
    expect(ledger.doc.getMap('votes').toJSON()).toEqual({ [`${decisionId}/${colleague.user.id}`]: { option: 'For', castAt: now } });
    expect(ledger.doc.getMap('rsvps').toJSON()).toEqual({ [`m1/${owner.user.id}`]: { response: 'yes', respondedAt: now } });
    ledger.close();

    const again = await api<ImportResult>(server.url, API.importRoom, { token: owner.accessToken, body });
    expect(again.status).toBe(200);
    const garbage = await api<ApiErrorBody>(server.url, API.importRoom, { token: owner.accessToken, body: { ...body, roomId: randomUUID(), ledgerUpdateBase64: 'AAAA' } });
    expect(garbage.status).toBe(403);
    const members = await server.db.query<{ user_id: string }>('SELECT user_id FROM boardroom_members WHERE boardroom_id = $1', [roomId]);
    expect(members.map((m) => m.user_id).sort()).toEqual([owner.user.id, colleague.user.id, ids[localNewcomer]].sort());
  });
});
