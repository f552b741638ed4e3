// `notes:<userId>`: a user's private notes, keyed by what they annotate (a meeting or document id).
import * as Y from 'yjs';
import { asRecord } from './read.js';

export interface NoteEntry {
  text: string;
  updatedAt: number;
}

export function notesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('notes');
}

export function readNote(doc: Y.Doc, targetId: string): NoteEntry | null {
  const r = asRecord(notesMap(doc).get(targetId));
  if (!r || typeof r.text !== 'string') return null;
  return { text: r.text, updatedAt: typeof r.updatedAt === 'number' ? r.updatedAt : 0 };
}
