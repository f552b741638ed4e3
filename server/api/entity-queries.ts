// One meeting, document or decision for `/api/v1`, as every member of its room sees it alike (the
// routes check membership first, and lay the caller's own votes over decisions). Each entity's room
// is found first, so an id the caller may not see reads exactly like an id that does not exist.
import type { Queryable } from '../db/database.js';
import {
  agendaJson,
  DECISION_COLUMNS,
  decisionJson,
  meetingJson,
  type AgendaRowDb,
  type DecisionRowDb,
  type MeetingRowDb,
} from './boardroom-queries.js';
import { iso } from './params.js';
import { documentJson, type DocumentRowDb } from './room-lists.js';

export type EntityKind = 'meeting' | 'document' | 'decision';

const ROOM_OF: Record<EntityKind, string> = {
  meeting: 'SELECT boardroom_id FROM meetings WHERE id = $1 AND NOT removed',
  document: 'SELECT boardroom_id FROM documents WHERE id = $1',
  decision: 'SELECT boardroom_id FROM decisions WHERE id = $1',
};

/** The room an entity belongs to (it never changes: the first room to claim an id keeps it). */
export async function roomOfEntity(q: Queryable, kind: EntityKind, id: string): Promise<string | null> {
  const [row] = await q.query<{ boardroom_id: string }>(`/* api.${kind}.room */ ${ROOM_OF[kind]}`, [id]);
  return row?.boardroom_id ?? null;
}

/** A meeting with its agenda, action items, RSVPs, decisions and documents: six statements. */
export async function meetingDetail(q: Queryable, meetingId: string) {
  const [meeting] = await q.query<MeetingRowDb>(
    `/* api.meeting.get */ SELECT x.id, x.boardroom_id, x.title, x.scheduled_at, x.duration_minutes, x.status, x.location, x.video_url
     FROM meetings x WHERE x.id = $1 AND NOT x.removed`,
    [meetingId],
  );
  if (!meeting) return null;
  const [agenda, actions, participants, decisions, documents] = await Promise.all([
    q.query<AgendaRowDb>(
      `/* api.meeting.agenda */ SELECT meeting_id, id, position, title, presenter, duration_minutes, notes, document_ids
       FROM agenda_items WHERE meeting_id = $1 ORDER BY position`,
      [meetingId],
    ),
    q.query<{ id: string; title: string; assignee: string; due: number | null; done: boolean; created_at: number }>(
      `/* api.meeting.actions */ SELECT id, title, assignee, due, done, created_at FROM action_items WHERE meeting_id = $1 ORDER BY created_at, id`,
      [meetingId],
    ),
    q.query<{ user_id: string; name: string; response: string; responded_at: number }>(
      `/* api.meeting.participants */ SELECT p.user_id, u.name, p.response, p.responded_at
       FROM meeting_participants p JOIN users u ON u.id = p.user_id WHERE p.meeting_id = $1 ORDER BY lower(u.name), p.user_id`,
      [meetingId],
    ),
    q.query<DecisionRowDb>(
      `/* api.meeting.decisions */ SELECT ${DECISION_COLUMNS} FROM decisions d WHERE d.meeting_id = $1 ORDER BY d.opened_at, d.id`,
      [meetingId],
    ),
    q.query<DocumentRowDb>(
      `/* api.meeting.documents */ SELECT id, boardroom_id, meeting_id, title, description, mime, size, blob_hash, created_at
       FROM documents WHERE meeting_id = $1 AND deleted_at IS NULL ORDER BY created_at, id`,
      [meetingId],
    ),
  ]);
  return {
    ...meetingJson(meeting),
    agenda_items: agenda.map(agendaJson),
    action_items: actions.map((a) => ({ id: a.id, title: a.title, assignee: a.assignee, due: iso(a.due), done: a.done, created_at: iso(a.created_at) })),
    participants: participants.map((p) => ({ user_id: p.user_id, name: p.name, response: p.response, responded_at: iso(p.responded_at) })),
    decisions: decisions.map(decisionJson),
    documents: documents.map(documentJson),
  };
}

export async function documentDetail(q: Queryable, documentId: string) {
  const [row] = await q.query<DocumentRowDb>(
    `/* api.document.get */ SELECT id, boardroom_id, meeting_id, title, description, mime, size, blob_hash, created_at, deleted_at
     FROM documents WHERE id = $1`,
    [documentId],
  );
  return row ? documentJson(row) : null;
}

export async function decisionDetail(q: Queryable, decisionId: string) {
  const [row] = await q.query<DecisionRowDb>(`/* api.decision.get */ SELECT ${DECISION_COLUMNS} FROM decisions d WHERE d.id = $1`, [decisionId]);
  return row ? decisionJson(row) : null;
}
