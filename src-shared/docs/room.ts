// `room:<roomId>`: boardroom meta, its meetings and its documents.
import * as Y from 'yjs';
import { MEETING_STATUSES, type BoardroomRow, type DocumentRow, type MeetingRow } from '../domain.js';
import { changedEntryKeys, touched } from './changes.js';
import { keyedChange, type RowsChange } from './projection.js';
import {
  asNestedMap,
  readBoolean,
  readEnum,
  readNullableNumber,
  readNullableString,
  readNumber,
  readString,
} from './read.js';

export interface RoomDoc {
  meta: Y.Map<unknown>;
  meetings: Y.Map<unknown>;
  documents: Y.Map<unknown>;
}

export function roomDoc(doc: Y.Doc): RoomDoc {
  return { meta: doc.getMap('meta'), meetings: doc.getMap('meetings'), documents: doc.getMap('documents') };
}

export function boardroomRow(roomId: string, room: RoomDoc): BoardroomRow {
  return {
    id: roomId,
    name: readString(room.meta, 'name', 'Untitled boardroom'),
    description: readString(room.meta, 'description'),
    active: readBoolean(room.meta, 'active', true),
    createdAt: readNumber(room.meta, 'createdAt'),
  };
}

export function meetingRow(roomId: string, meetingId: string, value: unknown): MeetingRow | null {
  const m = asNestedMap(value);
  if (!m) return null;
  return {
    id: meetingId,
    boardroomId: roomId,
    title: readString(m, 'title', 'Untitled meeting'),
    scheduledAt: readNumber(m, 'scheduledAt'),
    durationMinutes: readNumber(m, 'durationMinutes', 60),
    status: readEnum(m, 'status', MEETING_STATUSES, 'scheduled'),
    location: readString(m, 'location'),
    videoUrl: readString(m, 'videoUrl'),
  };
}

export function documentRow(roomId: string, documentId: string, value: unknown): DocumentRow | null {
  const d = asNestedMap(value);
  if (!d) return null;
  return {
    id: documentId,
    boardroomId: roomId,
    meetingId: readNullableString(d, 'meetingId'),
    title: readString(d, 'title', 'Untitled document'),
    description: readString(d, 'description'),
    blobHash: readString(d, 'blobHash'),
    mime: readString(d, 'mime', 'application/octet-stream'),
    size: readNumber(d, 'size'),
    createdAt: readNumber(d, 'createdAt'),
    deletedAt: readNullableNumber(d, 'deletedAt'),
  };
}

/** Rows of a room doc: all of them, or only those `tr` touched. */
export function projectRoom(roomId: string, doc: Y.Doc, tr?: Y.Transaction): RowsChange[] {
  const room = roomDoc(doc);
  const changes: RowsChange[] = [];
  const full = tr === undefined;
  if (touched(tr, room.meta)) {
    changes.push({ table: 'boardrooms', scope: roomId, full: true, upserts: [boardroomRow(roomId, room)], deletes: [] });
  }
  const meetingKeys = full ? room.meetings.keys() : changedEntryKeys(tr, room.meetings);
  changes.push(keyedChange('meetings', roomId, meetingKeys, full, (k) => meetingRow(roomId, k, room.meetings.get(k))));
  const documentKeys = full ? room.documents.keys() : changedEntryKeys(tr, room.documents);
  changes.push(keyedChange('documents', roomId, documentKeys, full, (k) => documentRow(roomId, k, room.documents.get(k))));
  return changes.filter((c) => c.full || c.upserts.length > 0 || c.deletes.length > 0);
}
