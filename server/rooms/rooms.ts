// Creating a boardroom on the server and listing the caller's: the creator becomes its owner, in the
// ledger tables and in the `ledger:` doc the server writes.
import type { Role } from '../../src-shared/domain.js';
import type { MemberEntry } from '../../src-shared/docs/ledger.js';
import { ledgerDoc } from '../../src-shared/docs/ledger.js';
import { conflict } from '../../src-shared/errors.js';
import type { RoomSummary } from '../../src-shared/sync/api.js';
import type { UserSummary } from '../auth/accounts.js';
import { writeLedger, type LedgerWrite } from '../authority/ledger-writer.js';
import type { Database, Queryable } from '../db/database.js';

export async function listRooms(q: Queryable, userId: string): Promise<RoomSummary[]> {
  return q.query<RoomSummary>(
    `SELECT b.id, b.name, m.role FROM boardroom_members m JOIN boardrooms b ON b.id = m.boardroom_id
     WHERE m.user_id = $1 AND m.active ORDER BY lower(b.name), b.id`,
    [userId],
  );
}

export async function audit(
  q: Queryable,
  entry: { actorId: string | null; roomId: string | null; action: string; commandId?: string; detail: object },
): Promise<void> {
  await q.query('INSERT INTO audit_log (actor_id, boardroom_id, action, command_id, detail) VALUES ($1, $2, $3, $4, $5)', [
    entry.actorId,
    entry.roomId,
    entry.action,
    entry.commandId ?? null,
    JSON.stringify(entry.detail),
  ]);
}

/**
 * Creates the room with the caller as owner. Retrying a create that already succeeded (an outbox
 * replay) returns the room again; any other existing id is refused.
 */
export async function createRoom(
  db: Database,
  user: UserSummary,
  input: { roomId: string; name: string },
  now = Date.now(),
): Promise<{ room: RoomSummary; write: LedgerWrite | null }> {
  return db.transaction(async (tx) => {
    const inserted = await tx.query(
      'INSERT INTO boardrooms (id, name, created_by) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING RETURNING id',
      [input.roomId, input.name, user.id],
    );
    if (inserted.length === 0) {
      const [mine] = await tx.query<{ role: Role }>(
        'SELECT role FROM boardroom_members WHERE boardroom_id = $1 AND user_id = $2 AND active',
        [input.roomId, user.id],
      );
      const [room] = await tx.query<{ name: string }>('SELECT name FROM boardrooms WHERE id = $1', [input.roomId]);
      if (mine?.role === 'owner') return { room: { id: input.roomId, name: room!.name, role: 'owner' }, write: null };
      throw conflict(`a boardroom with id ${input.roomId} already exists on this server: create it with a new id`);
    }
    await tx.query(
      `INSERT INTO boardroom_members (boardroom_id, user_id, role, active, added_at) VALUES ($1, $2, 'owner', true, $3)`,
      [input.roomId, user.id, now],
    );
    const owner: MemberEntry = { name: user.name, email: user.email, role: 'owner', active: true, addedAt: now };
    const write = await writeLedger(tx, input.roomId, (doc) => ledgerDoc(doc).members.set(user.id, owner));
    await audit(tx, { actorId: user.id, roomId: input.roomId, action: 'createRoom', detail: { name: input.name } });
    return { room: { id: input.roomId, name: input.name, role: 'owner' as Role }, write };
  });
}
