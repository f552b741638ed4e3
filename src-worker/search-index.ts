// The instant-search index: MiniSearch over short fields only (room names, meeting and agenda titles,
// motions, action items, document titles, people). Pure, so it runs under node in tests;
// search.worker.ts runs it in a Web Worker and feeds it from main.
//
// Each keystroke is a prefix query. Fuzzy matching costs ~5x as much (measured: 7 ms vs 35 ms p95 over
// 300,000 titles), so it runs only where it pays: a term of at least FUZZY_MIN_TERM characters and
// fewer than FUZZY_BELOW prefix hits, which is when the user has probably mistyped.
import MiniSearch, { type SearchResult } from 'minisearch';

import type { FeedItem, SearchKind } from '../src-shared/search';

export type { FeedItem, SearchKind };

export type SearchItem = Omit<FeedItem, 'deleted' | 'clock'>;

export interface SearchHit extends SearchItem {
  score: number;
  /** Found by the fuzzy pass (a likely typo), not by prefix. */
  fuzzy: boolean;
}

export interface SearchOptions {
  limit: number;
  /** Rooms the user may read; items of other rooms never come back. People have no room. */
  rooms?: ReadonlySet<string> | null;
  kinds?: readonly SearchKind[];
  /** Only items of this room. */
  room?: string;
  /** Only items dated in [from, to] (meetings by their date); undated items pass. */
  from?: number;
  to?: number;
}

export interface SearchIndex {
  /** Applies feed entries in order: adds or replaces live ones, removes tombstones. */
  apply(items: readonly FeedItem[]): { added: number; removed: number };
  search(query: string, options: SearchOptions): SearchHit[];
  size(): number;
  /** The whole index as JSON text, to be stored by main and loaded with `loadSearchIndex`. */
  toJSON(): string;
}

export const FUZZY_MIN_TERM = 4;
export const FUZZY_BELOW = 5;
/** Bumped when fields or tokenizing change: a snapshot of another version is discarded. */
export const INDEX_VERSION = 2;

const FIELDS = ['title', 'subtitle'];
const STORE: Array<keyof SearchItem> = ['id', 'kind', 'title', 'subtitle', 'boardroomId', 'meetingId', 'at'];

function options() {
  return {
    fields: FIELDS,
    storeFields: STORE,
    searchOptions: { boost: { title: 3 }, combineWith: 'AND' as const, prefix: true },
  };
}

export function createSearchIndex(): SearchIndex {
  return wrap(new MiniSearch<SearchItem>(options()));
}

/** Restores an index from `toJSON()`; null when the text is from another index version or unreadable. */
export function loadSearchIndex(json: string): SearchIndex | null {
  try {
    const parsed = JSON.parse(json) as { version?: number; index?: unknown };
    if (parsed.version !== INDEX_VERSION || !parsed.index) return null;
    return wrap(MiniSearch.loadJS<SearchItem>(parsed.index as Parameters<typeof MiniSearch.loadJS>[0], options()));
  } catch {
    return null;
  }
}

function wrap(mini: MiniSearch<SearchItem>): SearchIndex {
  const hit = (r: SearchResult, fuzzy: boolean): SearchHit => ({
    id: String(r.id),
    kind: r.kind as SearchKind,
    title: String(r.title),
    subtitle: String(r.subtitle ?? ''),
    boardroomId: (r.boardroomId as string | null) ?? null,
    meetingId: (r.meetingId as string | null) ?? null,
    at: (r.at as number | null) ?? null,
    score: r.score,
    fuzzy,
  });

  return {
    apply(items) {
      let added = 0;
      let removed = 0;
      for (const item of items) {
        if (mini.has(item.id)) {
          // discard() marks the entry gone at once; MiniSearch vacuums its posting lists later.
          mini.discard(item.id);
          if (item.deleted) removed++;
        }
        if (!item.deleted) {
          const { id, kind, title, subtitle, boardroomId, meetingId, at } = item;
          mini.add({ id, kind, title, subtitle, boardroomId, meetingId, at });
          added++;
        }
      }
      return { added, removed };
    },

    search(query, { limit, rooms, kinds, room, from, to }) {
      const q = query.trim();
      if (!q || limit <= 0) return [];
      const filter = (r: SearchResult) => {
        const roomId = r.boardroomId as string | null;
        const at = r.at as number | null;
        return (
          (!kinds || kinds.includes(r.kind as SearchKind)) &&
          (!rooms || roomId == null || rooms.has(roomId)) &&
          (!room || roomId === room) &&
          (at == null || ((from === undefined || at >= from) && (to === undefined || at <= to)))
        );
      };
      const exact = mini.search(q, { filter });
      const hits = exact.slice(0, limit).map((r) => hit(r, false));
      const longest = Math.max(...q.split(/\s+/).map((t) => t.length));
      if (exact.length >= FUZZY_BELOW || longest < FUZZY_MIN_TERM || hits.length >= limit) return hits;
      const seen = new Set(hits.map((h) => h.id));
      const fuzzy = mini.search(q, {
        filter,
        fuzzy: (term) => (term.length >= FUZZY_MIN_TERM ? 0.25 : false),
        combineWith: 'AND',
      });
      for (const r of fuzzy) {
        if (hits.length >= limit) break;
        if (!seen.has(String(r.id))) hits.push(hit(r, true));
      }
      return hits;
    },

    size: () => mini.documentCount,

    toJSON: () => JSON.stringify({ version: INDEX_VERSION, index: mini }),
  };
}
