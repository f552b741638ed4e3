// The text of document files, by content hash (the same file attached twice is read once): a queue of
// blobs to read, one extraction worker thread that reads them, and the writes of their pages through
// main's connection, one short transaction per batch of pages.
import type { Worker } from 'node:worker_threads';
import type { Sqlite } from '../store/db.js';
import type { ExtractReply, ExtractRequest } from './extract-worker.js';
import { isExtractable, type TextPage } from './text-pages.js';
import { startWorker } from './worker-entry.js';

export interface DocumentTextOptions {
  sqlite: Sqlite;
  dbFile: string;
  progress: (task: string, done: number, total: number) => void;
  log: (message: string) => void;
}

export class DocumentText {
  private readonly queue = new Set<string>();
  private worker: Worker | null = null;
  private current: { hash: string; worker: Worker; settle: (error?: Error) => void } | null = null;
  private closed = false;
  private readonly stmt;

  constructor(private readonly options: DocumentTextOptions) {
    const { sqlite } = options;
    this.stmt = {
      unread: sqlite.prepare(
        `SELECT DISTINCT d.blob_hash AS hash FROM documents d JOIN blobs b ON b.hash = d.blob_hash
         WHERE d.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM document_text t WHERE t.blob_hash = d.blob_hash)`,
      ),
      blob: sqlite.prepare('SELECT mime FROM blobs WHERE hash = ?'),
      title: sqlite.prepare('SELECT title FROM documents WHERE blob_hash = ? ORDER BY deleted_at IS NOT NULL, created_at LIMIT 1'),
      clearPages: sqlite.prepare('DELETE FROM document_pages WHERE blob_hash = ?'),
      // OR REPLACE: a page written twice (a read retried after its worker died) replaces the first.
      insertPage: sqlite.prepare('INSERT OR REPLACE INTO document_pages (blob_hash, page, text) VALUES (?, ?, ?)'),
      finish: sqlite.prepare(
        'INSERT OR REPLACE INTO document_text (blob_hash, pages, status, error, extracted_at) VALUES (?, ?, ?, ?, ?)',
      ),
      document: sqlite.prepare(
        `SELECT d.blob_hash AS hash, coalesce(t.pages, 0) AS pages FROM documents d
         LEFT JOIN document_text t ON t.blob_hash = d.blob_hash WHERE d.id = ?`,
      ),
      page: sqlite.prepare('SELECT text FROM document_pages WHERE blob_hash = ? AND page = ?'),
    };
  }

  /** Live documents whose file is on this device but whose text was never read. */
  enqueueUnread(): void {
    for (const { hash } of this.stmt.unread.all() as Array<{ hash: string }>) this.queue.add(hash);
  }

  /** Safe inside a transaction: only remembers the hash; `drain` reads it later. */
  enqueue(hash: string): void {
    if (!this.closed) this.queue.add(hash);
  }

  hasQueued(): boolean {
    return this.queue.size > 0;
  }

  /** Reads every queued file, one at a time; stops the worker when the queue is empty. */
  async drain(): Promise<void> {
    while (!this.closed && this.queue.size > 0) {
      const hash = this.queue.values().next().value as string;
      this.queue.delete(hash);
      await this.read(hash);
    }
    this.stopWorker();
  }

  pageText(documentId: string, page: number): { page: number; pages: number; text: string } | null {
    const doc = this.stmt.document.get(documentId) as { hash: string; pages: number } | undefined;
    if (!doc || page < 1 || page > doc.pages) return null;
    const row = this.stmt.page.get(doc.hash, page) as { text: string } | undefined;
    return { page, pages: doc.pages, text: row?.text ?? '' };
  }

  close(): Promise<void> {
    this.closed = true;
    this.queue.clear();
    return this.stopWorker();
  }

  private async read(hash: string): Promise<void> {
    const blob = this.stmt.blob.get(hash) as { mime: string } | undefined;
    if (!blob) return;
    const title = (this.stmt.title.get(hash) as { title: string } | undefined)?.title ?? `file ${hash.slice(0, 8)}`;
    if (!isExtractable(blob.mime)) {
      this.stmt.finish.run(hash, 0, 'skipped', null, Date.now());
      return;
    }
    const task = `Indexing ${title}`;
    const { sqlite, progress, log } = this.options;
    let written = 0;
    let total = 0;
    const write = (pages: TextPage[]) => {
      sqlite.transaction(() => {
        if (written === 0) this.stmt.clearPages.run(hash);
        for (const p of pages) this.stmt.insertPage.run(hash, p.page, p.text);
      })();
      written += pages.length;
    };
    progress(task, 0, 1);
    const outcome = await new Promise<ExtractReply>((resolve) => {
      const worker = this.ensureWorker();
      this.current = {
        hash,
        worker,
        settle: (error) => {
          worker.off('message', onMessage);
          resolve({ hash, type: 'failed', message: error?.message ?? 'the extraction worker stopped' });
        },
      };
      const onMessage = (reply: ExtractReply) => {
        if (reply.hash !== hash || this.closed || this.current?.worker !== worker || this.current.hash !== hash) return;
        if (reply.type === 'pages') {
          total = reply.total;
          write(reply.pages);
          progress(task, written, total);
          return;
        }
        worker.off('message', onMessage);
        resolve(reply);
      };
      worker.on('message', onMessage);
      worker.postMessage({ hash, mime: blob.mime } satisfies ExtractRequest);
    });
    this.current = null;
    if (this.closed || outcome.type === 'missing') return;
    if (outcome.type === 'done') {
      if (written === 0) this.stmt.clearPages.run(hash);
      this.stmt.finish.run(hash, written, 'done', null, Date.now());
    } else if (outcome.type === 'failed') {
      log(`Could not read the text of "${title}" (${blob.mime}, ${hash.slice(0, 12)}): ${outcome.message}. It stays searchable by its title.`);
      this.stmt.finish.run(hash, written, 'failed', outcome.message.slice(0, 500), Date.now());
    }
    progress(task, Math.max(written, total), Math.max(written, total));
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker('extract', { dbFile: this.options.dbFile });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      // Only the read this worker was doing: a stopped worker's late exit must not end the next read.
      if (this.current?.worker === worker) this.current.settle(error);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the extraction worker exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private async stopWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}
