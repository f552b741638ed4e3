// What the server projects from room docs: each meeting's room (access to `meeting:` docs follows
// it) plus the fields lists need, and the boardroom's name. A meeting row is never removed: a
// meeting doc keeps belonging to its room even when the room doc drops the meeting.
import * as Y from 'yjs';
import { boardroomRow, projectRoom, roomDoc } from '../../src-shared/docs/room.js';
import type { MeetingRow } from '../../src-shared/domain.js';
import type { Queryable } from '../db/database.js';

/**
 * Meeting ids a room-doc update creates, read from the update itself, so the write that creates a
 * meeting also records its room in the same transaction: once the client has its ack, the meeting
 * doc can be opened on any server process.
 */
export function meetingIdsCreatedBy(update: Uint8Array): string[] {
  const ids: string[] = [];
  for (const struct of Y.decodeUpdate(update).structs) {
    // In a decoded update, a root type's child names its parent by the root's name.
    if (struct instanceof Y.Item && (struct.parent as unknown) === 'meetings' && typeof struct.parentSub === 'string') {
      ids.push(struct.parentSub);
    }
  }
  return ids;
}

/** Records the room of new meetings; the first room to claim a meeting id keeps it. */
export async function claimMeetings(q: Queryable, roomId: string, meetingIds: string[]): Promise<void> {
  if (meetingIds.length === 0) return;
  await q.query(
    `INSERT INTO meetings (id, boardroom_id) SELECT DISTINCT unnest($2::text[]), $1 ON CONFLICT (id) DO NOTHING`,
    [roomId, meetingIds],
  );
}

/** Rows of a room doc (all, or those `tr` touched), written to the server's projection tables. */
export async function projectRoomDoc(q: Queryable, roomId: string, doc: Y.Doc, tr?: Y.Transaction): Promise<void> {
  const changes = projectRoom(roomId, doc, tr);
  for (const change of changes) {
    if (change.table === 'meetings') {
      const rows = change.upserts as MeetingRow[];
      if (rows.length === 0) continue;
      await q.query(
        `INSERT INTO meetings (id, boardroom_id, title, scheduled_at, status)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int8[], $5::text[])
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, scheduled_at = excluded.scheduled_at, status = excluded.status
         WHERE meetings.boardroom_id = excluded.boardroom_id`,
        [rows.map((r) => r.id), rows.map(() => roomId), rows.map((r) => r.title), rows.map((r) => Math.round(r.scheduledAt)), rows.map((r) => r.status)],
      );
    } else if (change.table === 'boardrooms' && roomDoc(doc).meta.has('name')) {
      await q.query('UPDATE boardrooms SET name = $2 WHERE id = $1', [roomId, boardroomRow(roomId, roomDoc(doc)).name]);
    }
  }
}

