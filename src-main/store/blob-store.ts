// Content-addressed blobs (document files), chunked so no single row is large. The hash is checked on
// every read, so a corrupt chunk is reported instead of handed to the user.
import { createHash } from 'node:crypto';
import type { Sqlite } from './db.js';

const CHUNK_BYTES = 256 * 1024;

export interface BlobInfo {
  hash: string;
  size: number;
  mime: string;
}

export class BlobStore {
  private readonly stmt;
  private readonly storedListeners = new Set<(blob: BlobInfo) => void>();

  constructor(private readonly sqlite: Sqlite) {
    this.stmt = {
      info: sqlite.prepare('SELECT hash, size, mime FROM blobs WHERE hash = ?'),
      insert: sqlite.prepare('INSERT OR IGNORE INTO blobs (hash, size, mime, created_at, pinned, on_server) VALUES (?, ?, ?, ?, 1, ?)'),
      markOnServer: sqlite.prepare('UPDATE blobs SET on_server = 1 WHERE hash = ?'),
      toUpload: sqlite.prepare(
        `SELECT b.hash, b.mime, min(d.boardroom_id) AS roomId FROM blobs b JOIN documents d ON d.blob_hash = b.hash
         WHERE b.on_server = 0 AND d.deleted_at IS NULL GROUP BY b.hash ORDER BY b.created_at`,
      ),
      insertChunk: sqlite.prepare('INSERT OR REPLACE INTO blob_chunks (hash, n, data) VALUES (?, ?, ?)'),
      chunks: sqlite.prepare('SELECT data FROM blob_chunks WHERE hash = ? ORDER BY n'),
    };
  }

  static hashOf(data: Uint8Array): string {
    return createHash('sha256').update(data).digest('hex');
  }

  /**
   * Hears of every blob new to this device (attached here or downloaded by sync). It may be called
   * inside the caller's transaction, before the commit: a listener only notes the hash and reads later.
   */
  onStored(listener: (blob: BlobInfo) => void): () => void {
    this.storedListeners.add(listener);
    return () => this.storedListeners.delete(listener);
  }

  /** Stores `data` once, however often it is put; returns its sha256. */
  put(data: Uint8Array, mime: string, onServer = false): BlobInfo {
    const hash = BlobStore.hashOf(data);
    const stored = this.sqlite.transaction(() => {
      if (this.stmt.info.get(hash)) return false;
      this.stmt.insert.run(hash, data.byteLength, mime, Date.now(), onServer ? 1 : 0);
      for (let offset = 0, n = 0; offset < data.byteLength || n === 0; offset += CHUNK_BYTES, n++) {
        this.stmt.insertChunk.run(hash, n, data.subarray(offset, offset + CHUNK_BYTES));
      }
      return true;
    })();
    const info = { hash, size: data.byteLength, mime };
    if (stored) for (const listener of this.storedListeners) listener(info);
    return info;
  }

  markOnServer(hash: string): void {
    this.stmt.markOnServer.run(hash);
  }

  /** Blobs referenced by a live document that the sync server does not hold yet, with one room each. */
  notOnServer(): Array<{ hash: string; mime: string; roomId: string }> {
    return this.stmt.toUpload.all() as Array<{ hash: string; mime: string; roomId: string }>;
  }

  info(hash: string): BlobInfo | null {
    return (this.stmt.info.get(hash) as BlobInfo | undefined) ?? null;
  }

  /** The blob's bytes, or null when this device does not hold it. Throws when the bytes are corrupt. */
  get(hash: string): Buffer | null {
    if (!this.info(hash)) return null;
    const chunks = (this.stmt.chunks.all(hash) as Array<{ data: Buffer }>).map((r) => r.data);
    const data = Buffer.concat(chunks);
    if (BlobStore.hashOf(data) !== hash) throw new Error(`blob ${hash} is corrupt on this device (hash mismatch)`);
    return data;
  }
}
