import type * as Y from 'yjs';
import { parseDocId } from '../ids.js';
import { projectLedger } from './ledger.js';
import { projectMeeting } from './meeting.js';
import type { RowsChange } from './projection.js';
import { projectRoom } from './room.js';

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
