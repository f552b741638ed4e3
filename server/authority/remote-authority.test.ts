// The remote authority over HTTP against real PostgreSQL and Redis: one vote per member (also under
// concurrency), deadlines by server time, idempotent replays, the local authority's words, and
// membership changes reaching live sockets.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerDocId, roomDocId } from '../../src-shared/ids.js';
import { API, type ApiErrorBody } from '../../src-shared/sync/api.js';
import { CLOSE } from '../../src-shared/sync/protocol.js';
import type { CommandResult } from '../../src-shared/views.js';
import type { RunningServer } from '../app.js';
import { api, createRoom, createTestEnv, eventually, RawSyncClient, signUp, startTestServer, type TestEnv } from '../testing.js';
import type { TokenPair } from '../../src-shared/sync/api.js';

const DAY = 86_400_000;
let clock = Date.UTC(2026, 11, 3, 12);
let env: TestEnv;
let server: RunningServer;

beforeAll(async () => {
  env = await createTestEnv();
  server = await startTestServer(env, { now: () => clock });
});
afterAll(async () => {
  await server.close();
  await env.dispose();
});

const send = (who: TokenPair, command: object) =>
  api<CommandResult & ApiErrorBody & { userId?: string }>(server.url, API.commands, { token: who.accessToken, body: { command: { commandId: randomUUID(), ...command } } });
const votesOf = async (decisionId: string) =>
  (await server.db.query<{ user_id: string; option: string }>('SELECT user_id, option FROM votes WHERE decision_id = $1', [decisionId]));

async function roomWithDecision(name = 'Audit Committee') {
  const owner = await signUp(server, 'Olivia Owner');
  const roomId = await createRoom(server, owner, name);
  const decisionId = randomUUID();
  const opened = await send(owner, {
    kind: 'openDecision',
    boardroomId: roomId,
    decisionId,
    motion: 'Appoint the auditor',
    options: ['For', 'Against'],
    deadline: clock + DAY,
  });
  expect(opened.status).toBe(200);
  return { owner, roomId, decisionId };
}

async function addMember(owner: TokenPair, roomId: string, member: TokenPair, role: string) {
  const added = await send(owner, { kind: 'addMember', boardroomId: roomId, userId: randomUUID(), name: member.user.name, email: member.user.email, role });
  expect(added.status).toBe(200);
  expect(added.body.userId).toBe(member.user.id);
}

