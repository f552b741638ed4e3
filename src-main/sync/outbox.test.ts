import { afterEach, describe, expect, it } from 'vitest';
import type { LedgerCommand } from '../../src-shared/commands.js';
import { conflict } from '../../src-shared/errors.js';
import * as Y from 'yjs';
import { openTestApp, type TestApp } from '../testing.js';
import { Outbox } from './outbox.js';
import { ServerUnreachable } from './server-api.js';
import { backoffDelay } from './sync-engine.js';
import { covers } from './sync-state.js';

let app: TestApp | undefined;
afterEach(() => {
  app?.dispose();
  app = undefined;
});

const vote = (option: string): LedgerCommand => ({ kind: 'castVote', commandId: crypto.randomUUID(), boardroomId: 'room', decisionId: 'd1', option });

describe('Outbox', () => {
  it('sends in order, keeps a refused command with its reason, and stops at an unreachable server', async () => {
    app = openTestApp({ seedDemo: false });
    const outbox = new Outbox(app.core.internals.db.sqlite);
    const [a, b, c] = [vote('For'), vote('Against'), vote('Abstain')];
    for (const cmd of [a, b, c]) outbox.add(cmd);
    outbox.add(a); // a replay of the same id is one entry
    expect(outbox.pendingCount()).toBe(3);

    const sent: string[] = [];
    const refused: string[] = [];
    const answered = await outbox.flush(async (cmd) => {
      if (cmd.commandId === b.commandId) throw conflict('the deadline for this decision passed');
      if (cmd.commandId === c.commandId) throw new ServerUnreachable('http://127.0.0.1:1', new Error('ECONNREFUSED'));
      sent.push(cmd.commandId);
    }, (entry) => refused.push(entry.lastError!));
    expect(answered).toBe(2);
    expect(sent).toEqual([a.commandId]);
    expect(refused).toEqual(['the deadline for this decision passed']);
    const open = outbox.open();
    expect(open.map((e) => [e.id, e.status])).toEqual([[b.commandId, 'refused'], [c.commandId, 'pending']]);
    expect(open[1]!.lastError).toMatch(/cannot reach the sync server/);

    // Survives a restart; the refused one stays until dismissed.
    app = app.reopen();
    const again = new Outbox(app.core.internals.db.sqlite);
    expect(again.pendingCount()).toBe(1);
    expect(again.dismiss(c.commandId)).toBe(false);
    expect(again.dismiss(b.commandId)).toBe(true);
    expect(again.open().map((e) => e.id)).toEqual([c.commandId]);
  });
});

describe('sync helpers', () => {
  it('backs off exponentially with jitter, capped at 30 s', () => {
    expect(backoffDelay(0, () => 1)).toBe(500);
    expect(backoffDelay(3, () => 1)).toBe(4000);
    expect(backoffDelay(20, () => 1)).toBe(30_000);
    expect(backoffDelay(20, () => 0)).toBe(15_000);
  });

  it('knows when the server holds everything the local doc has', () => {
    const local = new Y.Doc();
    local.getMap('m').set('a', 1);
    const server = new Y.Doc();
    expect(covers(Y.encodeStateVector(server), Y.encodeStateVector(local))).toBe(false);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(local));
    expect(covers(Y.encodeStateVector(server), Y.encodeStateVector(local))).toBe(true);
    server.getMap('m').set('b', 2);
    expect(covers(Y.encodeStateVector(server), Y.encodeStateVector(local))).toBe(true);
  });
});
