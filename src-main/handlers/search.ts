// Search requests: the instant-search feed and snapshot for the renderer's worker, full-text queries
// (run by the search service in a worker thread), and a document's text at a page.
import type { Handlers } from '../../src-shared/contract.js';
import { AppError, notFound } from '../../src-shared/errors.js';
import { LIMITS } from '../../src-shared/limits.js';
import type { FeedPage, FullTextKind, FullTextResult, PageText, SnapshotPart } from '../../src-shared/search.js';
import { statement } from '../store/db.js';
import { requireRoom } from './access.js';
import type { HandlerContext } from './context.js';

/** What the handlers need of the search service (src-main/search). */
export interface SearchPort {
  feed(after: number, limit: number): FeedPage;
  loadSnapshot(): Promise<{ clock: number; data: string } | null>;
  saveSnapshot(clock: number, data: string): Promise<void>;
  query(q: {
    text: string;
    boardroomId?: string;
    kinds?: FullTextKind[];
    from?: number;
    to?: number;
    limit: number;
    offset: number;
  }): Promise<FullTextResult>;
  pageText(documentId: string, page: number): PageText | null;
}

/** Parts of a snapshot being uploaded or downloaded are held this long at most. */
const PARTS_TTL_MS = 60_000;

interface Parts {
  clock: number;
  parts: string[];
  received: number;
  timer: NodeJS.Timeout;
}

export function searchHandlers(
  ctx: HandlerContext,
  search: SearchPort,
): Pick<Handlers, 'search.feed' | 'search.snapshotLoad' | 'search.snapshotSave' | 'search.fullText' | 'documents.pageText'> {
  let upload: Parts | null = null;
  let download: Parts | null = null;
  const drop = (p: Parts | null) => {
    if (p) clearTimeout(p.timer);
    return null;
  };
  const hold = (clock: number, parts: string[], received: number, onExpire: () => void): Parts => {
    const timer = setTimeout(onExpire, PARTS_TTL_MS);
    timer.unref();
    return { clock, parts, received, timer };
  };

  return {
    'search.feed': ({ after, limit }) => search.feed(after, limit),

    'search.snapshotLoad': async ({ part }): Promise<SnapshotPart | null> => {
      if (part === 0) {
        download = drop(download);
        const snapshot = await search.loadSnapshot();
        if (!snapshot) return null;
        const chunks: string[] = [];
        for (let i = 0; i < snapshot.data.length; i += LIMITS.snapshotPartChars) chunks.push(snapshot.data.slice(i, i + LIMITS.snapshotPartChars));
        if (chunks.length === 0) chunks.push('');
        if (chunks.length > LIMITS.snapshotParts) return null;
        download = hold(snapshot.clock, chunks, 0, () => (download = null));
      }
      if (!download || part >= download.parts.length) {
        throw new AppError('conflict', 'the search snapshot changed while it was read: start again from part 0');
      }
      const result = { clock: download.clock, part, parts: download.parts.length, data: download.parts[part]! };
      if (part === download.parts.length - 1) download = drop(download);
      return result;
    },

    'search.snapshotSave': async ({ clock, part, parts, data }) => {
      if (part === 0) {
        upload = drop(upload);
        upload = hold(clock, new Array<string>(parts).fill(''), 0, () => (upload = null));
      }
      if (!upload || upload.clock !== clock || upload.parts.length !== parts) {
        throw new AppError('conflict', 'this snapshot part does not belong to the snapshot being saved: start again from part 0');
      }
      upload.parts[part] = data;
      upload.received++;
      if (upload.received === parts) {
        const whole = upload.parts.join('');
        upload = drop(upload);
        await search.saveSnapshot(clock, whole);
      }
    },

    'search.fullText': (q) => {
      if (q.boardroomId) requireRoom(ctx, q.boardroomId);
      return search.query(q);
    },

    'documents.pageText': ({ id, page }) => {
      const row = statement(ctx.sqlite, 'SELECT boardroom_id AS boardroomId FROM documents WHERE id = ? AND deleted_at IS NULL').get(id) as
        | { boardroomId: string }
        | undefined;
      if (!row) throw notFound(`no document with id ${id}`);
      requireRoom(ctx, row.boardroomId);
      const text = search.pageText(id, page);
      if (!text) throw notFound(`page ${page} of this document has no text (yet): it may still be indexing, or it has fewer pages`);
      return text;
    },
  };
}
