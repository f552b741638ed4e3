// SQL -> row objects for the projection tables. Columns are aliased to camelCase in the SELECTs;
// these fix the types SQLite cannot hold (booleans, JSON lists).
import type { AgendaItemRow, DecisionRow, DocumentRow, MeetingRow } from '../../src-shared/domain.js';

export const MEETING_COLUMNS = `id, boardroom_id AS boardroomId, title, scheduled_at AS scheduledAt,
  duration_minutes AS durationMinutes, status, location, video_url AS videoUrl`;

export const DOCUMENT_COLUMNS = `id, boardroom_id AS boardroomId, meeting_id AS meetingId, title, description,
  blob_hash AS blobHash, mime, size, created_at AS createdAt, deleted_at AS deletedAt`;

export const AGENDA_COLUMNS = `id, meeting_id AS meetingId, position, title, presenter,
  duration_minutes AS durationMinutes, notes, document_ids AS documentIds`;

export const DECISION_COLUMNS = `id, boardroom_id AS boardroomId, meeting_id AS meetingId, motion, options, deadline,
  status, opened_by AS openedBy, opened_at AS openedAt, closed_at AS closedAt`;

export const asMeeting = (r: unknown): MeetingRow => r as MeetingRow;
export const asDocument = (r: unknown): DocumentRow => r as DocumentRow;

export function asAgendaItem(r: unknown): AgendaItemRow {
  const row = r as AgendaItemRow & { documentIds: string };
  return { ...row, documentIds: parseList(row.documentIds) };
}

export function asDecision(r: unknown): DecisionRow {
  const row = r as DecisionRow & { options: string };
  return { ...row, options: parseList(row.options) };
}

export function asBool<T extends object, K extends keyof T>(row: T, ...keys: K[]): T {
  const out = { ...row } as Record<string, unknown>;
  for (const key of keys) out[key as string] = out[key as string] === 1 || out[key as string] === true;
  return out as T;
}

function parseList(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
