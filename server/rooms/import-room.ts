// Uploading a personal workspace's boardroom: the server adopts the uploaded ledger (members by
// email, decisions, votes, RSVPs) into its tables and writes a ledger doc of its own from them.
// Members are matched by email; people without an account become inactive users without a
// password, who can sign in once the operator gives them one. Local user ids are replaced by the
// server's, and the answer says which became which so the client can follow.
import * as Y from 'yjs';
import {
  decisionEntry,
  ledgerDoc,
  memberEntry,
  rsvpEntry,
  rsvpKey,
  voteEntry,
  voteKey,
  type DecisionEntry,
  type MemberEntry,
} from '../../src-shared/docs/ledger.js';
import type { Role } from '../../src-shared/domain.js';
import { conflict, forbidden, invalid } from '../../src-shared/errors.js';
import type { RoomSummary } from '../../src-shared/sync/api.js';
import { ensureUser, normalizeEmail, type UserSummary } from '../auth/accounts.js';
import { writeLedger, type LedgerWrite } from '../authority/ledger-writer.js';
import type { Database, Queryable } from '../db/database.js';
import { audit } from './rooms.js';

export interface ImportResult {
  room: RoomSummary;
  /** Local user id (the key in the uploaded ledger) -> the server's user id. */
  userIds: Record<string, string>;
  /** Members left out because their entry has no email to match them by. */
  skippedMembers: string[];
}

function readLedger(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, update);
  } catch {
    doc.destroy();
    throw invalid('ledgerUpdateBase64 is not a Yjs update: send Y.encodeStateAsUpdate of the local ledger doc, base64-encoded');
  }
  return doc;
}

const split = (key: string): [string, string] | null => {
  const slash = key.indexOf('/');
  return slash > 0 ? [key.slice(0, slash), key.slice(slash + 1)] : null;
};

