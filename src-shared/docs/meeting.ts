// `meeting:<meetingId>`: agenda (ordered by rank), minutes (rich text) and action items.
import * as Y from 'yjs';
import type { ActionItemRow, AgendaItemRow } from '../domain.js';
import { changedEntryKeys, touched } from './changes.js';
import { keyedChange, type RowsChange } from './projection.js';
import { asNestedMap, nestedMaps, readBoolean, readNullableNumber, readNumber, readString, readStringList } from './read.js';

export interface MeetingDoc {
  meta: Y.Map<unknown>;
  agenda: Y.Map<unknown>;
  minutes: Y.Text;
  actions: Y.Map<unknown>;
}

export function meetingDoc(doc: Y.Doc): MeetingDoc {
  return {
    meta: doc.getMap('meta'),
    agenda: doc.getMap('agenda'),
    minutes: doc.getText('minutes'),
    actions: doc.getMap('actions'),
  };
}

interface RankedItem {
  id: string;
  rank: number;
  map: Y.Map<unknown>;
}

/** Agenda items in order. Order is a rank field, so a move is one field write that merges cleanly. */
export function orderedAgenda(meeting: MeetingDoc): RankedItem[] {
  return nestedMaps(meeting.agenda)
    .map(([id, map]) => ({ id, map, rank: readNumber(map, 'rank') }))
    .sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A rank between two neighbours (either may be missing). */
export function rankBetween(before: number | undefined, after: number | undefined): number {
  if (before === undefined && after === undefined) return 1;
  if (before === undefined) return after! - 1;
  if (after === undefined) return before + 1;
  return (before + after) / 2;
}

/** Rank for putting `itemId` at `toIndex` among the other items. */
export function rankForIndex(meeting: MeetingDoc, itemId: string, toIndex: number): number {
  const others = orderedAgenda(meeting).filter((i) => i.id !== itemId);
  const index = Math.max(0, Math.min(toIndex, others.length));
  const rank = rankBetween(others[index - 1]?.rank, others[index]?.rank);
  const tooClose =
    (others[index - 1] && rank - others[index - 1]!.rank < 1e-9) || (others[index] && others[index]!.rank - rank < 1e-9);
  if (!tooClose) return rank;
  // Ranks ran out of room between neighbours: spread every item out again, then place this one.
  others.forEach((item, i) => item.map.set('rank', (i + 1) * 2));
  return index * 2 + 1;
}

export function agendaRows(meetingId: string, meeting: MeetingDoc): AgendaItemRow[] {
  return orderedAgenda(meeting).map(({ id, map }, position) => ({
    id,
    meetingId,
    position,
    title: readString(map, 'title', 'Untitled item'),
    presenter: readString(map, 'presenter'),
    durationMinutes: readNumber(map, 'durationMinutes', 10),
    notes: readString(map, 'notes'),
    documentIds: readStringList(map, 'documentIds'),
  }));
}

export function actionItemRow(meetingId: string, actionId: string, value: unknown): ActionItemRow | null {
  const a = asNestedMap(value);
  if (!a) return null;
  return {
    id: actionId,
    meetingId,
    title: readString(a, 'title', 'Untitled action'),
    assignee: readString(a, 'assignee'),
    due: readNullableNumber(a, 'due'),
    done: readBoolean(a, 'done'),
    createdAt: readNumber(a, 'createdAt'),
  };
}

export interface MinutesRow {
  meetingId: string;
  text: string;
}

export function projectMeeting(meetingId: string, doc: Y.Doc, tr?: Y.Transaction): RowsChange[] {
  const meeting = meetingDoc(doc);
  const full = tr === undefined;
  const changes: RowsChange[] = [];
  if (touched(tr, meeting.agenda)) {
    changes.push({ table: 'agenda_items', scope: meetingId, full: true, upserts: agendaRows(meetingId, meeting), deletes: [] });
  }
  if (touched(tr, meeting.minutes)) {
    // Meetings without minutes have no row, however they got there.
    const row: MinutesRow = { meetingId, text: meeting.minutes.toString() };
    changes.push({ table: 'minutes', scope: meetingId, full: true, upserts: row.text ? [row] : [], deletes: [] });
  }
  const actionKeys = full ? meeting.actions.keys() : changedEntryKeys(tr, meeting.actions);
  const actions = keyedChange('action_items', meetingId, actionKeys, full, (k) =>
    actionItemRow(meetingId, k, meeting.actions.get(k)),
  );
  if (full || actions.upserts.length || actions.deletes.length) changes.push(actions);
  return changes;
}
