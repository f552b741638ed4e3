// What the server projects from room docs: each meeting's room (access to `meeting:` docs follows
// it) plus the fields `/api/v1` lists, the documents' metadata, and the boardroom's meta. A meeting
// row is never deleted: a meeting doc keeps belonging to its room even when the room doc drops it.
import * as Y from 'yjs';
import type { RowsChange } from '../../src-shared/docs/projection.js';
import { projectRoom, roomDoc } from '../../src-shared/docs/room.js';
import type { BoardroomRow, DocumentRow, MeetingRow } from '../../src-shared/domain.js';
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
  await writeRoomChanges(q, roomId, projectRoom(roomId, doc, tr), roomDoc(doc).meta.has('name'));
}

/**
 * Writes a room doc's row changes. A meeting or document id belongs to the first room that claimed
 * it: another room's doc naming the same id changes nothing here. Meetings the room doc dropped stay
 * (their meeting doc keeps its room), marked `removed`; a full projection marks nothing removed,
 * since a meeting another process just claimed may not be in this replica yet.
 */
export async function writeRoomChanges(q: Queryable, roomId: string, changes: RowsChange[], hasName: boolean): Promise<void> {
  for (const change of changes) {
    if (change.table === 'meetings') {
      const rows = change.upserts as MeetingRow[];
      if (rows.length > 0) {
        await q.query(
          `/* projection.meetings */ INSERT INTO meetings (id, boardroom_id, title, scheduled_at, status, duration_minutes, location, video_url, removed)
           SELECT id, $2, title, scheduled_at, status, duration_minutes, location, video_url, false
           FROM unnest($1::text[], $3::text[], $4::int8[], $5::text[], $6::int4[], $7::text[], $8::text[])
             AS r(id, title, scheduled_at, status, duration_minutes, location, video_url)
           ON CONFLICT (id) DO UPDATE SET title = excluded.title, scheduled_at = excluded.scheduled_at, status = excluded.status,
             duration_minutes = excluded.duration_minutes, location = excluded.location, video_url = excluded.video_url, removed = false
           WHERE meetings.boardroom_id = excluded.boardroom_id`,
          [
            rows.map((r) => r.id),
            roomId,
            rows.map((r) => r.title),
            rows.map((r) => Math.round(r.scheduledAt)),
            rows.map((r) => r.status),
            rows.map((r) => Math.round(r.durationMinutes)),
            rows.map((r) => r.location),
            rows.map((r) => r.videoUrl),
          ],
        );
      }
      if (change.deletes.length > 0) {
        await q.query('UPDATE meetings SET removed = true WHERE boardroom_id = $1 AND id = ANY($2::text[])', [roomId, change.deletes]);
      }
    } else if (change.table === 'documents') {
      const rows = change.upserts as DocumentRow[];
      if (rows.length > 0) {
        await q.query(
          `/* projection.documents */ INSERT INTO documents (id, boardroom_id, meeting_id, title, description, blob_hash, mime, size, created_at, deleted_at)
           SELECT id, $2, meeting_id, title, description, blob_hash, mime, size, created_at, deleted_at
           FROM unnest($1::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int8[], $9::int8[], $10::int8[])
             AS r(id, meeting_id, title, description, blob_hash, mime, size, created_at, deleted_at)
           ON CONFLICT (id) DO UPDATE SET meeting_id = excluded.meeting_id, title = excluded.title, description = excluded.description,
             blob_hash = excluded.blob_hash, mime = excluded.mime, size = excluded.size, created_at = excluded.created_at,
             deleted_at = excluded.deleted_at
           WHERE documents.boardroom_id = excluded.boardroom_id`,
          [
            rows.map((r) => r.id),
            roomId,
            rows.map((r) => r.meetingId),
            rows.map((r) => r.title),
            rows.map((r) => r.description),
            rows.map((r) => r.blobHash),
            rows.map((r) => r.mime),
            rows.map((r) => Math.round(r.size)),
            rows.map((r) => Math.round(r.createdAt)),
            rows.map((r) => (r.deletedAt === null ? null : Math.round(r.deletedAt))),
          ],
        );
      }
      if (change.deletes.length > 0) {
        await q.query('DELETE FROM documents WHERE boardroom_id = $1 AND id = ANY($2::text[])', [roomId, change.deletes]);
      }
    } else if (change.table === 'boardrooms') {
      const row = change.upserts[0] as BoardroomRow | undefined;
      if (!row) continue;
      // Until the room doc has a name, the server keeps the one the room was created with.
      await q.query(
        `UPDATE boardrooms SET name = CASE WHEN $4 THEN $2 ELSE name END, description = $3, active = $5 WHERE id = $1`,
        [roomId, row.name, row.description, hasName, row.active],
      );
    }
  }
}
