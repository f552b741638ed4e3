// Commands go to the server's authority through the outbox. The local copy of the ledger is checked
// first so an obvious refusal (already voted, observer) is immediate even offline; the server's
// answer is final and its write of the ledger doc arrives by sync.
import { validateCommand, type LedgerCommand } from '../../src-shared/commands.js';
import { readString } from '../../src-shared/docs/read.js';
import { roomDoc } from '../../src-shared/docs/room.js';
import { ledgerDocId, roomDocId } from '../../src-shared/ids.js';
import type { CommandResult } from '../../src-shared/views.js';
import type { Authority } from '../authority/authority.js';
import type { DocStore } from '../store/doc-store.js';
import type { Outbox } from './outbox.js';

export class RemoteAuthority implements Authority {
  constructor(
    private readonly store: DocStore,
    private readonly outbox: Outbox,
    private readonly kick: () => void,
    private readonly clock: () => number = Date.now,
  ) {}

  execute(command: LedgerCommand, actorId: string): CommandResult {
    if (this.outbox.has(command.commandId)) return { commandId: command.commandId, replayed: true };
    const roomName = readString(roomDoc(this.store.get(roomDocId(command.boardroomId))).meta, 'name', 'this boardroom');
    validateCommand(this.store.get(ledgerDocId(command.boardroomId)), command, { actorId, roomName, now: this.clock() });
    this.outbox.add(command);
    this.kick();
    return { commandId: command.commandId, replayed: false, queued: true };
  }
}
