// What the server projects from meeting docs for `/api/v1`: the agenda (replaced whole, in order)
// and the action items (by entry). Minutes stay in the doc: no server view lists them.
import type { RowsChange } from '../../src-shared/docs/projection.js';
import type { ActionItemRow, AgendaItemRow } from '../../src-shared/domain.js';
import type { Queryable } from '../db/database.js';

export async function writeMeetingChanges(q: Queryable, meetingId: string, changes: RowsChange[]): Promise<void> {
  for (const change of changes) {
    if (change.table === 'agenda_items') {
      const rows = change.upserts as AgendaItemRow[];
      await q.query('DELETE FROM agenda_items WHERE meeting_id = $1 AND NOT (id = ANY($2::text[]))', [meetingId, rows.map((r) => r.id)]);
      if (rows.length === 0) continue;
      await q.query(
        `/* projection.agenda_items */ INSERT INTO agenda_items (meeting_id, id, position, title, presenter, duration_minutes, notes, document_ids)
         SELECT $1, * FROM unnest($2::text[], $3::int4[], $4::text[], $5::text[], $6::int4[], $7::text[], $8::jsonb[])
         ON CONFLICT (meeting_id, id) DO UPDATE SET position = excluded.position, title = excluded.title, presenter = excluded.presenter,
           duration_minutes = excluded.duration_minutes, notes = excluded.notes, document_ids = excluded.document_ids`,
        [
          meetingId,
          rows.map((r) => r.id),
          rows.map((r) => r.position),
          rows.map((r) => r.title),
          rows.map((r) => r.presenter),
          rows.map((r) => Math.round(r.durationMinutes)),
          rows.map((r) => r.notes),
          rows.map((r) => JSON.stringify(r.documentIds)),
        ],
      );
    } else if (change.table === 'action_items') {
      const rows = change.upserts as ActionItemRow[];
      if (change.full) {
        await q.query('DELETE FROM action_items WHERE meeting_id = $1 AND NOT (id = ANY($2::text[]))', [meetingId, rows.map((r) => r.id)]);
      } else if (change.deletes.length > 0) {
        await q.query('DELETE FROM action_items WHERE meeting_id = $1 AND id = ANY($2::text[])', [meetingId, change.deletes]);
      }
      if (rows.length === 0) continue;
      await q.query(
        `/* projection.action_items */ INSERT INTO action_items (meeting_id, id, title, assignee, due, done, created_at)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::int8[], $6::bool[], $7::int8[])
         ON CONFLICT (meeting_id, id) DO UPDATE SET title = excluded.title, assignee = excluded.assignee, due = excluded.due,
           done = excluded.done, created_at = excluded.created_at`,
        [
          meetingId,
          rows.map((r) => r.id),
          rows.map((r) => r.title),
          rows.map((r) => r.assignee),
          rows.map((r) => (r.due === null ? null : Math.round(r.due))),
          rows.map((r) => r.done),
          rows.map((r) => Math.round(r.createdAt)),
        ],
      );
    }
  }
}
