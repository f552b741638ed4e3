// Keeps the projection tables of `/api/v1` current from the docs this process holds: a room doc's
// meetings, documents and meta; a meeting doc's agenda and action items. Rows are computed inside
// the Yjs transaction (its change set is only valid there) and written afterwards, one write at a
// time per doc so an older state never lands after a newer one. Only the process that committed a
// change projects it (updates read back from the log were projected by their writer); a doc loaded
// from the log is projected in full, which also repairs a write whose process died before projecting.
import type { Logger } from 'pino';
import * as Y from 'yjs';
import { projectDoc } from '../../src-shared/docs/index.js';
import { roomDoc } from '../../src-shared/docs/room.js';
import type { ParsedDocId } from '../../src-shared/ids.js';
import type { Database } from '../db/database.js';
import { writeMeetingChanges } from './meeting-projection.js';
import { writeRoomChanges } from './room-projection.js';

/** What a projection write changed: the room it belongs to, and whether the room's own row or meeting list did. */
export interface Projected {
  roomId: string;
  kind: 'room' | 'meeting';
}

export class Projector {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly meetingRooms = new Map<string, string>();

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
    private readonly onProjected: (projected: Projected) => void,
  ) {}

  static projects(parsed: ParsedDocId): boolean {
    return parsed.kind === 'room' || parsed.kind === 'meeting';
  }

  /** Projects the whole doc (just loaded); resolves once written. */
  full(docId: string, parsed: ParsedDocId, doc: Y.Doc): Promise<void> {
    return this.enqueue(docId, parsed, projectDoc(docId, doc), roomDoc(doc).meta.has('name'));
  }

  /** Projects what `tr` changed, in the background. */
  changed(docId: string, parsed: ParsedDocId, doc: Y.Doc, tr: Y.Transaction): void {
    const changes = projectDoc(docId, doc, tr);
    if (changes.length === 0) return;
    void this.enqueue(docId, parsed, changes, parsed.kind === 'room' && roomDoc(doc).meta.has('name')).catch(() => undefined);
  }

  private enqueue(docId: string, parsed: ParsedDocId, changes: ReturnType<typeof projectDoc>, hasName: boolean): Promise<void> {
    const previous = this.chains.get(docId) ?? Promise.resolve();
    const next = previous.then(() => this.write(parsed, changes, hasName));
    const tail = next.catch(() => undefined);
    this.chains.set(docId, tail);
    void tail.then(() => {
      if (this.chains.get(docId) === tail) this.chains.delete(docId);
    });
    return next;
  }

  private async write(parsed: ParsedDocId, changes: ReturnType<typeof projectDoc>, hasName: boolean): Promise<void> {
    try {
      if (parsed.kind === 'room') {
        await this.db.transaction((tx) => writeRoomChanges(tx, parsed.id, changes, hasName));
        this.onProjected({ roomId: parsed.id, kind: 'room' });
      } else {
        await this.db.transaction((tx) => writeMeetingChanges(tx, parsed.id, changes));
        const roomId = await this.roomOfMeeting(parsed.id);
        if (roomId) this.onProjected({ roomId, kind: 'meeting' });
      }
    } catch (error) {
      this.log.warn({ err: error, doc: `${parsed.kind}:${parsed.id}` }, 'projection failed; it is rebuilt when the doc next loads');
      throw error;
    }
  }

  private async roomOfMeeting(meetingId: string): Promise<string | null> {
    const known = this.meetingRooms.get(meetingId);
    if (known) return known;
    const [row] = await this.db.query<{ boardroom_id: string }>('SELECT boardroom_id FROM meetings WHERE id = $1', [meetingId]);
    // A meeting's room never changes (the first room to claim it keeps it), so this may be kept.
    if (row) this.meetingRooms.set(meetingId, row.boardroom_id);
    if (this.meetingRooms.size > 50_000) this.meetingRooms.clear();
    return row?.boardroom_id ?? null;
  }

  /** Waits for every queued projection write (shutdown). */
  async drain(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }
}
