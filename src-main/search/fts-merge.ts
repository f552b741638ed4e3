// Keeps the FTS5 indexes in few segments. FTS5 writes each transaction's terms as a new segment
// (b-tree) and merges them as they pile up (automerge), but bulk writes (a first sync, a rebuild, a
// large file's pages) leave a dozen or more, and every query reads each segment: a common word over
// 100,000 agenda items was 2-3x slower on 18 segments than on one. So, in the background, an index
// with many segments that has grown by a quarter since its last full merge is merged into one, a few
// pages per step with the event loop free in between. Small edits afterwards add small segments that
// automerge handles; the quarter-growth rule keeps full rewrites of a large index rare (geometric).
import type { Sqlite } from '../store/db.js';

export const FTS_TABLES = ['fulltext', 'page_fts'] as const;
export type FtsTable = (typeof FTS_TABLES)[number];

/** Above this many segments a grown index is merged. */
const MAX_SEGMENTS = 4;
/** Leaf pages (~4 KB) written per step: a few milliseconds of main's loop each. */
const STEP_PAGES = 32;
const GROWTH = 1.25;

/**
 * The number of segments in an FTS5 index, from its structure record (row 10 of `%_data`): a 4-byte
 * cookie, an optional 4-byte version-2 marker, then the level and segment counts as SQLite varints.
 * Null when the record is not there or not in that shape (then nothing is merged).
 */
export function ftsSegments(sqlite: Sqlite, table: FtsTable): number | null {
  const row = sqlite.prepare(`SELECT block FROM ${table}_data WHERE id = 10`).get() as { block: Buffer } | undefined;
  const block = row?.block;
  if (!block || block.length < 6) return null;
  let at = 4;
  if (block[4] === 0xff && block[5] === 0x00 && block[6] === 0x00 && block[7] === 0x01) at = 8;
  const levels = readVarint(block, at);
  if (!levels) return null;
  const segments = readVarint(block, levels.next);
  return segments ? segments.value : null;
}

/** SQLite's varint: big-endian groups of 7 bits, high bit set on all but the last (9th byte: 8 bits). */
function readVarint(buf: Buffer, at: number): { value: number; next: number } | null {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    const byte = buf[at + i];
    if (byte === undefined) return null;
    if (i === 8) return { value: value * 256 + byte, next: at + 9 };
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return { value, next: at + i + 1 };
  }
  return null;
}

function leafPages(sqlite: Sqlite, table: FtsTable): number {
  return (sqlite.prepare(`SELECT count(*) AS n FROM ${table}_data`).get() as { n: number }).n;
}

function mergedAt(sqlite: Sqlite, table: FtsTable): number | null {
  const row = sqlite.prepare('SELECT value FROM search_meta WHERE key = ?').get(`merged_pages:${table}`) as { value: string } | undefined;
  return row ? Number(row.value) : null;
}

/** Whether `table` is worth a full merge now. */
export function needsMerge(sqlite: Sqlite, table: FtsTable): boolean {
  const segments = ftsSegments(sqlite, table);
  if (segments === null || segments <= MAX_SEGMENTS) return false;
  const last = mergedAt(sqlite, table);
  return last === null || leafPages(sqlite, table) > last * GROWTH;
}

/**
 * Merges `table` into one segment, step by step (`pause` between steps; false stops it, and the next
 * run goes on where FTS5 left off). Returns the steps taken.
 */
export async function mergeFts(sqlite: Sqlite, table: FtsTable, pause: () => Promise<boolean>): Promise<number> {
  const step = sqlite.prepare(`INSERT INTO ${table} (${table}, rank) VALUES ('merge', ?)`);
  const changes = sqlite.prepare('SELECT total_changes() AS n');
  let steps = 0;
  for (;;) {
    const before = (changes.get() as { n: number }).n;
    // Negative: every segment, whatever its level, goes into the merge (as 'optimize' does, in steps).
    step.run(-STEP_PAGES);
    steps += 1;
    // FTS5 says a step that found nothing to do leaves total_changes() as it was.
    const worked = (changes.get() as { n: number }).n !== before;
    if (!worked || (ftsSegments(sqlite, table) ?? 1) <= 1) break;
    if (!(await pause())) return steps;
  }
  sqlite.prepare('INSERT OR REPLACE INTO search_meta (key, value) VALUES (?, ?)').run(`merged_pages:${table}`, String(leafPages(sqlite, table)));
  return steps;
}
