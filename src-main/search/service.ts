// Main's search service (issue 4): the instant-search feed the renderer's MiniSearch worker pulls,
// its saved snapshot, full-text queries answered in a worker thread, and the background work that
// keeps the index whole: a re-index when SEARCH_SCHEMA_VERSION changes, and reading the text of
// document files as they arrive. The feed and the FTS rows of agenda, minutes and document titles are
// kept current by triggers (drizzle/local/0002_search.sql), inside each projection's transaction.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';
import type { BlobStore } from '../store/blob-store.js';
import type { Sqlite } from '../store/db.js';
import { DocumentText } from './document-text.js';
import { FTS_TABLES, mergeFts, needsMerge } from './fts-merge.js';
import type { FullTextHit, FullTextQuery } from './fulltext-query.js';
import { readableRooms } from './fulltext-query.js';
import type { QueryReply, QueryRequest } from './query-worker.js';
import { rebuildSearchIndex, SEARCH_SCHEMA_VERSION, storedSchemaVersion } from './rebuild.js';
import { SnapshotStore } from './snapshot-store.js';
import { startWorker } from './worker-entry.js';

export type { FullTextHit, FullTextKind, FullTextQuery } from './fulltext-query.js';
export { SEARCH_SCHEMA_VERSION } from './rebuild.js';

export interface SearchServiceOptions {
  /** Main's writer connection (src-main/store/db.ts). */
  sqlite: Sqlite;
  /** The same database's file, for the worker threads' read-only connections. */
  dbFile: string;
  blobs: BlobStore;
  /** The local user: full-text results come only from rooms where they are an active member. */
  userId: () => string;
  /** Becomes the `progress` event; done === total means finished. */
  progress: (task: string, done: number, total: number) => void;
  log: (message: string) => void;
  /** For tests: the version this service indexes at (default SEARCH_SCHEMA_VERSION). */
  schemaVersion?: number;
}

export type SearchKind = 'boardroom' | 'meeting' | 'agenda' | 'decision' | 'action' | 'document' | 'person';

export interface FeedItem {
  id: string;
  kind: SearchKind;
  title: string;
  subtitle: string;
  boardroomId: string | null;
  meetingId: string | null;
  at: number | null;
  deleted: boolean;
  clock: number;
}

export interface FeedPage {
  items: FeedItem[];
  /** The clock of the last item returned (the caller's `after` when none). */
  clock: number;
  more: boolean;
  /** Rooms the local user may read now: hits from any other room are to be dropped. */
  readableRooms: string[];
}

const REBUILD_TASK = 'Rebuilding the search index';
/** How often the feed's readers may start a background check of the FTS segments (synced rows arrive through triggers). */
const MERGE_CHECK_MS = 60_000;
const SETTLE_ROWS = 500;
const ITEM_KINDS = ['boardroom', 'meeting', 'agenda', 'action', 'decision', 'document', 'person'] as const;
const FULLTEXT_KINDS = ['agenda', 'minutes', 'document'] as const;
type Statement = ReturnType<Sqlite['prepare']>;

interface FeedRow {
  id: string;
  kind: SearchKind;
  title: string;
  subtitle: string;
  boardroom_id: string | null;
  meeting_id: string | null;
  at: number | null;
  deleted: number;
  clock: number;
}

export class SearchService {
  private readonly texts: DocumentText;
  private readonly version: number;
  private working: Promise<void> | null = null;
  private closed = false;
  private queryWorker: Worker | null = null;
  private readonly pending = new Map<number, { resolve: (r: { hits: FullTextHit[]; tookMs: number }) => void; reject: (e: Error) => void }>();
  private nextQueryId = 1;
  private lastBackground = 0;
  private readonly unhookBlobs: () => void;
  private readonly snapshots: SnapshotStore;
  private readonly stmt;

