// The authority validates ledger commands and writes the ledger. LocalAuthority serves a personal
// workspace (no server); a RemoteAuthority (sync server issue) sends the same commands to the server.
import { applyCommand, validateCommand, type LedgerCommand } from '../../src-shared/commands.js';
import { ledgerDocId, roomDocId } from '../../src-shared/ids.js';
import { roomDoc } from '../../src-shared/docs/room.js';
import type { CommandResult } from '../../src-shared/views.js';
import { readString } from '../../src-shared/docs/read.js';
import type { Sqlite } from '../store/db.js';
import type { DocStore } from '../store/doc-store.js';

export interface Authority {
  execute(command: LedgerCommand, actorId: string): CommandResult;
}

export class LocalAuthority implements Authority {
  private readonly stmt;

  constructor(
    private readonly store: DocStore,
    sqlite: Sqlite,
    private readonly clock: () => number = Date.now,
  ) {
    this.stmt = {
      seen: sqlite.prepare('SELECT 1 FROM commands WHERE id = ?'),
      record: sqlite.prepare('INSERT INTO commands (id, kind, applied_at) VALUES (?, ?, ?)'),
    };
  }

  execute(command: LedgerCommand, actorId: string): CommandResult {
    // Replays (the same command id again) are answered as applied and change nothing.
    if (this.stmt.seen.get(command.commandId)) return { commandId: command.commandId, replayed: true };
    const ledgerId = ledgerDocId(command.boardroomId);
    const roomName = readString(roomDoc(this.store.get(roomDocId(command.boardroomId))).meta, 'name', 'this boardroom');
    const ctx = { actorId, roomName, now: this.clock() };
    validateCommand(this.store.get(ledgerId), command, ctx);
    this.store.batch(() => {
      this.store.change(ledgerId, (doc) => applyCommand(doc, command, ctx), 'authority');
      this.stmt.record.run(command.commandId, command.kind, ctx.now);
    });
    return { commandId: command.commandId, replayed: false };
  }
}

/** Sends each command to the local authority, or to the server's once the device is signed in. */
export class AuthorityRouter implements Authority {
  constructor(
    private readonly local: Authority,
    private remote: Authority | null = null,
  ) {}

  useRemote(remote: Authority | null): void {
    this.remote = remote;
  }

  execute(command: LedgerCommand, actorId: string): CommandResult {
    return (this.remote ?? this.local).execute(command, actorId);
  }
}