export async function importRoom(
  db: Database,
  caller: UserSummary,
  input: { roomId: string; name: string; ledgerUpdate: Uint8Array; localUserId?: string },
): Promise<{ result: ImportResult; write: LedgerWrite | null }> {
  const uploaded = readLedger(input.ledgerUpdate);
  try {
    const source = ledgerDoc(uploaded);
    const members = new Map<string, MemberEntry>();
    source.members.forEach((value, key) => {
      const m = memberEntry(value);
      if (m) members.set(key, m);
    });
    // The uploader is the member the device says it was (its personal workspace's user id), or the
    // member with the caller's id or email.
    const me =
      (input.localUserId && members.has(input.localUserId) ? ([input.localUserId, members.get(input.localUserId)!] as const) : undefined) ??
      [...members.entries()].find(([key, m]) => key === caller.id || normalizeEmail(m.email) === normalizeEmail(caller.email));
    if (!me || !me[1].active || me[1].role !== 'owner') {
      throw forbidden(
        me
          ? `only an owner can upload a boardroom: you are ${me[1].active ? `${me[1].role === 'admin' ? 'an' : 'a'} ${me[1].role}` : 'no longer a member'} of it`
          : `you (${caller.email}) are not a member of the boardroom you are uploading: sign in with the account whose email it lists as owner`,
      );
    }
    return await db.transaction(async (tx) => {
      const created = await tx.query(
        'INSERT INTO boardrooms (id, name, created_by) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING RETURNING id',
        [input.roomId, input.name, caller.id],
      );
      if (created.length === 0) return alreadyThere(tx, caller, input.roomId);

      const userIds: Record<string, string> = {};
      const skippedMembers: string[] = [];
      const taken = new Set([caller.id]);
      userIds[me[0]] = caller.id;
      for (const [key, m] of members) {
        if (key === me[0]) continue;
        const id = m.email.includes('@') ? await ensureUser(tx, m.email, m.name, key) : null;
        // No email to match by, or a second entry for someone already placed (the uploader's own
        // email under another local id): left out rather than guessed.
        if (!id || taken.has(id)) skippedMembers.push(m.name);
        else {
          userIds[key] = id;
          taken.add(id);
        }
      }
      const mapped = (localId: string) => userIds[localId] ?? null;
      const ledger = { members: new Map<string, MemberEntry>(), decisions: new Map<string, DecisionEntry>(), votes: new Map<string, unknown>(), rsvps: new Map<string, unknown>() };

      for (const [key, m] of members) {
        const id = mapped(key);
        if (!id) continue;
        const entry = id === caller.id ? { ...m, name: caller.name, email: caller.email } : m;
        ledger.members.set(id, entry);
        await tx.query('INSERT INTO boardroom_members (boardroom_id, user_id, role, active, added_at) VALUES ($1, $2, $3, $4, $5)', [
          input.roomId,
          id,
          entry.role as Role,
          entry.active,
          Math.round(entry.addedAt),
        ]);
      }
      for (const [decisionId, value] of source.decisions.entries()) {
        const d = decisionEntry(value);
        if (!d) continue;
        const entry = { ...d, openedBy: mapped(d.openedBy) ?? caller.id };
        ledger.decisions.set(decisionId, entry);
        const inserted = await tx.query(
          `INSERT INTO decisions (id, boardroom_id, meeting_id, motion, options, deadline, status, opened_by, opened_at, closed_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING RETURNING id`,
          [decisionId, input.roomId, entry.meetingId, entry.motion, JSON.stringify(entry.options), Math.round(entry.deadline), entry.status, entry.openedBy, Math.round(entry.openedAt), entry.closedAt === null ? null : Math.round(entry.closedAt)],
        );
        if (inserted.length === 0) throw conflict(`decision ${decisionId} already exists in another boardroom on this server`);
      }
      for (const [key, value] of source.votes.entries()) {
        const parts = split(key);
        const v = voteEntry(value);
        const userId = parts && mapped(parts[1]);
        if (!parts || !v || !userId || !ledger.decisions.has(parts[0])) continue;
        ledger.votes.set(voteKey(parts[0], userId), v);
        await tx.query('INSERT INTO votes (decision_id, user_id, boardroom_id, option, cast_at) VALUES ($1, $2, $3, $4, $5)', [
          parts[0],
          userId,
          input.roomId,
          v.option,
          Math.round(v.castAt),
        ]);
      }
      for (const [key, value] of source.rsvps.entries()) {
        const parts = split(key);
        const r = rsvpEntry(value);
        const userId = parts && mapped(parts[1]);
        if (!parts || !r || !userId) continue;
        ledger.rsvps.set(rsvpKey(parts[0], userId), r);
        await tx.query(
          'INSERT INTO meeting_participants (meeting_id, user_id, boardroom_id, response, responded_at) VALUES ($1, $2, $3, $4, $5)',
          [parts[0], userId, input.roomId, r.response, Math.round(r.respondedAt)],
        );
      }
      const write = await writeLedger(tx, input.roomId, (doc) => {
        const target = ledgerDoc(doc);
        for (const [name, entries] of Object.entries(ledger)) {
          for (const [key, value] of entries) target[name as keyof typeof target].set(key, value);
        }
      });
      await audit(tx, { actorId: caller.id, roomId: input.roomId, action: 'importRoom', detail: { name: input.name, members: ledger.members.size, decisions: ledger.decisions.size } });
      return { result: { room: { id: input.roomId, name: input.name, role: 'owner' as Role }, userIds, skippedMembers }, write };
    });
  } finally {
    uploaded.destroy();
  }
}

/** A retried upload (the first one succeeded) answers the same; anyone else's id clash is refused. */
async function alreadyThere(tx: Queryable, caller: UserSummary, roomId: string): Promise<{ result: ImportResult; write: null }> {
  const [room] = await tx.query<{ name: string; role: Role | null; created_by: string }>(
    `SELECT b.name, b.created_by, m.role FROM boardrooms b
     LEFT JOIN boardroom_members m ON m.boardroom_id = b.id AND m.user_id = $2 AND m.active WHERE b.id = $1`,
    [roomId, caller.id],
  );
  if (room?.role !== 'owner') {
    throw conflict(`boardroom ${roomId} is already on this server: ask its owners to add you instead of uploading it`);
  }
  return { result: { room: { id: roomId, name: room.name, role: 'owner' }, userIds: {}, skippedMembers: [] }, write: null };
}