describe('remote authority', () => {
  it('counts one vote per member, refusing a second vote in the words of the local authority', async () => {
    const { owner, roomId, decisionId } = await roomWithDecision();
    expect((await send(owner, { kind: 'castVote', boardroomId: roomId, decisionId, option: 'For' })).status).toBe(200);
    const again = await send(owner, { kind: 'castVote', boardroomId: roomId, decisionId, option: 'Against' });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({
      error: 'conflict',
      message: 'you have already voted "For" on this decision: change your vote instead of voting again',
    });
    expect(await votesOf(decisionId)).toEqual([{ user_id: owner.user.id, option: 'For' }]);

    // The ledger doc the server wrote carries the vote, as the desktop's authority lays it out.
    const ledger = new RawSyncClient(server, ledgerDocId(roomId), owner.accessToken);
    await eventually(() => ledger.doc.getMap('votes').size === 1, 'vote in the ledger doc');
    expect(ledger.doc.getMap('votes').get(`${decisionId}/${owner.user.id}`)).toEqual({ option: 'For', castAt: clock });
    expect(ledger.doc.getMap('decisions').get(decisionId)).toMatchObject({ status: 'open', openedBy: owner.user.id });
    ledger.close();
  });

  it('accepts exactly one of many concurrent votes by one member', async () => {
    const { owner, roomId, decisionId } = await roomWithDecision();
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => send(owner, { kind: 'castVote', boardroomId: roomId, decisionId, option: i % 2 ? 'For' : 'Against' })),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(7);
    expect(await votesOf(decisionId)).toHaveLength(1);
  });

  it('refuses a vote after the deadline by server time', async () => {
    const { owner, roomId, decisionId } = await roomWithDecision();
    const saved = clock;
    clock += DAY + 1;
    try {
      const late = await send(owner, { kind: 'castVote', boardroomId: roomId, decisionId, option: 'For' });
      expect(late.status).toBe(409);
      expect(late.body.message).toBe('the deadline for this decision passed at 2026-12-04 12:00 UTC: votes are no longer accepted');
      expect(await votesOf(decisionId)).toEqual([]);
    } finally {
      clock = saved;
    }
  });

  it('answers a replayed command with its first result and applies it once', async () => {
    const { owner, roomId, decisionId } = await roomWithDecision();
    const command = { commandId: randomUUID(), kind: 'castVote', boardroomId: roomId, decisionId, option: 'For' };
    const first = await api<CommandResult>(server.url, API.commands, { token: owner.accessToken, body: { command } });
    const replay = await api<CommandResult>(server.url, API.commands, { token: owner.accessToken, body: { command } });
    expect(first.body).toEqual({ commandId: command.commandId, replayed: false });
    expect(replay.body).toEqual({ commandId: command.commandId, replayed: true });
    expect(await votesOf(decisionId)).toHaveLength(1);
    const audit = await server.db.query('SELECT action FROM audit_log WHERE command_id = $1', [command.commandId]);
    expect(audit).toEqual([{ action: 'castVote' }]);

    // A refusal is a result too: replaying it refuses again, even once it would now pass.
    const refusedCommand = { commandId: randomUUID(), kind: 'changeVote', boardroomId: roomId, decisionId: randomUUID(), option: 'For' };
    const refused = await api<ApiErrorBody>(server.url, API.commands, { token: owner.accessToken, body: { command: refusedCommand } });
    expect(refused.status).toBe(404);
    const refusedAgain = await api<ApiErrorBody>(server.url, API.commands, { token: owner.accessToken, body: { command: refusedCommand } });
    expect(refusedAgain).toEqual(refused);
  });

  it('refuses observers and non-members, and malformed commands, saying what to do', async () => {
    const { owner, roomId, decisionId } = await roomWithDecision('Audit Committee');
    const observer = await signUp(server);
    await addMember(owner, roomId, observer, 'observer');
    const byObserver = await send(observer, { kind: 'castVote', boardroomId: roomId, decisionId, option: 'For' });
    expect(byObserver.status).toBe(403);
    expect(byObserver.body.message).toBe('you are an observer in "Audit Committee": observers cannot vote. Ask an admin for member access');
    const stranger = await signUp(server);
    const byStranger = await send(stranger, { kind: 'castVote', boardroomId: roomId, decisionId, option: 'For' });
    expect(byStranger.body).toEqual({
      error: 'forbidden',
      message: 'you are not a member of "Audit Committee": ask an admin of that boardroom to add you',
    });
    const malformed = await send(owner, { kind: 'castVote', boardroomId: roomId, decisionId, option: '', extra: 1 });
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toMatch(/option: cannot be empty/);
    const unauthenticated = await api<ApiErrorBody>(server.url, API.commands, { body: { command: {} } });
    expect(unauthenticated.status).toBe(401);
  });

  it("limits a downgraded member's live socket, and closes it when the member is removed", async () => {
    const { owner, roomId } = await roomWithDecision('Audit Committee');
    const member = await signUp(server);
    await addMember(owner, roomId, member, 'member');
    const socket = new RawSyncClient(server, roomDocId(roomId), member.accessToken);
    await socket.opened;
    socket.doc.getMap('meta').set('description', 'edited while a member');
    await eventually(() => socket.acks.length === 2, 'member write acked');

    expect((await send(owner, { kind: 'setRole', boardroomId: roomId, userId: member.user.id, role: 'observer' })).status).toBe(200);
    // Writes are refused once the notice reached the socket; the socket still reads.
    await eventually(async () => {
      socket.doc.getMap('meta').set('description', `try ${Math.random()}`);
      await new Promise((r) => setTimeout(r, 20));
      return socket.denials.length > 0;
    }, 'write refused after the downgrade');
    expect(socket.denials[0]).toMatch(/you are an observer in "Audit Committee"/);
    expect(socket.isOpen).toBe(true);

    expect((await send(owner, { kind: 'removeMember', boardroomId: roomId, userId: member.user.id })).status).toBe(200);
    await eventually(() => socket.closed !== null, 'socket closed after removal');
    expect(socket.closed).toEqual({ code: CLOSE.forbidden, reason: expect.stringMatching(/no longer a member of "Audit Committee"/) });
  });
});