  private constructor(private readonly options: SearchServiceOptions) {
    const { sqlite } = options;
    this.version = options.schemaVersion ?? SEARCH_SCHEMA_VERSION;
    this.texts = new DocumentText(options);
    this.snapshots = new SnapshotStore(sqlite, () => this.closed);
    this.stmt = {
      feed: sqlite.prepare(
        'SELECT id, kind, title, subtitle, boardroom_id, meeting_id, at, deleted, clock FROM search_items WHERE clock > ? ORDER BY clock LIMIT ?',
      ),
      feedAt: sqlite.prepare('SELECT id, kind, title, subtitle, boardroom_id, meeting_id, at, deleted, clock FROM search_items WHERE clock = ?'),
      after: sqlite.prepare('SELECT 1 FROM search_items WHERE clock > ? LIMIT 1'),
      dirty: sqlite.prepare(`SELECT kind, id FROM search_dirty LIMIT ${SETTLE_ROWS}`),
      undirty: sqlite.prepare('DELETE FROM search_dirty WHERE kind = ? AND id = ?'),
      tombstone: sqlite.prepare(
        'UPDATE search_items SET deleted = 1, clock = (SELECT max(clock) FROM search_items) + 1 WHERE kind = ? AND id = ? AND deleted = 0',
      ),
      dropFulltext: sqlite.prepare('DELETE FROM fulltext WHERE rowid = (SELECT id FROM fulltext_keys WHERE kind = ? AND ref = ?)'),
      dropFulltextKey: sqlite.prepare('DELETE FROM fulltext_keys WHERE kind = ? AND ref = ?'),
      itemExists: Object.fromEntries(
        ITEM_KINDS.map((kind) => [kind, sqlite.prepare(`SELECT 1 FROM search_source_${kind} WHERE id = ?`)]),
      ) as Record<string, Statement>,
      fulltextExists: Object.fromEntries(
        FULLTEXT_KINDS.map((kind) => [kind, sqlite.prepare(`SELECT 1 FROM fulltext_source_${kind} WHERE ref = ?`)]),
      ) as Record<string, Statement>,
    };
    this.unhookBlobs = options.blobs.onStored((blob) => {
      this.texts.enqueue(blob.hash);
      this.kick();
    });
  }

  /** Starts the background work (a re-index if the version changed, unread document files) and returns at once. */
  static open(options: SearchServiceOptions): SearchService {
    const service = new SearchService(options);
    service.kick();
    return service;
  }

