// The renderer worker's palette snapshot in SQLite: plain text in parts of PART_CHARS, one part read or
// written per turn of main's loop (a part is a few milliseconds), so a 42 MB snapshot neither holds
// the loop nor waits on zlib (inflating it was 250-650 ms of every start-up). A save writes its parts
// under a new generation, then points the head row at it in one statement and deletes older parts a
// few per turn; a save that a later one overtakes, or that the app closes under, stops and leaves its
// parts to the next save's clean-up. A reader sees one generation whole or starts again.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../store/db.js';

/** Characters per stored part: ~1 MB, a few milliseconds to write or read. */
export const PART_CHARS = 1 << 20;
/** Old parts deleted per turn after a save. */
const DELETE_PER_TURN = 4;
/** A load that finds its generation replaced mid-read starts again this many times. */
const LOAD_TRIES = 3;

export interface StoredSnapshot {
  clock: number;
  data: string;
}

export class SnapshotStore {
  private writes = 0;
  private readonly stmt: Record<'head' | 'part' | 'next' | 'insert' | 'point' | 'prune' | 'dropOwn', Statement>;

  /** `closed` is asked after every turn: once it says true, the database is not touched again. */
  constructor(
    sqlite: Sqlite,
    private readonly closed: () => boolean,
  ) {
    this.stmt = {
      head: sqlite.prepare('SELECT clock, generation, parts, chars FROM search_snapshot WHERE id = 1'),
      part: sqlite.prepare('SELECT data FROM search_snapshot_parts WHERE generation = ? AND part = ?'),
      next: sqlite.prepare('SELECT coalesce(max(generation), 0) + 1 AS g FROM search_snapshot_parts'),
      insert: sqlite.prepare('INSERT INTO search_snapshot_parts (generation, part, data) VALUES (?, ?, ?)'),
      point: sqlite.prepare(
        'INSERT OR REPLACE INTO search_snapshot (id, clock, generation, parts, chars, saved_at) VALUES (1, ?, ?, ?, ?, ?)',
      ),
      prune: sqlite.prepare(
        `DELETE FROM search_snapshot_parts WHERE rowid IN (
           SELECT rowid FROM search_snapshot_parts WHERE generation < ? LIMIT ${DELETE_PER_TURN})`,
      ),
      dropOwn: sqlite.prepare('DELETE FROM search_snapshot_parts WHERE generation = ?'),
    };
  }

  async load(): Promise<StoredSnapshot | null> {
    for (let attempt = 0; attempt < LOAD_TRIES; attempt++) {
      const head = this.stmt.head.get() as { clock: number; generation: number; parts: number; chars: number } | undefined;
      if (!head) return null;
      const parts: string[] = [];
      for (let part = 0; part < head.parts; part++) {
        const row = this.stmt.part.get(head.generation, part) as { data: string } | undefined;
        if (!row) break;
        parts.push(row.data);
        await nextTurn();
        if (this.closed()) return null;
      }
      const data = parts.join('');
      if (parts.length === head.parts && data.length === head.chars) return { clock: head.clock, data };
      // Replaced by a save while this was reading (its parts are deleted after the head moves): again.
    }
    return null;
  }

  /** When saves overlap, the last one called wins. */
  async save(clock: number, data: string): Promise<void> {
    const write = ++this.writes;
    const overtaken = () => this.closed() || write !== this.writes;
    const generation = (this.stmt.next.get() as { g: number }).g;
    const bounds = partBounds(data);
    const parts = bounds.length - 1;
    for (let part = 0; part < parts; part++) {
      this.stmt.insert.run(generation, part, data.slice(bounds[part], bounds[part + 1]));
      await nextTurn();
      if (overtaken()) {
        // The save that overtook this one takes a higher generation: this one's parts go now.
        if (!this.closed()) this.stmt.dropOwn.run(generation);
        return;
      }
    }
    this.stmt.point.run(clock, generation, parts, data.length, Date.now());
    // Older generations: the one just replaced and any a closed app left half written.
    while (!this.closed() && this.stmt.prune.run(generation).changes > 0) await nextTurn();
  }
}

/**
 * Where the parts start and end (first 0, last `data.length`; one empty part for an empty text). A
 * part never ends between the two halves of a surrogate pair: SQLite stores text as UTF-8, where a
 * lone half becomes U+FFFD.
 */
function partBounds(data: string): number[] {
  const bounds = [0];
  let at = 0;
  while (at < data.length) {
    let end = Math.min(data.length, at + PART_CHARS);
    const code = data.charCodeAt(end - 1);
    if (end < data.length && code >= 0xd800 && code <= 0xdbff) end -= 1;
    bounds.push((at = end));
  }
  if (bounds.length === 1) bounds.push(0);
  return bounds;
}
