import type * as Y from 'yjs';
import { parseDocId } from '../ids.js';
import { ledgerDoc, projectLedger } from './ledger.js';
import { meetingDoc, projectMeeting } from './meeting.js';
import { notesMap } from './notes.js';
import type { RowsChange } from './projection.js';
import { projectRoom, roomDoc } from './room.js';

/**
 * Defines a doc's root types before any update is applied to it. Yjs integrates content for a root
 * name nobody asked for yet into a placeholder type, which the later `getMap` replaces: the first
 * transaction's change events would then name the placeholder, and incremental projections would
 * miss every entry. Call this on every new Y.Doc replica.
 */
export function defineDocLayout(docId: string, doc: Y.Doc): void {
  const parsed = parseDocId(docId);
  if (!parsed) return;
  if (parsed.kind === 'room') roomDoc(doc);
  else if (parsed.kind === 'meeting') meetingDoc(doc);
  else if (parsed.kind === 'ledger') ledgerDoc(doc);
  else notesMap(doc);
}

/** Rows of any doc: in full, or only what `tr` changed. Notes docs project to nothing. */
export function projectDoc(docId: string, doc: Y.Doc, tr?: Y.Transaction): RowsChange[] {
  const parsed = parseDocId(docId);
  if (!parsed) return [];
  switch (parsed.kind) {
    case 'room':
      return projectRoom(parsed.id, doc, tr);
    case 'meeting':
      return projectMeeting(parsed.id, doc, tr);
    case 'ledger':
      return projectLedger(parsed.id, doc, tr);
    case 'notes':
      return [];
  }
}