  /** Short fields changed after `after`, in clock order; rows sharing the page's last clock all come together. */
  feed(after: number, limit: number): FeedPage {
    this.settleDeletions();
    if (Date.now() - this.lastBackground > MERGE_CHECK_MS) this.kick();
    const rows = this.stmt.feed.all(after, limit) as FeedRow[];
    const last = rows.at(-1);
    if (last && rows.length === limit) {
      const seen = new Set(rows.map((r) => `${r.kind}:${r.id}`));
      for (const row of this.stmt.feedAt.all(last.clock) as FeedRow[]) if (!seen.has(`${row.kind}:${row.id}`)) rows.push(row);
    }
    const clock = last?.clock ?? after;
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        title: r.title,
        subtitle: r.subtitle,
        boardroomId: r.boardroom_id,
        meetingId: r.meeting_id,
        at: r.at,
        deleted: r.deleted !== 0,
        clock: r.clock,
      })),
      clock,
      more: this.stmt.after.get(clock) !== undefined,
      readableRooms: readableRooms(this.options.sqlite, this.options.userId()),
    };
  }

  /** The renderer worker's MiniSearch snapshot, read a part per turn: snapshot-store.ts. */
  loadSnapshot(): Promise<{ clock: number; data: string } | null> {
    return this.snapshots.load();
  }

  /** Stored a part per turn; when saves overlap, the last one called wins. */
  saveSnapshot(clock: number, data: string): Promise<void> {
    return this.snapshots.save(clock, data);
  }

  /** Runs in the query worker on a read-only connection; main's loop only posts and receives. */
  query(q: FullTextQuery): Promise<{ hits: FullTextHit[]; tookMs: number }> {
    if (this.closed) return Promise.reject(new Error('search is closed'));
    const worker = this.ensureQueryWorker();
    const id = this.nextQueryId++;
    // Referenced while a query is out, so a script awaiting it is not ended under it.
    if (this.pending.size === 0) worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, query: q, userId: this.options.userId() } satisfies QueryRequest);
    });
  }

  /** A document's text at a page, for opening it where it matched (the caller checks access). */
  pageText(documentId: string, page: number): { page: number; pages: number; text: string } | null {
    return this.texts.pageText(documentId, page);
  }

  /** Resolves once re-indexing and text extraction have nothing left to do (tests, benchmarks). */
  async whenIdle(): Promise<void> {
    for (;;) {
      if (this.working) await this.working;
      else if (!this.closed && this.texts.hasQueued()) this.kick();
      else return;
    }
  }

  /**
   * Stops at once: no database access after this returns (so the caller may close the database right
   * after calling it); the promise settles when the worker threads have exited.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unhookBlobs();
    for (const { reject } of this.pending.values()) reject(new Error('search is closed'));
    this.pending.clear();
    const worker = this.queryWorker;
    this.queryWorker = null;
    await Promise.all([this.texts.close(), worker?.terminate()]);
  }

  /**
   * Rows deleted from projection tables and not re-inserted since become tombstones in the feed and
   * leave the full-text index (queries never show them meanwhile: they join the live rows).
   */
  private settleDeletions(): void {
    const { sqlite } = this.options;
    for (;;) {
      const settled = sqlite.transaction(() => {
        const rows = this.stmt.dirty.all() as Array<{ kind: string; id: string }>;
        for (const { kind, id } of rows) {
          const item = this.stmt.itemExists[kind];
          if (item && !item.get(id)) this.stmt.tombstone.run(kind, id);
          const text = this.stmt.fulltextExists[kind];
          if (text && !text.get(id)) {
            this.stmt.dropFulltext.run(kind, id);
            this.stmt.dropFulltextKey.run(kind, id);
          }
          this.stmt.undirty.run(kind, id);
        }
        return rows.length;
      })();
      if (settled < SETTLE_ROWS) return;
    }
  }

  private kick(): void {
    if (this.working || this.closed) return;
    this.lastBackground = Date.now();
    this.working = this.background().finally(() => {
      this.working = null;
      if (!this.closed && this.texts.hasQueued()) this.kick();
    });
  }

  private async background(): Promise<void> {
    // Never inside the caller's turn: a blob stored mid-transaction is read after the commit.
    await nextTurn();
    if (this.closed) return;
    const { sqlite, progress, log } = this.options;
    try {
      this.settleDeletions();
      if (storedSchemaVersion(sqlite) !== this.version) {
        const started = performance.now();
        const finished = await rebuildSearchIndex(sqlite, this.version, {
          progress: (done, total) => progress(REBUILD_TASK, done, total),
          pause: async () => {
            await nextTurn();
            return !this.closed;
          },
        });
        if (finished) log(`Rebuilt the search index (version ${this.version}) in ${(performance.now() - started).toFixed(0)} ms`);
        if (!finished) return;
      }
      this.texts.enqueueUnread();
      await this.texts.drain();
      await this.mergeSegments();
    } catch (error) {
      if (!this.closed) log(`Search indexing stopped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  /** Bulk writes leave the FTS indexes in many segments, which every query reads: fts-merge.ts. */
  private async mergeSegments(): Promise<void> {
    const pause = async () => {
      await nextTurn();
      return !this.closed;
    };
    for (const table of FTS_TABLES) {
      if (this.closed || !needsMerge(this.options.sqlite, table)) continue;
      const started = performance.now();
      const steps = await mergeFts(this.options.sqlite, table, pause);
      if (!this.closed) this.options.log(`Merged the ${table} search index in ${steps} steps, ${(performance.now() - started).toFixed(0)} ms`);
    }
  }

  private ensureQueryWorker(): Worker {
    if (this.queryWorker) return this.queryWorker;
    const worker = startWorker('query', { dbFile: this.options.dbFile });
    worker.on('message', (reply: QueryReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (reply.ok) waiting.resolve({ hits: reply.hits, tookMs: reply.tookMs });
      else waiting.reject(new Error(`full-text search failed: ${reply.message}`));
    });
    const fail = (error: Error) => {
      if (this.queryWorker === worker) this.queryWorker = null;
      for (const { reject } of this.pending.values()) reject(error);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the search worker exited with code ${code}`)));
    // A worker waiting for queries must not keep a closing process alive.
    worker.unref();
    this.queryWorker = worker;
    return worker;
  }
}
