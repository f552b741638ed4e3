// Worker thread: answers full-text queries on its own read-only connection, so a slow query never
// holds main's event loop (WAL lets it read while main writes).
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { runFullText, type FullTextQuery } from './fulltext-query.js';

export interface QueryRequest {
  id: number;
  query: FullTextQuery;
  userId: string;
}

export type QueryReply = { id: number; ok: true; hits: ReturnType<typeof runFullText>; tookMs: number } | { id: number; ok: false; message: string };

const { dbFile } = workerData as { dbFile: string };
const db = new Database(dbFile, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('mmap_size = 268435456');

parentPort!.on('message', ({ id, query, userId }: QueryRequest) => {
  const started = performance.now();
  let reply: QueryReply;
  try {
    const hits = runFullText(db, query, userId);
    reply = { id, ok: true, hits, tookMs: performance.now() - started };
  } catch (error) {
    reply = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
