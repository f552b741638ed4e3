// Worker thread: reads a blob on its own read-only connection, extracts its text page by page and
// posts the pages in batches; main writes them through its one writer connection.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { extractPages, type TextPage } from './text-pages.js';

export interface ExtractRequest {
  hash: string;
  mime: string;
}

export type ExtractReply =
  | { hash: string; type: 'pages'; pages: TextPage[]; total: number }
  | { hash: string; type: 'done'; total: number }
  | { hash: string; type: 'missing' }
  | { hash: string; type: 'failed'; message: string };

/** A batch is posted at this many pages or characters, whichever comes first. */
const BATCH_PAGES = 10;
const BATCH_CHARS = 64 * 1024;

const { dbFile } = workerData as { dbFile: string };
const db = new Database(dbFile, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const chunks = db.prepare('SELECT data FROM blob_chunks WHERE hash = ? ORDER BY n');

const post = (reply: ExtractReply) => parentPort!.postMessage(reply);

async function extract({ hash, mime }: ExtractRequest): Promise<void> {
  const rows = chunks.all(hash) as Array<{ data: Buffer }>;
  if (rows.length === 0) return post({ hash, type: 'missing' });
  const data = Buffer.concat(rows.map((r) => r.data));
  if (createHash('sha256').update(data).digest('hex') !== hash) {
    return post({ hash, type: 'failed', message: 'the stored file is corrupt (its sha256 does not match)' });
  }
  let batch: TextPage[] = [];
  let chars = 0;
  let total = 0;
  const flush = () => {
    if (batch.length > 0) post({ hash, type: 'pages', pages: batch, total });
    batch = [];
    chars = 0;
  };
  try {
    total = await extractPages(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), mime, (page, pages) => {
      total = pages;
      batch.push(page);
      chars += page.text.length;
      if (batch.length >= BATCH_PAGES || chars >= BATCH_CHARS) flush();
    });
    flush();
    post({ hash, type: 'done', total });
  } catch (error) {
    flush();
    post({ hash, type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}

// One file at a time: main sends the next request after this one's done, missing or failed.
parentPort!.on('message', (request: ExtractRequest) => void extract(request));
