// Every doc's ordered log in Postgres: doc_updates rows plus one compacted snapshot.
//
// Ordering invariant: every writer takes the doc's advisory lock before it inserts, and holds it to
// commit. So for one doc, seq order is commit order, and a reader that has seen seq N has seen every
// committed row below N: "rows with seq > N" is exactly what it misses, with no gaps.
import * as Y from 'yjs';
import { defineDocLayout } from '../../src-shared/docs/index.js';
import type { Queryable } from '../db/database.js';

/** Compaction thresholds (DESIGN.md): merge into the snapshot past either one, never per write. */
export const COMPACT_AFTER_UPDATES = 500;
export const COMPACT_AFTER_BYTES = 1024 * 1024;

export interface LogRead {
  /** The snapshot (when it covers rows the reader has not seen) followed by the rows after `since`. */
  updates: Uint8Array[];
  /** The highest seq these updates cover; `since` when there was nothing new. */
  headSeq: number;
  /** How many of `updates` are log rows (not the snapshot), and their bytes. */
  rows: number;
  rowBytes: number;
}

/** Serialises writers of one doc until the transaction ends. */
export async function lockDoc(tx: Queryable, docId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [docId]);
}

/** Appends updates (call after `lockDoc` in the same transaction); returns their seqs in order. */
export async function appendUpdates(tx: Queryable, docId: string, updates: Uint8Array[]): Promise<number[]> {
  if (updates.length === 0) return [];
  const values = updates.map((_, i) => `($1, $${i + 2})`).join(', ');
  const rows = await tx.query<{ seq: number }>(
    `INSERT INTO doc_updates (doc_id, data) VALUES ${values} RETURNING seq`,
    [docId, ...updates],
  );
  return rows.map((r) => r.seq).sort((a, b) => a - b);
}

/**
 * What a reader that has seen everything up to `since` is missing. One statement, so the snapshot
 * and the rows come from one consistent view even while another process compacts.
 */
export async function readSince(q: Queryable, docId: string, since: number): Promise<LogRead> {
  const rows = await q.query<{ snapshot: boolean; seq: number; data: Uint8Array }>(
    `SELECT true AS snapshot, upto_seq AS seq, data FROM doc_snapshots WHERE doc_id = $1 AND upto_seq > $2
     UNION ALL
     SELECT false AS snapshot, seq, data FROM doc_updates WHERE doc_id = $1 AND seq > $2
     ORDER BY snapshot DESC, seq`,
    [docId, since],
  );
  let headSeq = since;
  let logRows = 0;
  let rowBytes = 0;
  for (const row of rows) {
    headSeq = Math.max(headSeq, row.seq);
    if (!row.snapshot) {
      logRows += 1;
      rowBytes += row.data.byteLength;
    }
  }
  return { updates: rows.map((r) => r.data), headSeq, rows: logRows, rowBytes };
}

/** The highest seq of each doc among `docIds` (snapshots included), for the periodic catch-up. */
export async function headSeqs(q: Queryable, docIds: string[]): Promise<Map<string, number>> {
  const rows = await q.query<{ doc_id: string; head: number }>(
    `SELECT doc_id, max(seq) AS head FROM (
       SELECT doc_id, seq FROM doc_updates WHERE doc_id = ANY($1::text[])
       UNION ALL SELECT doc_id, upto_seq FROM doc_snapshots WHERE doc_id = ANY($1::text[])
     ) heads GROUP BY doc_id`,
    [docIds],
  );
  return new Map(rows.map((r) => [r.doc_id, r.head]));
}

/** Rebuilds a doc from its log, for server-side writers that must start from the committed state. */
export async function loadDoc(q: Queryable, docId: string): Promise<{ doc: Y.Doc; headSeq: number }> {
  const read = await readSince(q, docId, 0);
  const doc = new Y.Doc({ gc: true });
  defineDocLayout(docId, doc);
  doc.transact(() => {
    for (const update of read.updates) Y.applyUpdate(doc, update);
  });
  return { doc, headSeq: read.headSeq };
}

/**
 * Merges the doc's rows into its snapshot when it passed a threshold. Runs under the doc's lock and
 * re-reads the snapshot's upto_seq there, so two processes compacting at once merge each row once.
 * Replays into a Y.Doc rather than Y.mergeUpdates: it garbage-collects deleted content (see the
 * desktop's compaction for the measurement). Returns whether it compacted.
 */
export async function compactDoc(
  db: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> },
  docId: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    await lockDoc(tx, docId);
    const [stats] = await tx.query<{ n: number; bytes: number }>(
      `SELECT count(*)::int AS n, coalesce(sum(octet_length(data)), 0)::int8 AS bytes
       FROM doc_updates WHERE doc_id = $1`,
      [docId],
    );
    if (!stats || (stats.n < COMPACT_AFTER_UPDATES && stats.bytes < COMPACT_AFTER_BYTES) || stats.n < 2) return false;
    const { doc, headSeq } = await loadDoc(tx, docId);
    try {
      await tx.query(
        `INSERT INTO doc_snapshots (doc_id, data, state_vector, upto_seq, updated_at) VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (doc_id) DO UPDATE SET data = excluded.data, state_vector = excluded.state_vector,
           upto_seq = excluded.upto_seq, updated_at = excluded.updated_at
         WHERE doc_snapshots.upto_seq < excluded.upto_seq`,
        [docId, Y.encodeStateAsUpdate(doc), Y.encodeStateVector(doc), headSeq],
      );
      await tx.query('DELETE FROM doc_updates WHERE doc_id = $1 AND seq <= $2', [docId, headSeq]);
    } finally {
      doc.destroy();
    }
    return true;
  });
}
