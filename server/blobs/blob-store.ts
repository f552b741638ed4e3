// Content-addressed files (sha256) in Postgres, in 1 MiB chunks. A blob is readable by the members
// of any room that references it, so one upload shared by two rooms is stored once.
import type { Database, Queryable } from '../db/database.js';

const CHUNK_BYTES = 1024 * 1024;

export interface BlobInfo {
  hash: string;
  size: number;
  mime: string;
}

/** Stores the blob (once) and records that `roomId` references it. */
export async function putBlob(db: Database, blob: BlobInfo & { data: Buffer }, roomId: string, userId: string): Promise<'stored' | 'existed'> {
  return db.transaction(async (tx) => {
    const inserted = await tx.query('INSERT INTO blobs (hash, size, mime) VALUES ($1, $2, $3) ON CONFLICT (hash) DO NOTHING RETURNING hash', [
      blob.hash,
      blob.size,
      blob.mime,
    ]);
    if (inserted.length > 0) {
      for (let n = 0, offset = 0; offset < blob.data.length || n === 0; n++, offset += CHUNK_BYTES) {
        await tx.query('INSERT INTO blob_chunks (hash, n, data) VALUES ($1, $2, $3)', [blob.hash, n, blob.data.subarray(offset, offset + CHUNK_BYTES)]);
      }
    }
    await tx.query(
      'INSERT INTO blob_rooms (hash, boardroom_id, uploaded_by) VALUES ($1, $2, $3) ON CONFLICT (hash, boardroom_id) DO NOTHING',
      [blob.hash, roomId, userId],
    );
    return inserted.length > 0 ? 'stored' : 'existed';
  });
}

/** The blob's metadata when `userId` is an active member of a room referencing it; null otherwise. */
export async function readableBlob(q: Queryable, hash: string, userId: string): Promise<BlobInfo | null> {
  const [row] = await q.query<BlobInfo>(
    `SELECT b.hash, b.size, b.mime FROM blobs b WHERE b.hash = $1 AND EXISTS (
       SELECT 1 FROM blob_rooms r JOIN boardroom_members m ON m.boardroom_id = r.boardroom_id
       WHERE r.hash = b.hash AND m.user_id = $2 AND m.active)`,
    [hash, userId],
  );
  return row ?? null;
}

export async function blobData(q: Queryable, hash: string): Promise<Buffer> {
  const rows = await q.query<{ data: Uint8Array }>('SELECT data FROM blob_chunks WHERE hash = $1 ORDER BY n', [hash]);
  return Buffer.concat(rows.map((r) => Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength)));
}
