// The part of a room's ledger a command is checked against, read from the Postgres ledger tables
// (the source of truth) into a scratch Y.Doc, so `validateCommand` from src-shared applies the very
// rules, and words, of the desktop's local authority.
import * as Y from 'yjs';
import type { LedgerCommand } from '../../src-shared/commands.js';
import type { DecisionEntry, MemberEntry } from '../../src-shared/docs/ledger.js';
import { ledgerDoc, voteKey } from '../../src-shared/docs/ledger.js';
import type { Role } from '../../src-shared/domain.js';
import type { Queryable } from '../db/database.js';

interface DecisionRowDb {
  id: string;
  motion: string;
  options: string[];
  deadline: number;
  status: 'open' | 'closed';
  opened_by: string;
  opened_at: number;
  closed_at: number | null;
  meeting_id: string | null;
}

export async function ledgerView(q: Queryable, command: LedgerCommand, actorId: string): Promise<Y.Doc> {
  const roomId = command.boardroomId;
  const members = await q.query<{ user_id: string; role: Role; active: boolean; added_at: number; name: string; email: string }>(
    `SELECT m.user_id, m.role, m.active AND u.active AND u.deleted_at IS NULL AS active, m.added_at, u.name, u.email
     FROM boardroom_members m JOIN users u ON u.id = m.user_id WHERE m.boardroom_id = $1`,
    [roomId],
  );
  const decisionId = 'decisionId' in command ? command.decisionId : null;
  const decisions = decisionId
    ? await q.query<DecisionRowDb>('SELECT * FROM decisions WHERE id = $1 AND boardroom_id = $2', [decisionId, roomId])
    : [];
  const votes = decisionId
    ? await q.query<{ option: string; cast_at: number }>('SELECT option, cast_at FROM votes WHERE decision_id = $1 AND user_id = $2', [
        decisionId,
        actorId,
      ])
    : [];

  const doc = new Y.Doc();
  const ledger = ledgerDoc(doc);
  doc.transact(() => {
    for (const m of members) {
      const entry: MemberEntry = { name: m.name, email: m.email, role: m.role, active: m.active, addedAt: m.added_at };
      ledger.members.set(m.user_id, entry);
    }
    for (const d of decisions) {
      const entry: DecisionEntry = {
        motion: d.motion,
        options: d.options,
        deadline: d.deadline,
        status: d.status,
        openedBy: d.opened_by,
        openedAt: d.opened_at,
        closedAt: d.closed_at,
        meetingId: d.meeting_id,
      };
      ledger.decisions.set(d.id, entry);
    }
    for (const v of votes) ledger.votes.set(voteKey(decisionId!, actorId), { option: v.option, castAt: v.cast_at });
  });
  return doc;
}
