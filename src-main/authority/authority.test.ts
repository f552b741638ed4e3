// The local authority's refusals, each with a message a person can act on, and none changing the ledger.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ledgerDocId } from '../../src-shared/ids.js';
import * as Y from 'yjs';
import { openTestApp, type TestApp } from '../testing.js';

let app: TestApp;
let clock = Date.UTC(2026, 11, 3, 12);
const DAY = 86_400_000;
const uuid = () => crypto.randomUUID();

beforeEach(() => {
  clock = Date.UTC(2026, 11, 3, 12);
  app = openTestApp({ seedDemo: false, now: () => clock });
});
afterEach(() => app.dispose());

async function roomWithDecision() {
  const { id: boardroomId } = await app.call('boardrooms.create', { name: 'Audit Committee' });
  const { id: decisionId } = await app.call('decisions.open', {
    commandId: uuid(),
    boardroomId,
    motion: 'Appoint the auditor',
    options: ['For', 'Against'],
    deadline: clock + DAY,
  });
  return { boardroomId, decisionId };
}

const ledgerState = (boardroomId: string) => Y.encodeStateVector(app.core.internals.store.get(ledgerDocId(boardroomId)));

describe('LocalAuthority', () => {
  it('counts one vote per member, lets it change before the deadline, and shows the tally', async () => {
    const { boardroomId, decisionId } = await roomWithDecision();
    await app.call('votes.cast', { commandId: uuid(), boardroomId, decisionId, option: 'For' });
    let [decision] = await app.call('decisions.list', { boardroomId });
    expect(decision!.tally).toEqual({ For: 1, Against: 0 });
    expect(decision!.myVote).toBe('For');

    await app.call('votes.change', { commandId: uuid(), boardroomId, decisionId, option: 'Against' });
    [decision] = await app.call('decisions.list', { boardroomId });
    expect(decision!.tally).toEqual({ For: 0, Against: 1 });
    expect(decision!.votesCast).toBe(1);
  });

  it('refuses a second vote by the same member', async () => {
    const { boardroomId, decisionId } = await roomWithDecision();
    await app.call('votes.cast', { commandId: uuid(), boardroomId, decisionId, option: 'For' });
    const before = ledgerState(boardroomId);
    const error = await app.refusal('votes.cast', { commandId: uuid(), boardroomId, decisionId, option: 'Against' });
    expect(error).toEqual({ code: 'conflict', message: expect.stringContaining('you have already voted "For"') });
    expect(ledgerState(boardroomId)).toEqual(before);
    expect((await app.call('decisions.list', { boardroomId }))[0]!.tally).toEqual({ For: 1, Against: 0 });
  });

  it('refuses a vote after the deadline', async () => {
    const { boardroomId, decisionId } = await roomWithDecision();
    clock += DAY + 1;
    const error = await app.refusal('votes.cast', { commandId: uuid(), boardroomId, decisionId, option: 'For' });
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/deadline for this decision passed at 2026-12-04 12:00 UTC/);
    expect((await app.call('decisions.list', { boardroomId }))[0]!.votesCast).toBe(0);
  });

  it('refuses a vote by an observer, saying what to do', async () => {
    const { boardroomId, decisionId } = await roomWithDecision();
    const other = await app.call('members.add', { commandId: uuid(), boardroomId, name: 'Sam Owner', email: 'sam@example.com', role: 'owner' });
    await app.call('members.setRole', { commandId: uuid(), boardroomId, userId: app.core.internals.ctx.me.userId, role: 'observer' });
    expect(other.id).toBeTruthy();
    const error = await app.refusal('votes.cast', { commandId: uuid(), boardroomId, decisionId, option: 'For' });
    expect(error).toEqual({
      code: 'forbidden',
      message: 'you are an observer in "Audit Committee": observers cannot vote. Ask an admin for member access',
    });
    const edit = await app.refusal('boardrooms.update', { id: boardroomId, name: 'Renamed' });
    expect(edit.code).toBe('forbidden');
  });

  it('refuses a vote by a non-member', async () => {
    const { boardroomId, decisionId } = await roomWithDecision();
    await app.call('members.add', { commandId: uuid(), boardroomId, name: 'Sam Owner', email: 'sam@example.com', role: 'owner' });
    // Removing oneself: the local user is no longer a member and the room disappears from view.
    await app.call('members.remove', { commandId: uuid(), boardroomId, userId: app.core.internals.ctx.me.userId });
    const error = await app.refusal('votes.cast', { commandId: uuid(), boardroomId, decisionId, option: 'For' });
    expect(error.code).toBe('not_found');
    // The authority itself refuses too, whatever a handler checked before it.
    expect(() =>
      app.core.internals.ctx.authority.execute(
        { kind: 'castVote', commandId: uuid(), boardroomId, decisionId, option: 'For' },
        app.core.internals.ctx.me.userId,
      ),
    ).toThrow(/you are not a member of "Audit Committee"/);
  });

  it('refuses an option the decision does not have, and a closed decision', async () => {
    const { boardroomId, decisionId } = await roomWithDecision();
    expect((await app.refusal('votes.cast', { commandId: uuid(), boardroomId, decisionId, option: 'Maybe' })).message).toMatch(
      /"Maybe" is not an option of this decision \(options: For, Against\)/,
    );
    await app.call('decisions.close', { commandId: uuid(), boardroomId, decisionId });
    expect((await app.refusal('votes.cast', { commandId: uuid(), boardroomId, decisionId, option: 'For' })).message).toMatch(/closed/);
  });

  it('applies a replayed command once', async () => {
    const { boardroomId, decisionId } = await roomWithDecision();
    const commandId = uuid();
    expect(await app.call('votes.cast', { commandId, boardroomId, decisionId, option: 'For' })).toEqual({ commandId, replayed: false });
    const before = ledgerState(boardroomId);
    expect(await app.call('votes.cast', { commandId, boardroomId, decisionId, option: 'For' })).toEqual({ commandId, replayed: true });
    expect(ledgerState(boardroomId)).toEqual(before);
  });

  it('keeps at least one owner', async () => {
    const { boardroomId } = await roomWithDecision();
    const error = await app.refusal('members.setRole', { commandId: uuid(), boardroomId, userId: app.core.internals.ctx.me.userId, role: 'member' });
    expect(error.message).toMatch(/last owner of "Audit Committee": make someone else an owner first/);
  });

  it('refuses a deadline in the past', async () => {
    const { id: boardroomId } = await app.call('boardrooms.create', { name: 'Board' });
    const error = await app.refusal('decisions.open', { commandId: uuid(), boardroomId, motion: 'x', options: ['a', 'b'], deadline: clock - 1 });
    expect(error.message).toMatch(/deadline must be in the future/);
  });
});
