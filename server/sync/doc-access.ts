// Who may read and write a doc, from the ledger tables in Postgres (the authority keeps them current).
// `room:` and `ledger:` docs name their room; a `meeting:` doc belongs to the room whose room doc
// holds it, which the `meetings` projection records.
import type { Role } from '../../src-shared/domain.js';
import type { ParsedDocId } from '../../src-shared/ids.js';
import { docAccess, type DocAccess } from '../../src-shared/sync/access.js';
import type { Queryable } from '../db/database.js';

export interface DocPermit extends DocAccess {
  /** The room whose membership decides access; null for notes docs. */
  roomId: string | null;
  roomName: string;
  role: Role | null;
  /** Why reading or writing is refused, in words the user can act on (empty when allowed). */
  readRefusal: string;
  writeRefusal: string;
}

export class UnknownMeetingError extends Error {
  constructor(meetingId: string) {
    super(`meeting ${meetingId} is not known to the server yet: sync its boardroom first, then open the meeting again`);
  }
}

export async function roomOfDoc(q: Queryable, doc: ParsedDocId): Promise<string | null> {
  if (doc.kind === 'notes') return null;
  if (doc.kind !== 'meeting') return doc.id;
  const [row] = await q.query<{ boardroom_id: string }>('SELECT boardroom_id FROM meetings WHERE id = $1', [doc.id]);
  if (!row) throw new UnknownMeetingError(doc.id);
  return row.boardroom_id;
}

export interface Membership {
  role: Role | null;
  roomName: string;
}

/** The user's active role in each room (null when not an active member, or the user is inactive). */
export async function memberships(q: Queryable, pairs: Array<{ roomId: string; userId: string }>): Promise<Map<string, Membership>> {
  if (pairs.length === 0) return new Map();
  const rows = await q.query<{ room_id: string; user_id: string; role: Role | null; name: string | null }>(
    `SELECT p.room_id, p.user_id, m.role, b.name
     FROM unnest($1::text[], $2::text[]) AS p(room_id, user_id)
     LEFT JOIN boardrooms b ON b.id = p.room_id
     LEFT JOIN boardroom_members m ON m.boardroom_id = p.room_id AND m.user_id = p.user_id AND m.active
       AND EXISTS (SELECT 1 FROM users u WHERE u.id = p.user_id AND u.active AND u.deleted_at IS NULL)`,
    [pairs.map((p) => p.roomId), pairs.map((p) => p.userId)],
  );
  return new Map(rows.map((r) => [membershipKey(r.room_id, r.user_id), { role: r.role, roomName: r.name ?? 'this boardroom' }]));
}

export const membershipKey = (roomId: string, userId: string): string => `${roomId}\n${userId}`;

export function permit(doc: ParsedDocId, userId: string, roomId: string | null, membership: Membership): DocPermit {
  const access = docAccess(doc, userId, membership.role);
  const room = `"${membership.roomName}"`;
  let readRefusal = '';
  let writeRefusal = '';
  if (!access.read) {
    readRefusal =
      doc.kind === 'notes'
        ? 'notes are private: only their owner can open them'
        : `you are not a member of ${room}: ask an admin of that boardroom to add you`;
  }
  if (!access.write) {
    if (doc.kind === 'ledger') {
      writeRefusal = `the ledger of ${room} is written only by the server: send a command (vote, RSVP, membership) instead`;
    } else if (membership.role === 'observer') {
      writeRefusal = `you are an observer in ${room}: observers cannot edit. Ask an admin for member access`;
    } else writeRefusal = readRefusal || 'you cannot edit this document';
  }
  return { ...access, roomId, roomName: membership.roomName, role: membership.role, readRefusal, writeRefusal };
}

export async function resolvePermit(q: Queryable, doc: ParsedDocId, userId: string): Promise<DocPermit> {
  const roomId = await roomOfDoc(q, doc);
  if (roomId === null) return permit(doc, userId, null, { role: null, roomName: '' });
  const found = await memberships(q, [{ roomId, userId }]);
  return permit(doc, userId, roomId, found.get(membershipKey(roomId, userId)) ?? { role: null, roomName: 'this boardroom' });
}
